// Package scan is prodgrade's pipeline: paths in, report out. It finds the
// supported files under the given paths, loads them into components, grades
// every component against the checklist in parallel and assembles a
// deterministic report.Report.
package scan

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/policy"
	"github.com/prodgrade/prodgrade/internal/policy/baseline"
	"github.com/prodgrade/prodgrade/internal/report"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/source"
)

// Stdin is the path that means "read one file from standard input".
const Stdin = "-"

// stdinName is how standard input is named in reports.
const stdinName = "<stdin>"

// Options are the inputs of a scan.
type Options struct {
	// Paths are files and directories to scan; "-" reads one file from Stdin.
	Paths []string
	// Stdin is read when Paths holds "-".
	Stdin io.Reader
	// InputFormat is the format of standard input, one of a format's
	// StdinFormats; "" picks the format whose Sniff rates the data highest.
	InputFormat string
	// AllowRead are directories, besides the scanned paths, that scanned
	// code may read files from (module sources, file()).
	AllowRead []string
	// MaxReadSize bounds a file scanned code reads (file(), templatefile());
	// 0 means confine.DefaultFileLimit.
	MaxReadSize int64
	// MaxFileSize bounds a configuration file the scan loads (a .tf file,
	// a manifest); 0 means confine.DefaultSourceLimit.
	MaxFileSize int64
	// MaxPlanSize bounds a plan or state file (and standard input); 0
	// means confine.DefaultDataLimit.
	MaxPlanSize int64
	// FormatOptions are each format's own options, by format name (for
	// "terraform", a terraform.Options).
	FormatOptions map[string]any
	// Formats are the formats to read; nil means every registered one.
	Formats []*source.Format
	// ComponentTime bounds the time loading one component may take
	// (DefaultComponentTime when zero; negative means no limit).
	ComponentTime time.Duration
	// Policy is applied to every component's results; nil changes nothing.
	Policy *policy.Policy
	// Progress, when set, is kept up to date as the scan runs.
	Progress *Progress
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

// DefaultComponentTime is how long loading one component may take: far
// beyond any real configuration (the largest real repositories load in
// seconds), so only a hostile or broken input meets it.
const DefaultComponentTime = 5 * time.Minute

// ErrInterrupted is returned when the scan's context is cancelled (Ctrl-C).
var ErrInterrupted = errors.New("scan interrupted")

// Run scans opt.Paths and returns the report. The errors are a *UsageError
// and ErrInterrupted; inputs that cannot be read or parsed become error
// notes in the report, and everything else is still graded.
func Run(ctx context.Context, opt Options) (*report.Report, error) {
	if len(opt.Paths) == 0 {
		opt.Paths = []string{"."}
	}
	formats := opt.Formats
	if formats == nil {
		formats = source.All()
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
	if err := checkOptions(opt, formats, stdin); err != nil {
		return nil, err
	}
	fd, err := discover(paths, formats)
	if err != nil {
		return nil, err
	}
	opt.Progress.setFound(fd.files)
	// Scanned code reads files only inside the scanned paths (and those the
	// user allows): it is untrusted, and reports are often public.
	tree := confine.New(paths...)
	for _, d := range opt.AllowRead {
		tree.AddRoot(d)
	}
	if opt.MaxReadSize > 0 {
		tree.FileLimit = opt.MaxReadSize
	}
	if opt.MaxFileSize > 0 {
		tree.SourceLimit = opt.MaxFileSize
	}
	if opt.MaxPlanSize > 0 {
		tree.DataLimit = opt.MaxPlanSize
	}
	workers := source.NewWorkers(0)
	limits := source.Limits{ComponentTime: opt.ComponentTime}
	switch {
	case opt.ComponentTime == 0:
		limits.ComponentTime = DefaultComponentTime
	case opt.ComponentTime < 0:
		limits.ComponentTime = 0
	}
	pol := opt.Policy
	if pol == nil {
		pol = &policy.Policy{}
	}
	pol.Start(tree.ReadSource)
	inputs := make([]*source.Input, len(formats))
	for i, f := range formats {
		inputs[i] = &source.Input{Paths: paths, Files: fd.files[f.Name], Named: fd.named[f.Name],
			Tree: tree, Options: opt.FormatOptions[f.Name], Workers: workers, Limits: limits}
		if f.Validate != nil {
			if err := f.Validate(inputs[i]); err != nil {
				return nil, &UsageError{msg: err.Error()}
			}
		}
	}
	notes := fd.notes
	if stdin {
		data, err := readAll(opt.Stdin, tree.DataLimit)
		if err != nil {
			notes = append(notes, infra.Note{Kind: infra.NoteError, File: stdinName, Message: "cannot read standard input: " + err.Error()})
		} else if i := stdinFormat(formats, opt.InputFormat, data); i >= 0 {
			inputs[i].Stdin = &source.Stdin{Data: data, Format: opt.InputFormat, Dir: stdinName, Name: stdinName}
		}
	}

	// Each format hands components over as soon as they are ready, from
	// several goroutines; each is graded right there and only its share of
	// the report is kept, so memory is bounded by the components in flight,
	// not by the whole tree.
	var (
		mu  sync.Mutex
		out []graded
	)
	for i, f := range formats {
		in := inputs[i]
		if len(in.Files) == 0 && len(in.Named) == 0 && in.Stdin == nil && !hasOptions(in) {
			continue
		}
		notes = append(notes, f.Load(ctx, in, func(c *infra.Component) {
			// A component the configuration declares, or its resources'
			// prodgrade.io/component labels name, takes that name, so
			// its tier, owner, waivers and attestations apply.
			name := pol.Config.ComponentFor(c.Name, c.Path)
			if name == "" {
				var note *infra.Note
				if name, note = policy.Labelled(c); note != nil {
					c.Notes = append(c.Notes, *note)
				}
			}
			declared := name != ""
			if declared {
				c.Name = name
			}
			g := grade(ctx, c, pol, limits.ComponentTime)
			g.declared = declared
			opt.Progress.graded(len(c.Resources))
			mu.Lock()
			out = append(out, g)
			mu.Unlock()
		})...)
	}
	if ctx.Err() != nil {
		return nil, ErrInterrupted
	}
	switch {
	case fd.count == 0 && !stdin && len(out) == 0:
		// A CI gate pointed at the wrong directory must not pass in silence.
		notes = append(notes, infra.Note{Kind: infra.NoteError, File: strings.Join(paths, " "),
			Message: "nothing to grade: no " + describeFormats(formats) + " found; check the path"})
	case !stdin && len(out) == 0 && !hasError(notes):
		// Files were found, but none is infrastructure code (a workflow
		// YAML, a Chef cookbook): no more a pass than an empty directory.
		notes = append(notes, infra.Note{Kind: infra.NoteError, File: strings.Join(paths, " "),
			Message: "nothing to grade: the files found hold no " + describeFormats(formats) + "; check the path"})
	}
	rep := assemble(opt.Version, out, append(notes, pol.Notes()...))
	addPolicy(rep, pol)
	if stdin {
		// Files a format put in the in-memory stdin directory are standard input.
		renameAll(rep, func(s string) string { return stdinFile.ReplaceAllString(s, stdinName) })
	}
	files := fd.count
	for _, in := range inputs {
		files += in.ExtraFiles()
	}
	rep.Finish(files)
	return rep, nil
}

// addPolicy puts in the report what became of the policy's waivers and
// attestations, once every component was judged.
func addPolicy(rep *report.Report, pol *policy.Policy) {
	rep.Waivers = pol.Suppressions()
	for _, ws := range pol.Waivers() {
		w := ws.Waiver
		rep.Waivers = append(rep.Waivers, report.Waiver{ID: w.ID(pol.Config.File), Source: "config", Rule: w.Rule, Item: w.Item,
			Resource: w.Resource, Component: w.Component, Reason: w.Reason, Owner: w.Owner,
			Expires: w.Expires.Format(time.DateOnly), Ticket: w.Ticket, Status: ws.Status, Matched: ws.Matched})
	}
	for _, as := range pol.Attestations() {
		a := as.Attestation
		rep.Attestations = append(rep.Attestations, report.Attestation{Item: a.Item, Component: a.Component, Evidence: a.Evidence,
			By: a.By, Date: a.Date.Format(time.DateOnly), Expires: a.Expires.Format(time.DateOnly), Status: as.Status})
	}
}

// stdinFile matches a file in the in-memory stdin directory.
var stdinFile = regexp.MustCompile(regexp.QuoteMeta(stdinName) + `/[^\s:,"'()]+`)

// hasOptions reports a format given options that name inputs of their own
// (a --plan file), which it must load even when no file was found for it.
func hasOptions(in *source.Input) bool { return in.Options != nil }

// stdinFormat picks the format that reads standard input: the one whose
// StdinFormats hold format, or without one, the one whose Sniff rates the
// data highest. -1 when none reads it.
func stdinFormat(formats []*source.Format, format string, data []byte) int {
	best, score := -1, 0
	for i, f := range formats {
		if f.Sniff == nil {
			continue
		}
		if format != "" {
			if slices.Contains(f.StdinFormats, format) {
				return i
			}
			continue
		}
		if s := f.Sniff(data); s > score {
			best, score = i, s
		}
	}
	return best
}

func describeFormats(formats []*source.Format) string {
	var ds []string
	for _, f := range formats {
		ds = append(ds, f.Files)
	}
	return strings.Join(ds, "; ")
}

func checkOptions(opt Options, formats []*source.Format, stdin bool) error {
	for _, d := range opt.AllowRead {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			return usageErrorf("--allow-read %s: not a directory", d)
		}
	}
	if opt.InputFormat != "" {
		var all []string
		for _, f := range formats {
			all = append(all, f.StdinFormats...)
		}
		if !slices.Contains(all, opt.InputFormat) {
			return usageErrorf("--input-format %q is not supported; use one of: %s", opt.InputFormat, strings.Join(all, ", "))
		}
		if !stdin {
			return usageErrorf("--input-format applies only to standard input; scan - to read it")
		}
	}
	return nil
}

// readAll reads standard input, which may be a plan, up to the limit for
// plans: a pipe that never ends must not exhaust memory.
func readAll(r io.Reader, limit int64) ([]byte, error) {
	if r == nil {
		r = os.Stdin
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err == nil && int64(len(data)) > limit {
		err = fmt.Errorf("it is larger than the %s limit for plan and state files (raise it with --max-plan-size)", confine.Size(limit))
	}
	return data, err
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
	// declared: the component is (part of) one the configuration declares.
	declared bool
}

// joinDeclared makes one component of the parts of each component the
// configuration declares: each part was graded on its own (their graphs
// do not meet: a Terraform root module and a Kubernetes application share
// no references), and the whole has, per item, the first verdict of
// gaps, attested, met, unverified, n/a among its parts'.
func joinDeclared(out []graded) []graded {
	byName := map[string]int{}
	var joined []graded
	for _, g := range out {
		if !g.declared {
			joined = append(joined, g)
			continue
		}
		i, ok := byName[g.comp.Name]
		if !ok {
			byName[g.comp.Name] = len(joined)
			joined = append(joined, g)
			continue
		}
		w := &joined[i]
		w.comp.Kind, w.comp.Sources = report.DeclaredKind, nil
		w.comp.Path += ", " + g.comp.Path
		for it, v := range g.comp.Verdicts {
			if verdictRank[v] < verdictRank[w.comp.Verdicts[it]] {
				w.comp.Verdicts[it] = v
			}
		}
		c := &w.comp.Counts
		c.Resources += g.comp.Counts.Resources
		c.Pass += g.comp.Counts.Pass
		c.Fail += g.comp.Counts.Fail
		c.Unknown += g.comp.Counts.Unknown
		c.Waived += g.comp.Counts.Waived
		w.comp.Score = score(w.comp.Verdicts, w.comp.Gates)
		for _, f := range g.findings {
			if !slices.Contains(w.findings, f) { // an expired attestation fails in every part
				w.findings = append(w.findings, f)
			}
		}
		for _, r := range g.rules {
			if !slices.Contains(w.rules, r) {
				w.rules = append(w.rules, r)
			}
		}
		w.notes = append(w.notes, g.notes...)
		slices.SortStableFunc(w.findings, func(a, b report.Finding) int {
			return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Resource, b.Resource))
		})
	}
	return joined
}

