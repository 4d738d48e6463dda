package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func intp(n int) *int { return &n }

// sample is a small hand-built report covering every section.
func sample() *Report {
	r := New("test")
	r.Components = []Component{
		{Name: "stacks/app", Path: "stacks/app", Kind: "terraform root module",
			Verdicts: Verdicts{checklist.Backup: checklist.Gaps, checklist.Security: checklist.Met, checklist.Logs: checklist.Unverified},
			Score:    intp(33), Counts: Counts{Resources: 4, Pass: 2, Fail: 2, Unknown: 7}},
		{Name: "stacks/empty", Path: "stacks/empty", Kind: "terraform root module", Verdicts: Verdicts{}},
	}
	r.Rules = []RuleInfo{
		{ID: "aws-rds-backup-retention", Item: checklist.Backup, Severity: checklist.High,
			Title: "RDS instances keep automated backups for at least 7 days",
			Why:   "Without automated backups a deleted or corrupted database cannot be restored.",
			Fix:   "resource \"aws_db_instance\" \"x\" {\n  backup_retention_period = 7\n}"},
		{ID: "aws-s3-versioning", Item: checklist.Backup, Severity: checklist.Critical, Title: "S3 buckets are versioned", Fix: "versioning { enabled = true }"},
	}
	r.Findings = []Finding{
		{Rule: "aws-rds-backup-retention", Item: checklist.Backup, Severity: checklist.High, Status: checklist.Fail,
			Resource: "aws_db_instance.main", Component: "stacks/app", File: "stacks/app/db.tf", Line: 12,
			Message: "backup_retention_period is 1; keep at least 7 days", Fix: r.Rules[0].Fix},
		{Rule: "aws-s3-versioning", Item: checklist.Backup, Severity: checklist.Critical, Status: checklist.Fail,
			Resource: "aws_s3_bucket.data", Component: "stacks/app", File: "stacks/app/s3.tf", Line: 3,
			Message: "no aws_s3_bucket_versioning refers to this bucket", Fix: r.Rules[1].Fix},
	}
	for i := range 7 {
		r.Findings = append(r.Findings, Finding{Rule: "aws-cloudwatch-log-retention", Item: checklist.Logs, Severity: checklist.Medium,
			Status: checklist.Unknown, Resource: fmt.Sprintf("aws_cloudwatch_log_group.g[%d]", i), Component: "stacks/app",
			File: "stacks/app/logs.tf", Line: 5 + i, Message: "retention_in_days cannot be resolved without running Terraform",
			Expr: "var.retention", Why: "var.retention has no value"})
	}
	r.Notes = []Note{
		{Kind: "error", File: "stacks/bad/main.tf", Line: 3, Message: "Invalid expression"},
		{Kind: "coverage", File: "stacks/app/main.tf", Line: 9, Component: "stacks/app", Message: `module "vpc" (git::https://example.com/vpc) is not downloaded; run terraform init`},
	}
	r.Finish(5)
	return r
}

func TestVerdictsJSON(t *testing.T) {
	b, err := json.Marshal(Verdicts{checklist.Backup: checklist.Gaps, checklist.Install: checklist.Met})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"install":"met","configure":"n/a","provision":"n/a","deploy":"n/a","availability":"n/a","scalability":"n/a",` +
		`"performance":"n/a","networking":"n/a","security":"n/a","metrics":"n/a","logs":"n/a","backup":"gaps"}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	var back Verdicts
	if err := json.Unmarshal(b, &back); err != nil || back[checklist.Backup] != checklist.Gaps || len(back) != 12 {
		t.Errorf("round trip: %v %v", back, err)
	}
}

func TestExitCode(t *testing.T) {
	r := sample()
	for _, tc := range []struct {
		failOn string
		errors bool
		want   int
	}{
		{"low", true, 2}, {"none", true, 2},
		{"low", false, 1}, {"info", false, 1}, {"high", false, 1}, {"critical", false, 1}, {"none", false, 0},
	} {
		t.Run(fmt.Sprint(tc), func(t *testing.T) {
			r := *r
			if !tc.errors {
				r.Notes = r.Notes[1:]
			}
			fo, err := ParseFailOn(tc.failOn)
			if err != nil {
				t.Fatal(err)
			}
			if got := r.ExitCode(fo); got != tc.want {
				t.Errorf("exit code = %d, want %d", got, tc.want)
			}
		})
	}
	r.Notes = nil
	r.Findings = r.Findings[:1] // only a high fail
	if got := r.ExitCode(FailOn{Min: checklist.Critical}); got != 0 {
		t.Errorf("high fail with --fail-on critical: exit %d, want 0", got)
	}
	if _, err := ParseFailOn("severe"); err == nil {
		t.Error("ParseFailOn accepted an unknown severity")
	}
}

