package custom

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/source"
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
		loaded, notes := loadFixture(caseDir)
		for _, n := range notes {
			bad("%s: the fixture does not load: %s:%d: %s", c.Name(), n.File, n.Line, n.Message)
		}
		n := 0
		for _, l := range loaded {
			g := infra.ComponentGraph(l.comp)
			for _, r := range l.comp.Resources {
				if !contains(rule.Kinds, r.Kind) {
					continue
				}
				name := r.Name
				if l.format.FixtureName != nil {
					name = l.format.FixtureName(c.Name(), r)
				}
				n++
				sum.Resources++
				expect := expectation(name)
				if expect == "" {
					bad("%s: %s: its fixture name %q must start with pass, fail, unknown or skip to say what %s should report", c.Name(), r.Address, name, rule.ID)
					continue
				}
				seen[expect]++
				res := rules.RunOne(rule, r, g, l.comp)
				if problem := judge(expect, res); problem != "" {
					bad("%s: %s: want %s, got %s", c.Name(), r.Address, expect, problem)
				} else {
					fmt.Fprintf(w, "  ok    %s: %s: %s\n", c.Name(), r.Address, describe(res))
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

// judge says what is wrong with res for a resource expected to give
// expect, or "" when nothing is.
func judge(expect string, res []rules.Result) string {
	got := map[checklist.Status]int{}
	for _, x := range res {
		got[x.Status]++
		if x.Status == checklist.Fail && (x.Message == "" || x.Loc.Line == 0 || x.Loc.File == "") {
			return fmt.Sprintf("a fail without a message and a file:line (%q at %s)", x.Message, x.Loc)
		}
	}
	var ok bool
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
	if ok {
		return ""
	}
	return describe(res)
}

func describe(res []rules.Result) string {
	if len(res) == 0 {
		return "no result (skip)"
	}
	var parts []string
	for _, x := range res {
		s := string(x.Status)
		if x.Message != "" {
			s += " (" + x.Message + ")"
		}
		parts = append(parts, s)
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// expectation reads the expected result from a fixture name, as rulestest does.
func expectation(name string) string {
	for _, p := range []string{"pass", "fail", "unknown", "skip"} {
		if rest, ok := strings.CutPrefix(strings.ToLower(name), p); ok && (rest == "" || rest[0] == '_' || rest[0] == '-') {
			return p
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type loadedComp struct {
	format *source.Format
	comp   *infra.Component
}

// loadFixture loads a case directory through the registered formats, as a
// scan would. It returns the error notes: a fixture must load cleanly.
func loadFixture(dir string) ([]loadedComp, []infra.Note) {
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
		return nil, []infra.Note{{Kind: infra.NoteError, File: dir, Message: err.Error()}}
	}
	var (
		mu    sync.Mutex
		out   []loadedComp
		notes []infra.Note
	)
	tree, workers := confine.New(dir), source.NewWorkers(0)
	for _, f := range formats {
		if len(files[f.Name]) == 0 {
			continue
		}
		in := &source.Input{Paths: []string{dir}, Files: files[f.Name], Tree: tree, Workers: workers}
		for _, n := range f.Load(context.Background(), in, func(c *infra.Component) {
			mu.Lock()
			out = append(out, loadedComp{f, c})
			mu.Unlock()
		}) {
			if n.Kind == infra.NoteError {
				notes = append(notes, n)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].comp.Path < out[j].comp.Path })
	return out, notes
}