// verdictRank orders verdicts as they are decided (see checklist.Tally.Decide).
var verdictRank = map[checklist.Verdict]int{checklist.Gaps: 0, checklist.Attested: 1, checklist.Met: 2, checklist.Unverified: 3, checklist.NA: 4, "": 5}

// assemble puts the graded components together in a deterministic order.
func assemble(version string, out []graded, inputNotes []infra.Note) *report.Report {
	rep := report.New(version)
	slices.SortStableFunc(out, func(a, b graded) int {
		return cmp.Or(cmp.Compare(a.comp.Path, b.comp.Path), cmp.Compare(a.comp.Name, b.comp.Name))
	})
	out = joinDeclared(out)
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
			Title: r.Title, Why: r.Why, Fix: r.Fix, References: r.References})
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
	return report.Note{Kind: kind, File: filepath.ToSlash(n.File), Line: n.Line, Column: n.Col, Component: component, Message: n.Message}
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
	ns = slices.CompactFunc(ns, func(a, b report.Note) bool {
		return a.Kind == b.Kind && a.File == b.File && a.Line == b.Line && a.Message == b.Message
	})
	return capPerFile(ns)
}

// maxNotesPerFile bounds the notes of one kind listed for one file: a
// binary or thoroughly broken file can give one per line, and past the
// first few they say nothing new and only bloat the report.
const maxNotesPerFile = 20

