// Package scan is prodgrade's pipeline: paths in, report out. It finds the
// supported files under the given paths, loads them into components, grades
// every component against the checklist in parallel and assembles a
// deterministic report.Report.
package scan

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/report"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/source/terraform"
	"github.com/prodgrade/prodgrade/internal/source/tfjson"
)

// Stdin is the path that means "read one file from standard input".
const Stdin = "-"

// stdinName is how a file read from standard input is named in reports.
const stdinName = "<stdin>"

// InputFormats are the formats `scan -` can read from standard input.
// "plan" and "state" are Terraform JSON; without --input-format, JSON that
// looks like a plan or state is read as one, anything else as HCL.
var InputFormats = []string{"terraform", "plan", "state"}

// stream is the Terraform loader; tests replace it to grade hand-built components.
var stream = terraform.Stream

// Options are the inputs of a scan.
type Options struct {
	// Paths are files and directories to scan; "-" reads one file from Stdin.
	Paths []string
	// Stdin is read when Paths holds "-".
	Stdin io.Reader
	// InputFormat is the format of standard input ("terraform", the default).
	InputFormat string
	// Plans are --plan values: FILE, or DIR=FILE naming the root module the
	// plan was made from. The plan's values are graded, at the HCL's locations.
	Plans []string
	// Vars are Terraform's --var-file and --var, in command-line order.
	Vars []terraform.VarArg
	// Env is the environment, for TF_VAR_ variables.
	Env []string
	// AllowRead are directories, besides the scanned paths, that scanned
	// code may read files from (module sources, file()).
	AllowRead []string
	// Version is written into the report.
	Version string
}

// UsageError is a mistake in how prodgrade was called (exit code 2, before
// any scanning).
type UsageError struct{ msg string }

func (e *UsageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &UsageError{msg: fmt.Sprintf(format, args...)}
}

