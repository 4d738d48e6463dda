package scan

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/policy"
	"github.com/prodgrade/prodgrade/internal/report"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/source"
	"github.com/prodgrade/prodgrade/internal/source/terraform"
)

// The rules below run only on the made-up kind "scantest_thing", so they never
// touch real resources. A resource's name says what each rule records.
const testKind = "scantest_thing"

func init() {
	rules.Register(&rules.Rule{
		ID: "tf-scantest-backup", Item: checklist.Backup, Severity: checklist.High,
		Title: "Things are backed up", Why: "Lost things stay lost.", Fix: "backup = true",
		Kinds: []string{testKind},
		Check: func(c *rules.Check) {
			switch {
			case strings.HasPrefix(c.R.Name, "fail"):
				c.Fail("backup", "backup is false; set it to true")
			case strings.HasPrefix(c.R.Name, "unknown"):
				c.Unknown("backup", infra.UnknownValue("var.backup", "var.backup has no value"))
			default:
				c.Pass("backup is true")
			}
		},
	})
	rules.Register(&rules.Rule{
		ID: "tf-scantest-info", Item: checklist.Logs, Severity: checklist.Info,
		Title: "Things could log more", Why: "Advice.", Fix: "log = true",
		Kinds: []string{testKind},
		Check: func(c *rules.Check) {
			if strings.HasPrefix(c.R.Name, "fail") {
				c.Fail("log", "log is off")
			}
		},
	})
}

func thing(file string, line int32, name string) *infra.Resource {
	return &infra.Resource{Kind: testKind, Address: testKind + "." + name, Name: name,
		Attrs: infra.ObjectValue(nil), Loc: infra.Location{File: file, Pos: infra.Pos{Line: line, EndLine: line + 3}}}
}

// loaded is what a fake format loads.
type loaded struct {
	components []*infra.Component
	notes      []infra.Note
}

// fake is a format that reads *.tf names and loads what f returns. Like a
// real one, it hands components over from several goroutines, in no
// particular order.
func fake(f func(in *source.Input) loaded) []*source.Format {
	return []*source.Format{{
		Name: "scantest", Files: "scantest *.tf files",
		Match:        func(name string) bool { return strings.HasSuffix(name, ".tf") },
		StdinFormats: []string{"scantest"},
		Sniff:        func([]byte) int { return 1 },
		Load: func(_ context.Context, in *source.Input, emit func(*infra.Component)) []infra.Note {
			l := f(in)
			var wg sync.WaitGroup
			for i := len(l.components) - 1; i >= 0; i-- {
				c := l.components[i]
				wg.Go(func() { emit(c) })
			}
			wg.Wait()
			return l.notes
		},
	}}
}

func run(opt Options) (*report.Report, error) { return Run(context.Background(), opt) }

func writeFiles(t *testing.T, root string, files ...string) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(root, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# test\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDiscover(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root,
		"a/main.tf", "a/vars.tf", "a/.terraform/modules/x/main.tf", ".git/x.tf", "node_modules/m/y.tf",
		".hidden/z.tf", "b/sub/c.tf", "README.md", "c/notes.txt")
	formats := fake(nil)
	fd, err := discover([]string{root}, formats)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(root, "a/main.tf"), filepath.Join(root, "a/vars.tf"), filepath.Join(root, "b/sub/c.tf")}
	if !reflect.DeepEqual(fd.files["scantest"], want) {
		t.Errorf("files = %v, want %v", fd.files["scantest"], want)
	}
	if fd.count != 3 {
		t.Errorf("count = %d, want 3", fd.count)
	}
	if len(fd.notes) != 0 {
		t.Errorf("notes = %v", fd.notes)
	}

	// Overlapping arguments are merged.
	fd, err = discover([]string{filepath.Join(root, "a/main.tf"), filepath.Join(root, "a"), filepath.Join(root, "README.md")}, formats)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fd.files["scantest"], want[:2]) {
		t.Errorf("files = %v, want %v", fd.files["scantest"], want[:2])
	}
	if len(fd.notes) != 1 || fd.notes[0].Kind != infra.NoteCoverage || !strings.Contains(fd.notes[0].Message, "not a supported format") {
		t.Errorf("notes = %v, want one coverage note for README.md", fd.notes)
	}

	// A directory with nothing to grade says so.
	fd, _ = discover([]string{filepath.Join(root, "c")}, formats)
	if len(fd.notes) != 1 || !strings.Contains(fd.notes[0].Message, "no supported files") {
		t.Errorf("notes = %v", fd.notes)
	}
}

