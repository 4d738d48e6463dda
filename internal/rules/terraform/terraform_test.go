package terraform

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/rulestest"
	tfload "github.com/prodgrade/prodgrade/internal/source/terraform"
)

// TestRules runs every Terraform rule against its fixtures in
// testdata/<rule-id>/<case>/, like rulestest.Run, with one difference: a
// "terraform" settings pseudo-resource has no name of its own (its address is
// "terraform" or "module.x.terraform"), so its expected result is read from
// the case directory name for the root module ("pass-s3-locked") and from the
// module call's name for a child module (module "skip_child").
func TestRules(t *testing.T) {
	n := 0
	for _, rule := range rules.All() {
		if rule.Platform() != "terraform" {
			continue
		}
		n++
		t.Run(rule.ID, func(t *testing.T) { runRule(t, rule, filepath.Join("testdata", rule.ID)) })
	}
	if n == 0 {
		t.Fatal("no terraform rules registered")
	}
}

func runRule(t *testing.T, rule *rules.Rule, dir string) {
	cases, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("rule %s has no fixtures in %s: %v", rule.ID, dir, err)
	}
	seen := map[string]int{}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		name, caseDir := c.Name(), filepath.Join(dir, c.Name())
		t.Run(name, func(t *testing.T) {
			for k, v := range runCase(t, rule, name, caseDir) {
				seen[k] += v
			}
		})
	}
	if seen["pass"] == 0 || seen["fail"] == 0 {
		t.Errorf("rule %s: fixtures need at least one passing and one failing resource; have %v", rule.ID, seen)
	}
}

func runCase(t *testing.T, rule *rules.Rule, caseName, dir string) map[string]int {
	loaded := tfload.Load([]string{dir}, tfload.Options{})
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
			expect := expectation(caseName, r)
			if expect == "" {
				t.Errorf("%s: its name (or, for a terraform block, the case or module call name) must start with pass, fail, unknown or skip", r.Address)
				continue
			}
			counts[expect]++
			check(t, r, expect, rules.RunOne(rule, r, g, comp))
		}
	}
	if len(counts) == 0 {
		t.Errorf("case %s has no resource of kinds %v", dir, rule.Kinds)
	}
	return counts
}

func expectation(caseName string, r *infra.Resource) string {
	if r.Kind != "terraform" {
		return rulestest.Expectation(r.Name())
	}
	if r.Module == "" {
		return rulestest.Expectation(caseName)
	}
	call := r.Module[strings.LastIndex(r.Module, ".")+1:]
	if i := strings.IndexByte(call, '['); i >= 0 {
		call = call[:i]
	}
	return rulestest.Expectation(call)
}

func check(t *testing.T, r *infra.Resource, expect string, res []rules.Result) {
	t.Helper()
	got := map[checklist.Status]int{}
	var parts []string
	for _, x := range res {
		got[x.Status]++
		parts = append(parts, string(x.Status)+" ("+x.Message+")")
		if x.Status == checklist.Fail && (x.Message == "" || x.Loc.File == "" || x.Loc.Line == 0) {
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
		sort.Strings(parts)
		desc := strings.Join(parts, ", ")
		if desc == "" {
			desc = "no result"
		}
		t.Errorf("%s: want %s, got %s", r.Address, expect, desc)
	}
}
