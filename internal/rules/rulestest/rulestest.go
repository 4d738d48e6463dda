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
	"os"
	"path/filepath"
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/fixture"
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
			name := l.Name(caseName, r)
			expect := fixture.Expectation(name)
			if expect == "" {
				t.Errorf("%s: its fixture name %q must start with pass, fail, unknown or skip to say what %s should report", r.Address, name, rule.ID)
				continue
			}
			counts[expect]++
			if problem := fixture.Judge(expect, rules.RunOne(rule, r, g, comp)); problem != "" {
				t.Errorf("%s: %s", r.Address, problem)
			}
		}
	}
	if len(counts) == 0 {
		t.Errorf("case %s has no resource of kinds %v", dir, rule.Kinds)
	}
	return counts
}

// Load loads a fixture directory through the source registry, as a scan
// would (fixture.Load); an input error fails the test.
func Load(t *testing.T, dir string) []fixture.Loaded {
	t.Helper()
	out, errors := fixture.Load(dir)
	for _, n := range errors {
		t.Errorf("fixture does not load: %s:%d: %s", n.File, n.Line, n.Message)
	}
	return out
}