func TestMissingPathIsUsageError(t *testing.T) {
	_, err := run(Options{Paths: []string{filepath.Join(t.TempDir(), "nope")}})
	var ue *UsageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("err = %v, want a usage error about a missing path", err)
	}
}

func TestOptionErrors(t *testing.T) {
	dir := t.TempDir()
	tf := func(o terraform.Options) map[string]any { return map[string]any{"terraform": o} }
	for _, o := range []Options{
		{Paths: []string{dir}, FormatOptions: tf(terraform.Options{Vars: []terraform.VarArg{{Assign: "novalue"}}})},
		{Paths: []string{dir}, FormatOptions: tf(terraform.Options{Vars: []terraform.VarArg{{Assign: "=x"}}})},
		{Paths: []string{dir}, FormatOptions: tf(terraform.Options{Vars: []terraform.VarArg{{File: filepath.Join(dir, "missing.tfvars")}}})},
		{Paths: []string{dir}, FormatOptions: tf(terraform.Options{Plans: []string{filepath.Join(dir, "missing.json")}})},
		{Paths: []string{"-"}, InputFormat: "yaml"},
		{Paths: []string{dir}, InputFormat: "terraform"},
		{Paths: []string{"-", "-"}},
		{Paths: []string{dir}, AllowRead: []string{filepath.Join(dir, "nope")}},
	} {
		_, err := run(o)
		var ue *UsageError
		if !errors.As(err, &ue) {
			t.Errorf("%+v: err = %v, want a usage error", o, err)
		}
	}
}

func twoComponents(*source.Input) loaded {
	// Returned out of order, to check the report sorts them.
	z := &infra.Component{Name: "z", Path: "z", Kind: "terraform root module", Resources: []*infra.Resource{
		thing("z/main.tf", 1, "ok"),
	}}
	a := &infra.Component{Name: "a", Path: "a", Kind: "terraform root module", Unexpanded: 1,
		Notes: []infra.Note{{Kind: infra.NoteCoverage, File: "a/main.tf", Line: 9, Message: "module \"x\" not expanded"}},
		Resources: []*infra.Resource{
			thing("a/main.tf", 20, "unknown_backup"),
			thing("a/main.tf", 1, "fail_backup"),
			thing("a/main.tf", 10, "ok"),
		}}
	empty := &infra.Component{Name: "m", Path: "m", Kind: "terraform root module"}
	return loaded{
		components: []*infra.Component{z, a, empty},
		notes: []infra.Note{
			{Kind: infra.NoteCoverage, File: "b.tf", Line: 1, Message: "later"},
			{Kind: infra.NoteError, File: "c.tf", Line: 3, Message: "Invalid expression"},
			{Kind: infra.NoteError, File: "c.tf", Line: 3, Message: "Invalid expression"},
		},
	}
}