// Run scans opt.Paths and returns the report. The only error is a
// *UsageError; inputs that cannot be read or parsed become error notes in the
// report, and everything else is still graded.
func Run(opt Options) (*report.Report, error) {
	if len(opt.Paths) == 0 {
		opt.Paths = []string{"."}
	}
	if err := checkOptions(opt); err != nil {
		return nil, err
	}
	var paths []string
	stdin := false
	for _, p := range opt.Paths {
		if p == Stdin {
			if stdin {
				return nil, usageErrorf("standard input (-) can be scanned only once")
			}
			stdin = true
			continue
		}
		paths = append(paths, p)
	}
	fd, err := discover(paths)
	if err != nil {
		return nil, err
	}
	// Scanned code reads files only inside the scanned paths (and those the
	// user allows): it is untrusted, and reports are often public.
	tree := confine.New(paths...)
	for _, d := range opt.AllowRead {
		tree.AddRoot(d)
	}
	plans, err := parsePlanFlags(opt.Plans, paths)
	if err != nil {
		return nil, err
	}
	var (
		mu    sync.Mutex
		out   []graded
		notes = fd.notes
	)
	gradeAll := func(l *tfjson.Loaded) {
		for _, c := range l.Components {
			out = append(out, grade(c))
		}
	}
	// Plans are bound to root modules by absolute directory, however the
	// paths were written; a bound plan's directory is always loaded, so the
	// plan is graded once, with its .tf files.
	dirs := fd.tfDirs
	planFor := map[string]*planBinding{}
	planFiles := map[string]bool{}
	bind := func(b *planBinding) {
		planFor[absPath(b.dir)] = b
		planFiles[absPath(b.file)] = true
		if !slices.ContainsFunc(dirs, func(d string) bool { return absPath(d) == absPath(b.dir) }) {
			dirs = append(dirs, b.dir)
		}
	}
	for _, b := range plans {
		l, ns := readJSONFile(b.file)
		notes = append(notes, ns...)
		if l != nil {
			b.loaded = l
			bind(b)
			fd.files++
		}
	}
	for _, f := range fd.jsonFiles {
		if planFiles[absPath(f)] {
			continue // given with --plan as well
		}
		l, ns := readJSONFile(f)
		notes = append(notes, ns...)
		if l == nil {
			continue
		}
		// A plan beside the .tf files it was made from is graded with them,
		// as --plan would, so findings point at the .tf lines.
		if dir := filepath.Dir(f); isPlan(l) && planFor[absPath(dir)] == nil && hasTerraformFiles(dir) {
			b := &planBinding{file: f, dir: dir, loaded: l}
			plans = append(plans, b)
			bind(b)
			continue
		}
		gradeAll(l)
	}
	var rename func(string) string
	if stdin {
		data, err := readAll(opt.Stdin)
		switch {
		case err != nil:
			notes = append(notes, infra.Note{Kind: infra.NoteError, File: stdinName, Message: "cannot read standard input: " + err.Error()})
		case stdinIsJSON(opt.InputFormat, data):
			fd.files++
			l, ns := loadJSON(stdinName, data)
			notes = append(notes, ns...)
			if l != nil {
				gradeAll(l)
			}
		default:
			dir, file := stdinModule(tree, data)
			fd.files++
			dirs = append(dirs, dir)
			rename = func(s string) string {
				s = strings.ReplaceAll(s, file, stdinName)
				return strings.ReplaceAll(s, dir, stdinName)
			}
		}
	}

	// The loader evaluates root modules on GOMAXPROCS goroutines and hands each
	// component over as soon as it is ready; it is graded right there, on the
	// same goroutine, and only its share of the report is kept, so memory is
	// bounded by the components in flight, not by the whole tree. A root
	// module with a --plan is graded from the plan's values.
	if len(dirs) > 0 {
		loadNotes := stream(dirs, terraform.Options{Vars: opt.Vars, Env: opt.Env, Tree: tree}, func(c *infra.Component) {
			mu.Lock()
			b := planFor[absPath(c.Path)]
			if b != nil {
				b.used = true
			}
			mu.Unlock()
			if b != nil {
				c = tfjson.Merge(c, b.loaded)
			}
			g := grade(c)
			mu.Lock()
			out = append(out, g)
			mu.Unlock()
		})
		notes = append(notes, loadNotes...)
	}
	for _, b := range plans {
		if b.loaded != nil && !b.used {
			notes = append(notes, unusedPlanNote(b))
			gradeAll(b.loaded)
		}
	}
	if fd.files == 0 && !stdin {
		// A CI gate pointed at the wrong directory must not pass in silence.
		notes = append(notes, infra.Note{Kind: infra.NoteError, File: strings.Join(paths, " "),
			Message: "nothing to grade: no Terraform *.tf or *.tf.json files, plans or states found; check the path"})
	}
	rep := assemble(opt.Version, out, notes)
	if rename != nil {
		renameAll(rep, rename)
	}
	rep.Finish(fd.files)
	return rep, nil
}

func checkOptions(opt Options) error {
	for _, d := range opt.AllowRead {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			return usageErrorf("--allow-read %s: not a directory", d)
		}
	}
	for _, v := range opt.Vars {
		if v.File != "" {
			if _, err := os.Stat(v.File); err != nil {
				return usageErrorf("--var-file %s: %s", v.File, errText(err))
			}
			continue
		}
		name, _, ok := strings.Cut(v.Assign, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return usageErrorf("--var %q: use NAME=VALUE", v.Assign)
		}
	}
	if opt.InputFormat != "" && !slices.Contains(InputFormats, opt.InputFormat) {
		return usageErrorf("--input-format %q is not supported; use one of: %s", opt.InputFormat, strings.Join(InputFormats, ", "))
	}
	if opt.InputFormat != "" && !slices.Contains(opt.Paths, Stdin) {
		return usageErrorf("--input-format applies only to standard input; scan - to read it")
	}
	return nil
}

func readAll(r io.Reader) ([]byte, error) {
	if r == nil {
		r = os.Stdin
	}
	return io.ReadAll(r)
}