// capPerFile keeps the first maxNotesPerFile notes of each kind and file
// (ns is sorted by kind, then file) and says how many more there were.
func capPerFile(ns []report.Note) []report.Note {
	out := ns[:0:0]
	for i := 0; i < len(ns); {
		j := i
		for j < len(ns) && ns[j].Kind == ns[i].Kind && ns[j].File == ns[i].File {
			j++
		}
		if n := j - i; n > maxNotesPerFile && ns[i].File != "" {
			out = append(out, ns[i:i+maxNotesPerFile]...)
			more := ns[i+maxNotesPerFile] // located at the first one left out
			more.Message = fmt.Sprintf("… and %d more %s notes for this file from here on, not listed", n-maxNotesPerFile, ns[i].Kind)
			out = append(out, more)
		} else {
			out = append(out, ns[i:j]...)
		}
		i = j
	}
	return out
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

// grade takes one component through the pipeline: rules record results,
// policy judges them, the results decide a verdict per checklist item, and
// the component's share of the report is built. The result holds no
// reference to the component's resources, so they can be freed as soon as
// grading is done.
// grade runs the rules on one component, within limit (0: none): a rule
// that is slow on some hostile graph must not hold up the scan.
func grade(ctx context.Context, c *infra.Component, pol *policy.Policy, limit time.Duration) graded {
	if limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, limit)
		defer cancel()
	}
	results, n := rules.RunContext(ctx, c, infra.ComponentGraph(c), pol.RuleOptions())
	if n < len(c.Resources) {
		c.Notes = append(c.Notes, infra.Note{Kind: infra.NoteError, File: c.Path,
			Message: fmt.Sprintf("grading this component took longer than the %s limit and was stopped after %d of its %d resources; "+
				"the others are not graded (--component-timeout raises the limit)", limit, n, len(c.Resources))})
	}
	j := pol.Apply(c, results)
	return toReport(c, j, decide(j.Results, j.Attested))
}