func TestGrade(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, "main.tf")
	rep, err := run(Options{Paths: []string{dir}, Version: "test", Formats: fake(twoComponents)})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range rep.Components {
		names = append(names, c.Name)
	}
	if !reflect.DeepEqual(names, []string{"a", "m", "z"}) {
		t.Fatalf("components = %v, want sorted by path", names)
	}
	a, m, z := rep.Components[0], rep.Components[1], rep.Components[2]
	if a.Verdicts[checklist.Backup] != checklist.Gaps || a.Verdicts[checklist.Logs] != checklist.Met || a.Verdicts[checklist.Install] != checklist.NA {
		t.Errorf("a verdicts = %v", a.Verdicts)
	}
	if a.Score == nil || *a.Score != 50 {
		t.Errorf("a score = %v, want 50 (logs met, backup gaps)", a.Score)
	}
	if z.Verdicts[checklist.Backup] != checklist.Met || z.Score == nil || *z.Score != 100 {
		t.Errorf("z = %+v", z)
	}
	if m.Score != nil || m.Verdicts[checklist.Backup] != checklist.NA {
		t.Errorf("empty component: score %v verdicts %v; want no score, all n/a", m.Score, m.Verdicts)
	}
	wantCounts := report.Counts{Resources: 3, Pass: 1, Fail: 2, Unknown: 1}
	if a.Counts != wantCounts {
		t.Errorf("a counts = %+v, want %+v", a.Counts, wantCounts)
	}

	// Findings: fails and unknowns, by component then file:line.
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Component+" "+f.Rule+" "+string(f.Status)+" "+f.Resource)
	}
	want := []string{
		"a tf-scantest-backup fail scantest_thing.fail_backup",
		"a tf-scantest-info fail scantest_thing.fail_backup",
		"a tf-scantest-backup unknown scantest_thing.unknown_backup",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	f := rep.Findings[0]
	if f.File != "a/main.tf" || f.Line != 1 || f.EndLine != 4 || f.Fix != "backup = true" || f.Severity != checklist.High {
		t.Errorf("fail finding = %+v", f)
	}
	u := rep.Findings[2]
	if u.Expr != "var.backup" || u.Why != "var.backup has no value" || u.Fix != "" {
		t.Errorf("unknown finding = %+v", u)
	}
	if len(rep.Rules) != 2 || rep.Rules[0].ID != "tf-scantest-backup" || rep.Rules[0].Title == "" {
		t.Errorf("rules = %+v", rep.Rules)
	}

	// Notes: errors first, duplicates dropped, component notes named.
	var notes []string
	for _, n := range rep.Notes {
		notes = append(notes, n.Kind+" "+n.File+" "+n.Component)
	}
	wantNotes := []string{"error c.tf ", "coverage a/main.tf a", "coverage b.tf "}
	if !reflect.DeepEqual(notes, wantNotes) {
		t.Errorf("notes = %q, want %q", notes, wantNotes)
	}

	s := rep.Summary
	if s.Components != 3 || s.Files != 1 || s.Resources != 4 || s.Fail != 2 || s.Unknown != 1 || s.Pass != 2 ||
		s.Errors != 1 || s.Coverage != 2 || s.FailsBySeverity["high"] != 1 || s.FailsBySeverity["info"] != 1 {
		t.Errorf("summary = %+v", s)
	}
	if code := rep.ExitCode(report.FailOn{Min: checklist.Low}); code != 2 {
		t.Errorf("exit code = %d, want 2 (an input error)", code)
	}
}

func TestDeterministic(t *testing.T) {
	many := func(*source.Input) loaded {
		var cs []*infra.Component
		for i := 200; i > 0; i-- {
			name := string(rune('a'+i%26)) + strings.Repeat("x", i%7) + string(rune('0'+i%10))
			cs = append(cs, &infra.Component{Name: name, Path: name, Resources: []*infra.Resource{
				thing(name+"/main.tf", int32(i), "fail_a"), thing(name+"/main.tf", 2, "ok"), thing(name+"/b.tf", 1, "unknown_b"),
			}})
		}
		return loaded{components: cs}
	}
	dir := t.TempDir()
	writeFiles(t, dir, "main.tf")
	var outs []string
	for range 3 {
		rep, err := run(Options{Paths: []string{dir}, Version: "test", Formats: fake(many)})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := report.WriteJSON(&b, rep); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b.String())
	}
	if outs[0] != outs[1] || outs[0] != outs[2] {
		t.Error("report differs between runs")
	}
}

