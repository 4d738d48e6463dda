package custom

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/fixture"
)

// Fixtures is the directory of a rule's fixtures, under the rule's own:
// DIR/<rule-id>/testdata/<case>/.
const Fixtures = "testdata"

// TestSummary counts what Test checked.
type TestSummary struct {
	Rules, Cases, Resources, Mismatches int
}

// Test runs every custom rule under dirs against its fixtures, as the
// built-in rules' shared test does (internal/rules/rulestest): each
// resource of the rule's kinds in DIR/<rule-id>/testdata/<case>/ is named
// for its expected result (pass…, fail…, unknown…, skip…), and the rule
// must report exactly that; a fail needs a message and a file:line; a
// rule needs at least one passing and one failing fixture. It prints one
// line per resource and per problem to w. Mismatches count every way a
// rule disappoints its fixtures; the error is for rules that do not load.
func Test(w io.Writer, dirs ...string) (TestSummary, error) {
	var sum TestSummary
	ps, err := load(dirs)
	if err != nil {
		return sum, err
	}
	for _, p := range ps {
		sum.Rules++
		fmt.Fprintf(w, "%s (%s)\n", p.rule.ID, p.dir)
		testRule(w, p.rule, filepath.Join(p.dir, Fixtures), &sum)
	}
	return sum, nil
}

func testRule(w io.Writer, rule *rules.Rule, dir string, sum *TestSummary) {
	bad := func(format string, args ...any) {
		sum.Mismatches++
		fmt.Fprintf(w, "  FAIL  "+format+"\n", args...)
	}
	cases, err := os.ReadDir(dir)
	if err != nil {
		bad("no fixtures: create %s/<case>/ with passing and failing resources (%v)", dir, err)
		return
	}
	seen := map[string]int{}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		sum.Cases++
		caseDir := filepath.Join(dir, c.Name())
		loaded, notes := fixture.Load(caseDir)
		for _, n := range notes {
			bad("%s: the fixture does not load: %s:%d: %s", c.Name(), n.File, n.Line, n.Message)
		}
		n := 0
		for _, l := range loaded {
			g := infra.ComponentGraph(l.Component)
			for _, r := range l.Component.Resources {
				if !slices.Contains(rule.Kinds, r.Kind) {
					continue
				}
				name := l.Name(c.Name(), r)
				n++
				sum.Resources++
				expect := fixture.Expectation(name)
				if expect == "" {
					bad("%s: %s: its fixture name %q must start with pass, fail, unknown or skip to say what %s should report", c.Name(), r.Address, name, rule.ID)
					continue
				}
				seen[expect]++
				res := rules.RunOne(rule, r, g, l.Component)
				if problem := fixture.Judge(expect, res); problem != "" {
					bad("%s: %s: %s", c.Name(), r.Address, problem)
				} else {
					fmt.Fprintf(w, "  ok    %s: %s: %s\n", c.Name(), r.Address, fixture.Describe(res))
				}
			}
		}
		if n == 0 && len(notes) == 0 {
			bad("%s: no resource of kinds %s", c.Name(), strings.Join(rule.Kinds, ", "))
		}
	}
	if seen["pass"] == 0 || seen["fail"] == 0 {
		bad("the fixtures need at least one pass… and one fail… resource; have %d pass, %d fail", seen["pass"], seen["fail"])
	}
}