// decided is what the results say about each checklist item.
type decided struct {
	verdicts report.Verdicts
	// sources lists, per item, the front ends ("hcl", "plan") whose
	// resources decided it, when front ends mix in one component.
	sources map[checklist.Item][]string
}

// decide tallies results by checklist item and decides each item's verdict.
func decide(results []rules.Result, attested map[checklist.Item]bool) decided {
	tallies := make([]checklist.Tally, len(checklist.Items))
	for i, it := range checklist.Items {
		tallies[i].Attested = attested[it]
	}
	origins := make([][]string, len(checklist.Items))
	for i := range results {
		x := &results[i]
		n := itemIndex[x.Rule.Item]
		tallies[n].Add(x.Status, x.Rule.Severity)
		if o := x.Resource.Origin; o != "" && !slices.Contains(origins[n], o) {
			origins[n] = append(origins[n], o)
		}
	}
	d := decided{verdicts: make(report.Verdicts, len(checklist.Items))}
	var all []string
	for i, it := range checklist.Items {
		d.verdicts[it] = tallies[i].Decide()
		for _, o := range origins[i] {
			if !slices.Contains(all, o) {
				all = append(all, o)
			}
		}
	}
	// Sources are reported only when front ends mix; a plain HCL scan has one.
	if len(all) > 1 {
		d.sources = map[checklist.Item][]string{}
		for i, it := range checklist.Items {
			if len(origins[i]) > 0 {
				slices.Sort(origins[i])
				d.sources[it] = origins[i]
			}
		}
	}
	return d
}