func TestSummary(t *testing.T) {
	s := sample().Summary
	if s.Components != 2 || s.Files != 5 || s.Resources != 4 || s.Fail != 2 || s.Unknown != 7 || s.Errors != 1 || s.Coverage != 1 {
		t.Errorf("summary = %+v", s)
	}
	if s.FailsBySeverity["critical"] != 1 || s.FailsBySeverity["high"] != 1 || len(s.FailsBySeverity) != 5 {
		t.Errorf("by severity = %v", s.FailsBySeverity)
	}
	if s.VerdictCounts["n/a"] != 21 || s.VerdictCounts["gaps"] != 1 || s.VerdictCounts["met"] != 1 || s.VerdictCounts["unverified"] != 1 {
		t.Errorf("verdict counts = %v", s.VerdictCounts)
	}
}

func TestText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, sample(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"COMPONENT    INS CFG PRV DEP AVL SCL PRF NET SEC MET LOG BAK  SCORE\n",
		"stacks/app    –   –   –   –   –   –   –   –   ✓   –   ?   ✗      33\n",
		"stacks/empty  –   –   –   –   –   –   –   –   –   –   –   –       –\n",
		"Components: each Terraform root module",
		"Data backup (backup) — 2 findings\n",
		// Critical before high within an item.
		"  CRITICAL aws-s3-versioning  S3 buckets are versioned\n    aws_s3_bucket.data  stacks/app/s3.tf:3\n",
		"  HIGH     aws-rds-backup-retention  RDS instances keep automated backups for at least 7 days\n" +
			"    aws_db_instance.main  stacks/app/db.tf:12\n" +
			"      backup_retention_period is 1; keep at least 7 days\n" +
			"    fix:\n      resource \"aws_db_instance\" \"x\" {\n        backup_retention_period = 7\n      }\n",
		"UNKNOWN — 7 checks could not be decided from the code alone\n",
		"  aws-cloudwatch-log-retention  aws_cloudwatch_log_group.g[4]  stacks/app/logs.tf:9\n" +
			"      retention_in_days cannot be resolved without running Terraform\n      var.retention has no value\n",
		"  … and 2 more (all are listed by --format json)\n",
		"--var-file",
		"NOTES\n  error    stacks/bad/main.tf:3  Invalid expression\n  coverage stacks/app/main.tf:9",
		"2 gaps (1 critical, 1 high), 7 unknown, 1 input error, 1 coverage note\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q\n---\n%s", want, out)
		}
	}
	if strings.Contains(out, "aws_cloudwatch_log_group.g[5]") {
		t.Error("more unknowns listed than MaxUnknowns")
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour without TextOptions.Color")
	}
	b.Reset()
	if err := WriteText(&b, sample(), TextOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), ansiRed+"✗"+ansiReset) {
		t.Error("no colour with TextOptions.Color")
	}
}

func TestTextEmpty(t *testing.T) {
	r := New("test")
	r.Finish(0)
	var b bytes.Buffer
	if err := WriteText(&b, r, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "No components found") || !strings.Contains(b.String(), "0 gaps, 0 unknown\n") {
		t.Errorf("got:\n%s", b.String())
	}
}

func TestShorten(t *testing.T) {
	if got := shorten("abcdefgh", 5); got != "…efgh" {
		t.Errorf("shorten = %q", got)
	}
	if got := shorten("abc", 5); got != "abc" {
		t.Errorf("shorten = %q", got)
	}
}

func TestSuggest(t *testing.T) {
	ids := []string{"aws-rds-backup-retention", "aws-rds-multi-az", "aws-s3-versioning", "tf-backend-remote"}
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"aws-rds-backup-retension", "aws-rds-backup-retention"},
		{"rds-multi-az", "aws-rds-multi-az"},
		{"AWS-S3-VERSIONING", "aws-s3-versioning"},
		{"completely-different-thing-xyz", ""},
	} {
		got := strings.Join(Suggest(tc.in, ids), ",")
		if (tc.want == "" && got != "") || (tc.want != "" && !strings.HasPrefix(got, tc.want)) {
			t.Errorf("Suggest(%q) = %q, want %q first", tc.in, got, tc.want)
		}
	}
}

