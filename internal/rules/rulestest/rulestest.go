// Package rulestest is the one test every rule goes through: it runs each
// registered rule against its fixtures and checks that every resource gets the
// result its name promises.
//
// Fixtures live in testdata/<rule-id>/<case>/ beside the rule's package. Each
// case is a self-contained input (a Terraform module directory). A resource of
// one of the rule's kinds is named for its expected result: pass…, fail…,
// unknown…, or skip… (the rule records nothing for it). A Terraform settings
// block has no name of its own: the case directory names it in the root
// module ("pass-s3-locked"), the module call in a child ("module \"skip_child\"").
package rulestest

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/source/terraform"
)

// Run checks every registered rule of the given platforms against
// testdata/<rule-id>/. A rule without fixtures, or without at least one
// passing and one failing resource, fails the test.
func Run(t *testing.T, testdata string, platforms ...string) {
	t.Helper()
	want := map[string]bool{}
	for _, p := range platforms {
		want[p] = true
	}
	n := 0
	for _, rule := range rules.All() {
		if !want[rule.Platform()] {
			continue
		}
		n++
		t.Run(rule.ID, func(t *testing.T) { runRule(t, rule, filepath.Join(testdata, rule.ID)) })
	}
	if n == 0 {
		t.Fatalf("no rules registered for platforms %v", platforms)
	}
}

func runRule(t *testing.T, rule *rules.Rule, dir string) {
	cases, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("rule %s has no fixtures: create %s/<case>/ with passing and failing resources (%v)", rule.ID, dir, err)
	}
	seen := map[string]int{}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		caseDir := filepath.Join(dir, c.Name())
		t.Run(c.Name(), func(t *testing.T) {
			for k, v := range runCase(t, rule, c.Name(), caseDir) {
				seen[k] += v
			}
		})
	}
	if seen["pass"] == 0 || seen["fail"] == 0 {
		t.Errorf("rule %s: fixtures need at least one pass… and one fail… resource; have %v", rule.ID, seen)
	}
}

// runCase loads one case and returns how many resources of each expectation it checked.
func runCase(t *testing.T, rule *rules.Rule, caseName, dir string) map[string]int {
	loaded := terraform.Load([]string{dir}, terraform.Options{})
	for _, n := range loaded.Notes {
		if n.Kind == infra.NoteError {
			t.Errorf("fixture does not load: %s:%d: %s", n.File, n.Line, n.Message)
		}
	}
	kinds := map[string]bool{}
	for _, k := range rule.Kinds {
		kinds[k] = true
	}
	counts := map[string]int{}
	for _, comp := range loaded.Components {
		g := infra.NewGraph(comp.Resources)
		for _, r := range comp.Resources {
			if !kinds[r.Kind] {
				continue
			}
			expect := Expectation(expectedName(caseName, r))
			if expect == "" {
				t.Errorf("%s: name (for a terraform block, the case or module call name) must start with pass, fail, unknown or skip to say what %s should report", r.Address, rule.ID)
				continue
			}
			counts[expect]++
			checkResults(t, rule, r, expect, rules.RunOne(rule, r, g, comp))
		}
	}
	if len(counts) == 0 {
		t.Errorf("case %s has no resource of kinds %v", dir, rule.Kinds)
	}
	return counts
}

// expectedName is the name that states a resource's expected result.
func expectedName(caseName string, r *infra.Resource) string {
	if r.Kind != "terraform" {
		return r.Name
	}
	if r.Module == "" {
		return caseName
	}
	call := r.Module[strings.LastIndex(r.Module, ".")+1:]
	if i := strings.IndexByte(call, '['); i >= 0 {
		call = call[:i]
	}
	return call
}

// Expectation reads the expected result from a resource name: "pass", "fail",
// "unknown", "skip", or "" when the name says nothing.
func Expectation(name string) string {
	for _, p := range []string{"pass", "fail", "unknown", "skip"} {
		if rest, ok := strings.CutPrefix(strings.ToLower(name), p); ok && (rest == "" || rest[0] == '_' || rest[0] == '-') {
			return p
		}
	}
	return ""
}

func checkResults(t *testing.T, rule *rules.Rule, r *infra.Resource, expect string, res []rules.Result) {
	t.Helper()
	got := map[checklist.Status]int{}
	for _, x := range res {
		got[x.Status]++
		if x.Status == checklist.Fail && (x.Message == "" || x.Loc.Line == 0 || x.Loc.File == "") {
			t.Errorf("%s: a fail needs a message and a file:line; got %q at %s", r.Address, x.Message, x.Loc)
		}
	}
	ok := false
	switch expect {
	case "pass":
		ok = got[checklist.Pass] > 0 && got[checklist.Fail] == 0 && got[checklist.Unknown] == 0
	case "fail":
		ok = got[checklist.Fail] > 0
	case "unknown":
		ok = got[checklist.Unknown] > 0 && got[checklist.Fail] == 0
	case "skip":
		ok = len(res) == 0
	}
	if !ok {
		t.Errorf("%s: want %s, got %s", r.Address, expect, describe(res))
	}
}

func describe(res []rules.Result) string {
	if len(res) == 0 {
		return "no result"
	}
	var parts []string
	for _, x := range res {
		parts = append(parts, string(x.Status)+" ("+x.Message+")")
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}