func TestStdin(t *testing.T) {
	formats := fake(func(in *source.Input) loaded {
		if in.Stdin == nil || string(in.Stdin.Data) != "resource \"x\" \"y\" {}\n" || in.Stdin.Format != "scantest" {
			t.Fatalf("stdin = %+v", in.Stdin)
		}
		// A format puts standard input in the in-memory directory; nothing
		// is written to disk.
		file := filepath.Join(in.Stdin.Dir, "stdin.tf")
		in.Tree.AddMem(file, in.Stdin.Data)
		if _, err := os.Stat(file); err == nil {
			t.Errorf("%s exists on disk", file)
		}
		d := in.Stdin.Dir
		return loaded{
			components: []*infra.Component{{Name: d, Path: d, Resources: []*infra.Resource{thing(file, 1, "fail_x")}}},
			notes:      []infra.Note{{Kind: infra.NoteError, File: file, Line: 1, Message: file + ":1,2: bad"}},
		}
	})
	rep, err := run(Options{Paths: []string{"-"}, Stdin: strings.NewReader("resource \"x\" \"y\" {}\n"), InputFormat: "scantest", Formats: formats})
	if err != nil {
		t.Fatal(err)
	}
	if c := rep.Components[0]; c.Name != "<stdin>" || c.Path != "<stdin>" {
		t.Errorf("component = %+v", c)
	}
	if f := rep.Findings[0]; f.File != "<stdin>" || f.Component != "<stdin>" {
		t.Errorf("finding = %+v", f)
	}
	if n := rep.Notes[0]; n.File != "<stdin>" || n.Message != "<stdin>:1,2: bad" {
		t.Errorf("note = %+v", n)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	writeFiles(t, dir, "main.tf")
	if _, err := Run(ctx, Options{Paths: []string{dir}, Formats: fake(twoComponents)}); !errors.Is(err, ErrInterrupted) {
		t.Errorf("err = %v, want ErrInterrupted", err)
	}
}

// A scan with nothing to grade is an input error (exit 2): a CI gate pointed
// at the wrong directory must not pass in silence. The report is still written.
func TestNoFilesIsAnError(t *testing.T) {
	formats := fake(func(*source.Input) loaded {
		t.Error("loader called with nothing to load")
		return loaded{}
	})
	rep, err := run(Options{Paths: []string{t.TempDir()}, Formats: formats})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Components) != 0 || rep.Summary.Coverage != 1 || rep.Summary.Errors != 1 || rep.ExitCode(report.FailOn{}) != 2 {
		t.Errorf("report = %+v", rep.Summary)
	}
	var b bytes.Buffer
	if err := report.WriteJSON(&b, rep); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte(`"components": []`)) || !bytes.Contains(b.Bytes(), []byte(`"findings": []`)) {
		t.Errorf("empty lists must be [] in JSON:\n%s", b.String())
	}
}

// Files that a format takes but that hold nothing to grade (a workflow
// YAML, a Chef cookbook) are no more a pass than an empty directory.
func TestNothingGradedIsAnError(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, "main.tf")
	rep, err := run(Options{Paths: []string{dir}, Formats: fake(func(*source.Input) loaded { return loaded{} })})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Components) != 0 || rep.Summary.Errors != 1 || rep.ExitCode(report.FailOn{}) != 2 {
		t.Errorf("report = %+v", rep.Summary)
	}
}

// A component whose grading outlives the component time limit is stopped
// between resources, with an error note saying how far it got.
func TestGradingStopsAtTheLimit(t *testing.T) {
	bucket := func(name string) *infra.Resource {
		return &infra.Resource{Kind: "aws_s3_bucket", Address: "aws_s3_bucket." + name, Name: name,
			Loc: infra.Location{File: "main.tf"}, Attrs: infra.ObjectValue(nil)}
	}
	c := &infra.Component{Name: "app", Path: "app", Resources: []*infra.Resource{bucket("a"), bucket("b")}}
	full := grade(context.Background(), c, &policy.Policy{}, time.Minute)
	if len(full.findings) == 0 || len(full.notes) != 0 {
		t.Fatalf("in time: %d findings, notes %v; want findings and no note", len(full.findings), full.notes)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c.Notes = nil
	late := grade(ctx, c, &policy.Policy{}, time.Minute)
	if len(late.findings) != 0 || len(late.notes) != 1 || late.notes[0].Kind != infra.NoteError ||
		!strings.Contains(late.notes[0].Message, "stopped after 0 of its 2 resources") {
		t.Errorf("out of time: %d findings, notes %+v; want none and one error note", len(late.findings), late.notes)
	}
}

func TestInOwnTerms(t *testing.T) {
	r := &infra.Resource{OwnNames: map[string]string{
		"multi_az": "MultiAZ", "metadata_options.http_tokens": "MetadataOptions.HttpTokens",
		"aws_sqs_queue": "AWS::SQS::Queue",
	}}
	for msg, want := range map[string]string{
		"multi_az is false; set multi_az = true.":          "MultiAZ is false; set MultiAZ = true.",
		"metadata_options.http_tokens is not set":          "MetadataOptions.HttpTokens is not set",
		"no aws_sqs_queue, and not_multi_az or x.multi_az": "no AWS::SQS::Queue, and not_multi_az or x.multi_az",
		"multi_az":    "MultiAZ",
		"":            "",
		"é multi_az…": "é MultiAZ…",
	} {
		if got := inOwnTerms(r, msg); got != want {
			t.Errorf("inOwnTerms(%q) = %q, want %q", msg, got, want)
		}
	}
	if got := inOwnTerms(&infra.Resource{}, "multi_az"); got != "multi_az" {
		t.Errorf("a resource without own names: %q", got)
	}
}
