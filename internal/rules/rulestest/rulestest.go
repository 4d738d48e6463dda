// Package rulestest is the one test every rule goes through: it runs each
// registered rule against its fixtures and checks that every resource gets the
// result its name promises.
//
// Fixtures live in testdata/<rule-id>/<case>/ beside the rule's package. Each
// case is a self-contained input in any registered format (a Terraform
// module directory, YAML files, …), loaded through the same source registry
// as a scan. A resource of one of the rule's kinds is named for its expected
// result: pass…, fail…, unknown…, or skip… (the rule records nothing for
// it). Each format says which name that is (Format.FixtureName): a
// Terraform block's name, where a settings block takes the case directory's
// name in the root module ("pass-s3-locked") and the module call's in a
// child ("module \"skip_child\"").
package rulestest

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/source"
	_ "github.com/prodgrade/prodgrade/internal/source/all" // every format a fixture may be written in
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
	kinds := map[string]bool{}
	for _, k := range rule.Kinds {
		kinds[k] = true
	}
	counts := map[string]int{}
	for _, l := range Load(t, dir) {
		comp := l.Component
		g := infra.ComponentGraph(comp)
		for _, r := range comp.Resources {
			if !kinds[r.Kind] {
				continue
			}
			name := r.Name
			if l.Format.FixtureName != nil {
				name = l.Format.FixtureName(caseName, r)
			}
			expect := Expectation(name)
			if expect == "" {
				t.Errorf("%s: its fixture name %q must start with pass, fail, unknown or skip to say what %s should report", r.Address, name, rule.ID)
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

// Loaded is one component of a fixture and the format it was loaded by.
type Loaded struct {
	Format    *source.Format
	Component *infra.Component
}

// Load loads a fixture directory through the source registry, as a scan
// would: every file under dir goes to the formats that match it. An input
// error fails the test. Components are sorted by path.
func Load(t *testing.T, dir string) []Loaded {
	t.Helper()
	files := map[string][]string{}
	formats := source.All()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		for _, f := range formats {
			if f.Match(d.Name()) {
				files[f.Name] = append(files[f.Name], path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu  sync.Mutex
		out []Loaded
	)
	tree, workers := confine.New(dir), source.NewWorkers(0)
	for _, f := range formats {
		if len(files[f.Name]) == 0 {
			continue
		}
		in := &source.Input{Paths: []string{dir}, Files: files[f.Name], Tree: tree, Workers: workers}
		notes := f.Load(context.Background(), in, func(c *infra.Component) {
			mu.Lock()
			out = append(out, Loaded{f, c})
			mu.Unlock()
		})
		for _, n := range notes {
			if n.Kind == infra.NoteError {
				t.Errorf("fixture does not load: %s:%d: %s", n.File, n.Line, n.Message)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Component.Path < out[j].Component.Path })
	return out
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