// stdinIsJSON decides how to read standard input: as --input-format says,
// or, without it, as Terraform JSON when it looks like a plan or state.
func stdinIsJSON(format string, data []byte) bool {
	switch format {
	case "plan", "state":
		return true
	case "terraform":
		return false
	}
	return tfjson.Detect(data) != tfjson.Unknown
}

// stdinModule makes HCL from standard input a module directory that exists
// only in memory, since Terraform's unit of loading is a directory. Nothing
// is written to disk, so nothing is left behind however the scan ends.
func stdinModule(tree *confine.Tree, data []byte) (dir, file string) {
	dir = stdinName
	name := "stdin.tf"
	if t := bytes.TrimLeft(data, "\xef\xbb\xbf \t\r\n"); len(t) > 0 && t[0] == '{' {
		name = "stdin.tf.json" // Terraform's JSON syntax
	}
	file = filepath.Join(dir, name)
	tree.AddMem(file, data)
	return dir, file
}

func renameAll(r *report.Report, rename func(string) string) {
	for i := range r.Components {
		c := &r.Components[i]
		c.Name, c.Path = rename(c.Name), rename(c.Path)
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		f.File, f.Component, f.Message = rename(f.File), rename(f.Component), rename(f.Message)
		f.Why = rename(f.Why)
	}
	for i := range r.Notes {
		n := &r.Notes[i]
		n.File, n.Component, n.Message = rename(n.File), rename(n.Component), rename(n.Message)
	}
	sortComponents(r.Components)
}

// graded is one component's share of the report.
type graded struct {
	comp     report.Component
	findings []report.Finding
	rules    []*rules.Rule // rules with findings, unique
	notes    []report.Note
}

// assemble puts the graded components together in a deterministic order.
func assemble(version string, out []graded, inputNotes []infra.Note) *report.Report {
	rep := report.New(version)
	slices.SortStableFunc(out, func(a, b graded) int {
		return cmp.Or(cmp.Compare(a.comp.Path, b.comp.Path), cmp.Compare(a.comp.Name, b.comp.Name))
	})
	n, nn := 0, len(inputNotes)
	for i := range out {
		n += len(out[i].findings)
		nn += len(out[i].notes)
	}
	rep.Findings = slices.Grow(rep.Findings, n)
	notes := make([]report.Note, 0, nn)
	seen := map[string]bool{}
	var used []*rules.Rule
	for i := range out {
		rep.Components = append(rep.Components, out[i].comp)
		rep.Findings = append(rep.Findings, out[i].findings...)
		notes = append(notes, out[i].notes...)
		for _, r := range out[i].rules {
			if !seen[r.ID] {
				seen[r.ID] = true
				used = append(used, r)
			}
		}
	}
	slices.SortFunc(used, func(a, b *rules.Rule) int { return cmp.Compare(a.ID, b.ID) })
	for _, r := range used {
		rep.Rules = append(rep.Rules, report.RuleInfo{ID: r.ID, Item: r.Item, Severity: r.Severity,
			Title: r.Title, Fix: r.Fix, References: r.References})
	}
	for _, n := range inputNotes {
		notes = append(notes, toNote(n, ""))
	}
	rep.Notes = sortNotes(notes)
	return rep
}

func toNote(n infra.Note, component string) report.Note {
	kind := n.Kind
	if kind != infra.NoteError {
		kind = infra.NoteCoverage
	}
	return report.Note{Kind: kind, File: filepath.ToSlash(n.File), Line: n.Line, Component: component, Message: n.Message}
}

// sortNotes puts errors first, then orders by file, line and message, and
// drops exact duplicates (a module called from two roots reports once).
func sortNotes(ns []report.Note) []report.Note {
	rank := func(k string) int {
		if k == infra.NoteError {
			return 0
		}
		return 1
	}
	slices.SortFunc(ns, func(a, b report.Note) int {
		return cmp.Or(cmp.Compare(rank(a.Kind), rank(b.Kind)), cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line), cmp.Compare(a.Message, b.Message), cmp.Compare(a.Component, b.Component))
	})
	return slices.CompactFunc(ns, func(a, b report.Note) bool {
		return a.Kind == b.Kind && a.File == b.File && a.Line == b.Line && a.Message == b.Message
	})
}