// The hand-written JSON writer must produce exactly what encoding/json does.
func TestWriteJSONMatchesEncodingJSON(t *testing.T) {
	r := sample()
	r.Findings = append(r.Findings, Finding{Rule: "tf-x-y", Item: checklist.Install, Severity: checklist.Low, Status: checklist.Fail,
		Resource: `a["k\"ey"]`, Component: "<stdin>", File: "dir/ü.tf", Line: 1, EndLine: 9, Column: 3,
		Message: "tab\there\nnew \x01 ctl \\ back & <html> \u2028 sep \xff bad", Fix: "x = 1\n"},
		Finding{Rule: "tf-x-y", Item: checklist.Install, Severity: checklist.Low, Status: checklist.Waived,
			Resource: "a", Component: "c", File: "f.tf", Line: 2, Message: "m", Fingerprint: "ab12", Waiver: "f.tf:1", Baselined: true})
	r.Waivers = []Waiver{{ID: ".prodgrade.yaml:3", Source: "config", Rule: "tf-x-y", Owner: "o", Reason: "r", Expires: "2027-01-01", Status: "active", Matched: 1}}
	r.Attestations = []Attestation{{Item: checklist.Backup, Component: "c", Evidence: "docs/drill.md", By: "b", Date: "2026-01-01", Expires: "2027-01-01", Status: "valid"}}
	r.Baseline = &Baseline{File: "base.json", New: 1, Known: 1, Fixed: []BaselineEntry{{Fingerprint: "x", Rule: "r", Component: "c", Resource: "a", File: "f"}}}
	var got, want bytes.Buffer
	if err := WriteJSON(&got, r); err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("WriteJSON differs from encoding/json:\n--- got\n%s\n--- want\n%s", got.String(), want.String())
	}
	empty := New("x")
	empty.Finish(0)
	got.Reset()
	want.Reset()
	WriteJSON(&got, empty)
	enc.Encode(empty)
	if got.String() != want.String() {
		t.Errorf("empty report differs:\n--- got\n%s\n--- want\n%s", got.String(), want.String())
	}
}

func TestTextCapsCoverageNotes(t *testing.T) {
	r := New("test")
	r.Notes = append(r.Notes, Note{Kind: "error", File: "e.tf", Line: 1, Message: "bad"})
	for i := range 15 {
		r.Notes = append(r.Notes, Note{Kind: "coverage", File: "c.tf", Line: i + 1, Message: "not expanded"})
	}
	r.Finish(1)
	var b bytes.Buffer
	if err := WriteText(&b, r, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "error    e.tf:1  bad") || !strings.Contains(out, "c.tf:10  ") || strings.Contains(out, "c.tf:11  ") ||
		!strings.Contains(out, "… and 5 more coverage notes") {
		t.Errorf("got:\n%s", out)
	}
}

// A rule whose fix differs by kind shows each fix after the findings it is for.
func TestTextFixPerKind(t *testing.T) {
	r := New("test")
	r.Components = []Component{{Name: "app", Path: "app", Kind: "terraform root module", Verdicts: Verdicts{checklist.Performance: checklist.Gaps}}}
	add := func(res, fix string, line int) {
		r.Findings = append(r.Findings, Finding{Rule: "aws-ebs-gp3", Item: checklist.Performance, Severity: checklist.Low,
			Status: checklist.Fail, Resource: res, Component: "app", File: "app/main.tf", Line: line, Message: "gp2", Fix: fix})
	}
	add("aws_ebs_volume.a", "type = \"gp3\"", 1)
	add("aws_launch_template.b", "volume_type = \"gp3\"", 5)
	add("aws_ebs_volume.c", "type = \"gp3\"", 9)
	r.Finish(1)
	var b bytes.Buffer
	if err := WriteText(&b, r, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "    aws_ebs_volume.a  app/main.tf:1\n      gp2\n    aws_ebs_volume.c  app/main.tf:9\n      gp2\n" +
		"    fix:\n      type = \"gp3\"\n" +
		"    aws_launch_template.b  app/main.tf:5\n      gp2\n    fix:\n      volume_type = \"gp3\"\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("text output lacks\n%s\n---\n%s", want, b.String())
	}
}

// The JSON reports the goldens hold, and one with every policy field, are
// valid against the published schema (docs/report.schema.json).
func TestReportsMatchThePublishedSchema(t *testing.T) {
	schemaDoc, err := os.ReadFile("../../docs/report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaDoc))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("report.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, data []byte) {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s does not match docs/report.schema.json: %v", name, err)
		}
	}
	for _, g := range []string{"testdata/golden/examples.json", "testdata/golden/mixed.json"} {
		data, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		check(g, data)
	}
	r := sample()
	r.Components[0].Tier, r.Components[0].Owner = "critical", "team"
	r.Components[0].Gates = map[checklist.Item]string{checklist.Backup: "none", checklist.Logs: "medium"}
	r.Findings = append(r.Findings, Finding{Rule: "policy-attestation-current", Item: checklist.Backup, Severity: checklist.Medium,
		Status: checklist.Waived, Resource: "a", Component: "c", File: "f.tf", Line: 2, Message: "m",
		Fingerprint: "0123456789abcdef", Waiver: "f.tf:1", Baselined: true})
	r.Waivers = []Waiver{{ID: ".prodgrade.yaml:3", Source: "config", Rule: "aws-x-y", Owner: "o", Reason: "r", Expires: "2027-01-01", Status: "active", Matched: 1}}
	r.Attestations = []Attestation{{Item: checklist.Backup, Component: "c", Evidence: "e", By: "b", Date: "2026-01-01", Expires: "2027-01-01", Status: "valid"}}
	r.Baseline = &Baseline{File: "b.json", New: 1, Known: 2, Fixed: []BaselineEntry{{Fingerprint: "x", Rule: "r", Component: "c", Resource: "a", File: "f"}}}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	check("a report with policy fields", buf.Bytes())
}