// score is the component's score over the items its tier requires.
func score(v report.Verdicts, gates map[checklist.Item]string) *int {
	if gates == nil {
		return checklist.Score(v)
	}
	required := report.Verdicts{}
	for it, vd := range v {
		if gates[it] != "none" {
			required[it] = vd
		}
	}
	return checklist.Score(required)
}

// toReport builds a component's share of the report: its verdicts and
// score, its findings (fails and unknowns) and its notes.
func toReport(c *infra.Component, j policy.Judged, d decided) graded {
	results := j.Results
	counts := report.Counts{}
	for _, r := range c.Resources {
		if !r.IsSetting() {
			counts.Resources++
		}
	}
	nf := 0
	for i := range results {
		if s := results[i].Status; s != checklist.Pass {
			nf++
		}
	}
	findings := make([]report.Finding, 0, nf)
	fp := baseline.NewFingerprinter(c)
	var used []*rules.Rule
	for i := range results {
		x := &results[i]
		switch x.Status {
		case checklist.Pass:
			counts.Pass++
			continue
		case checklist.Waived:
			counts.Waived++
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
			Message: inOwnTerms(x.Resource, x.Message),
		}
		f.Fingerprint = fp.Of(x, f.File)
		if x.Loc.EndLine > x.Loc.Line {
			f.EndLine = int(x.Loc.EndLine)
		}
		if x.Loc.EndLine >= x.Loc.Line && x.Loc.EndCol > 0 && x.Loc.Col > 0 {
			f.EndColumn = int(x.Loc.EndCol)
		}
		switch {
		case x.Status == checklist.Waived:
			f.Waiver = j.WaivedBy[i]
		case x.Status == checklist.Fail:
			f.Fix = x.Rule.FixFor(x.Resource)
		default:
			f.Expr, f.Why = x.Expr, x.Why
		}
		findings = append(findings, f)
		if !slices.Contains(used, x.Rule) {
			used = append(used, x.Rule)
		}
	}
	var notes []report.Note
	for _, n := range c.Notes {
		notes = append(notes, toNote(n, c.Name))
	}
	return graded{
		comp: report.Component{Name: c.Name, Path: filepath.ToSlash(c.Path), Kind: c.Kind,
			Verdicts: d.verdicts, Sources: d.sources, Score: score(d.verdicts, j.Gates), Counts: counts,
			Tier: j.Tier, Owner: j.Owner, Gates: j.Gates},
		findings: findings,
		rules:    used,
		notes:    notes,
	}
}

// inOwnTerms writes the Terraform attribute paths and kinds in a message
// (snake_case words, never prose) as the resource's own file names them:
// a CloudFormation template has MultiAZ where the rules read multi_az.
func inOwnTerms(r *infra.Resource, msg string) string {
	if len(r.OwnNames) == 0 {
		return msg
	}
	var b strings.Builder
	for i := 0; i < len(msg); {
		j := i
		for j < len(msg) && (isWordByte(msg[j]) || msg[j] == '.' && j > i && j+1 < len(msg) && isWordByte(msg[j+1])) {
			j++
		}
		if j == i {
			b.WriteByte(msg[i])
			i++
			continue
		}
		word := msg[i:j]
		if own, ok := r.OwnNames[word]; ok && (i == 0 || msg[i-1] != '.') {
			word = own
		}
		b.WriteString(word)
		i = j
	}
	return b.String()
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func hasError(notes []infra.Note) bool {
	for _, n := range notes {
		if n.Kind == infra.NoteError {
			return true
		}
	}
	return false
}