func sortComponents(cs []report.Component) {
	slices.SortStableFunc(cs, func(a, b report.Component) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Name, b.Name))
	})
}

// itemIndex maps an item to its position in checklist.Items.
var itemIndex = func() map[checklist.Item]int {
	m := make(map[checklist.Item]int, len(checklist.Items))
	for i, it := range checklist.Items {
		m[it] = i
	}
	return m
}()

// grade runs every rule on one component and decides its verdicts. The
// result holds no reference to the component's resources, so they can be
// freed as soon as grading is done.
func grade(c *infra.Component) graded {
	g := infra.NewGraph(c.Resources)
	res := rules.Run(c, g)
	var tallies [12]checklist.Tally
	counts := report.Counts{}
	for _, r := range c.Resources {
		if !r.IsSetting() {
			counts.Resources++
		}
	}
	nf := 0
	for i := range res {
		if s := res[i].Status; s == checklist.Fail || s == checklist.Unknown {
			nf++
		}
	}
	findings := make([]report.Finding, 0, nf)
	var used []*rules.Rule
	// origins[i] lists the front ends ("hcl", "plan") whose resources
	// decided item i, so a component graded from a plan and its .tf files
	// says where each verdict came from.
	var origins [12][]string
	for i := range res {
		x := &res[i]
		n := itemIndex[x.Rule.Item]
		tallies[n].Add(x.Status, x.Rule.Severity)
		if o := x.Resource.Origin; o != "" && !slices.Contains(origins[n], o) {
			origins[n] = append(origins[n], o)
		}
		switch x.Status {
		case checklist.Pass:
			counts.Pass++
			continue
		case checklist.Waived:
			counts.Waived++
			continue
		case checklist.Fail:
			counts.Fail++
		case checklist.Unknown:
			counts.Unknown++
		default:
			continue
		}
		f := report.Finding{
			Rule: x.Rule.ID, Item: x.Rule.Item, Severity: x.Rule.Severity, Status: x.Status,
			Resource: x.Resource.Address, Component: c.Name,
			File: filepath.ToSlash(x.Loc.File), Line: int(x.Loc.Line), Column: int(x.Loc.Col),
			Message: x.Message,
		}
		if x.Loc.EndLine > x.Loc.Line {
			f.EndLine = int(x.Loc.EndLine)
		}
		if x.Status == checklist.Fail {
			f.Fix = x.Rule.Fix
		} else {
			f.Expr, f.Why = x.Expr, x.Why
		}
		findings = append(findings, f)
		if !slices.Contains(used, x.Rule) {
			used = append(used, x.Rule)
		}
	}
	verdicts := make(report.Verdicts, len(checklist.Items))
	var all []string
	for i, it := range checklist.Items {
		verdicts[it] = tallies[i].Decide()
		for _, o := range origins[i] {
			if !slices.Contains(all, o) {
				all = append(all, o)
			}
		}
	}
	// Sources are reported only when front ends mix; a plain HCL scan has one.
	var sources map[checklist.Item][]string
	if len(all) > 1 {
		sources = map[checklist.Item][]string{}
		for i, it := range checklist.Items {
			if len(origins[i]) > 0 {
				slices.Sort(origins[i])
				sources[it] = origins[i]
			}
		}
	}
	var notes []report.Note
	for _, n := range c.Notes {
		notes = append(notes, toNote(n, c.Name))
	}
	kind := c.Kind
	if kind == "" {
		kind = "terraform root module" // the only loader so far
	}
	return graded{
		comp: report.Component{Name: c.Name, Path: filepath.ToSlash(c.Path), Kind: kind,
			Verdicts: verdicts, Sources: sources, Score: checklist.Score(verdicts), Counts: counts},
		findings: findings,
		rules:    used,
		notes:    notes,
	}
}

func absPath(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	return a
}
