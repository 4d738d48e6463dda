package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/report"
	"github.com/prodgrade/prodgrade/internal/scan"
)

// The golden SARIF and JUnit reports of the bundled examples (and of the
// mixed fixture, which has an input error and a coverage note), checked
// against the official SARIF schema and parsed back as JUnit.
func TestGoldenSARIFAndJUnit(t *testing.T) {
	golden, err := filepath.Abs(filepath.Join("testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	schema := sarifSchema(t)
	regen := *update || os.Getenv("PRODGRADE_UPDATE_GOLDEN") == "1"
	t.Chdir(filepath.Join("..", ".."))
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := scan.Run(context.Background(), scan.Options{Paths: tc.paths, Version: "test"})
			if err != nil {
				t.Fatal(err)
			}
			var sarif, junit bytes.Buffer
			if err := report.WriteSARIF(&sarif, rep, report.Options{}); err != nil {
				t.Fatal(err)
			}
			if err := report.WriteJUnit(&junit, rep, report.Options{}); err != nil {
				t.Fatal(err)
			}
			validateSARIF(t, schema, sarif.Bytes())
			log := parseSARIF(t, sarif.Bytes())
			if got := len(log.Runs[0].Results); got != len(rep.Findings) {
				t.Errorf("%d results for %d findings", got, len(rep.Findings))
			}
			if got, want := len(log.Runs[0].Invocations[0].Notifications), len(rep.Notes); got != want {
				t.Errorf("%d notifications for %d notes", got, want)
			}
			if got, want := log.Runs[0].Invocations[0].ExecutionSuccessful, rep.Summary.Errors == 0; got != want {
				t.Errorf("executionSuccessful = %v with %d input errors", got, rep.Summary.Errors)
			}
			suites := parseJUnit(t, junit.Bytes())
			if want := len(rep.Components) + min(rep.Summary.Errors, 1); len(suites.Suites) != want {
				t.Errorf("%d test suites; want %d (one per component, one for input errors)", len(suites.Suites), want)
			}
			if suites.Tests != len(rep.Components)*len(checklist.Items)+rep.Summary.Errors {
				t.Errorf("%d tests for %d components and %d input errors", suites.Tests, len(rep.Components), rep.Summary.Errors)
			}
			if gaps := rep.Summary.VerdictCounts[string(checklist.Gaps)]; suites.Failures != gaps {
				t.Errorf("%d failures for %d gaps verdicts", suites.Failures, gaps)
			}
			if na := rep.Summary.VerdictCounts[string(checklist.NA)]; suites.Skipped != na {
				t.Errorf("%d skipped for %d n/a verdicts", suites.Skipped, na)
			}
			compare(t, filepath.Join(golden, tc.name+".sarif"), sarif.Bytes(), regen)
			compare(t, filepath.Join(golden, tc.name+".junit.xml"), junit.Bytes(), regen)
			var cq bytes.Buffer
			if err := report.WriteCodeQuality(&cq, rep, report.Options{}); err != nil {
				t.Fatal(err)
			}
			compare(t, filepath.Join(golden, tc.name+".codequality.json"), cq.Bytes(), regen)
		})
	}
}

// sarifSchema compiles the official SARIF 2.1.0 schema (testdata/sarif),
// asserting formats too, so a uri that is not a URI reference fails.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	const path = "testdata/sarif/sarif-schema-2.1.0.json"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validateSARIF(t *testing.T, s *jsonschema.Schema, data []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the SARIF log is not JSON: %v", err)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("the SARIF log does not match the SARIF 2.1.0 schema: %v", err)
	}
}

// sarifDoc is the part of a SARIF log the tests read back.
type sarifDoc struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID                   string
					FullDescription      struct{ Text string }
					Help                 struct{ Text, Markdown string }
					DefaultConfiguration struct{ Level string }
					Properties           map[string]any
				}
			}
		}
		OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
		Invocations        []struct {
			ExecutionSuccessful bool
			Notifications       []struct {
				Level     string
				Message   struct{ Text string }
				Locations []sarifLoc
			} `json:"toolExecutionNotifications"`
		}
		Results []sarifRes
	}
}

type sarifRes struct {
	RuleID              string
	RuleIndex           int
	Level               string
	Kind                string
	Message             struct{ Text string }
	Locations           []sarifLoc
	PartialFingerprints map[string]string
	BaselineState       string
	Suppressions        []struct{ Kind, Status, Justification string }
}

type sarifLoc struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string
			URIBaseID string `json:"uriBaseId"`
		}
		Region *struct{ StartLine, StartColumn, EndLine, EndColumn int }
	}
}

func parseSARIF(t *testing.T, data []byte) sarifDoc {
	t.Helper()
	var d sarifDoc
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Runs) != 1 || len(d.Runs[0].Invocations) != 1 {
		t.Fatalf("want one run with one invocation:\n%s", data)
	}
	rules := d.Runs[0].Tool.Driver.Rules
	for _, r := range d.Runs[0].Results {
		if r.RuleIndex < 0 || r.RuleIndex >= len(rules) || rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result of %s has ruleIndex %d, which is not its rule", r.RuleID, r.RuleIndex)
		}
	}
	return d
}

// junitDoc is a JUnit report read back.
type junitDoc struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Skipped  int `xml:"skipped,attr"`
	Suites   []struct {
		Name     string          `xml:"name,attr"`
		Tests    int             `xml:"tests,attr"`
		Failures int             `xml:"failures,attr"`
		Errors   int             `xml:"errors,attr"`
		Skipped  int             `xml:"skipped,attr"`
		Cases    []junitTestCase `xml:"testcase"`
	} `xml:"testsuite"`
}

type junitTestCase struct {
	Name      string `xml:"name,attr"`
	Classname string `xml:"classname,attr"`
	Failure   *struct {
		Type    string `xml:"type,attr"`
		Message string `xml:"message,attr"`
		Text    string `xml:",chardata"`
	} `xml:"failure"`
	Error *struct {
		Type    string `xml:"type,attr"`
		Message string `xml:"message,attr"`
	} `xml:"error"`
	Skipped *struct {
		Message string `xml:"message,attr"`
	} `xml:"skipped"`
	SystemOut string `xml:"system-out"`
}

// parseJUnit reads a JUnit report back and checks that every count on
// <testsuites> and <testsuite> is the count of its test cases.
func parseJUnit(t *testing.T, data []byte) junitDoc {
	t.Helper()
	if !bytes.HasPrefix(data, []byte(xml.Header)) {
		t.Errorf("no XML declaration: %.60s", data)
	}
	var d junitDoc
	if err := xml.Unmarshal(data, &d); err != nil {
		t.Fatalf("the JUnit report is not XML: %v", err)
	}
	var tests, failures, errors, skipped int
	for _, s := range d.Suites {
		var f, e, sk int
		for _, c := range s.Cases {
			switch {
			case c.Failure != nil:
				f++
			case c.Error != nil:
				e++
			case c.Skipped != nil:
				sk++
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != f || s.Errors != e || s.Skipped != sk {
			t.Errorf("suite %s says tests=%d failures=%d errors=%d skipped=%d; its cases make %d, %d, %d, %d",
				s.Name, s.Tests, s.Failures, s.Errors, s.Skipped, len(s.Cases), f, e, sk)
		}
		tests, failures, errors, skipped = tests+len(s.Cases), failures+f, errors+e, skipped+sk
	}
	if d.Tests != tests || d.Failures != failures || d.Errors != errors || d.Skipped != skipped {
		t.Errorf("testsuites says tests=%d failures=%d errors=%d skipped=%d; its suites make %d, %d, %d, %d",
			d.Tests, d.Failures, d.Errors, d.Skipped, tests, failures, errors, skipped)
	}
	return d
}

// policyReport is a report with what the examples lack: waivers of both
// kinds, a baseline, an unknown, standard input, a finding with no line,
// an absolute path, columns, a security rule and a fix holding a fence.
func policyReport() *report.Report {
	r := report.New("1.2.3")
	r.Components = []report.Component{{Name: "app", Path: "stacks/app", Kind: "terraform root module",
		Verdicts: report.Verdicts{checklist.Security: checklist.Gaps, checklist.Backup: checklist.Met}}}
	r.Rules = []report.RuleInfo{
		{ID: "aws-rds-backup-retention", Item: checklist.Backup, Severity: checklist.High, Title: "RDS keeps backups",
			Why: "A database without backups cannot be restored.", Fix: "backup_retention_period = 7",
			References: []string{"CKV_AWS_133", "https://example.com/rds"}},
		{ID: "aws-s3-encryption", Item: checklist.Security, Severity: checklist.Critical, Title: "S3 buckets are encrypted",
			Fix: "# a fence in the fix\n```\nsse = true\n```\n"},
		{ID: "aws-unused", Item: checklist.Logs, Severity: checklist.Low, Title: "no finding has this rule", Fix: "x"},
	}
	f := func(rule string, item checklist.Item, sev checklist.Severity, st checklist.Status, file string, line int) report.Finding {
		return report.Finding{Rule: rule, Item: item, Severity: sev, Status: st, Resource: "aws_x.y", Component: "app",
			File: file, Line: line, Message: "m", Fingerprint: "fp-" + rule + "-" + file}
	}
	withCols := f("aws-s3-encryption", checklist.Security, checklist.Critical, checklist.Fail, "stacks/app/s 3 ü.tf", 3)
	withCols.Column, withCols.EndLine, withCols.EndColumn = 5, 4, 2
	baselined := f("aws-s3-encryption", checklist.Security, checklist.Critical, checklist.Fail, "stacks/app/old.tf", 1)
	baselined.Baselined = true
	unknown := f("aws-rds-backup-retention", checklist.Backup, checklist.High, checklist.Unknown, "stacks/app/db.tf", 9)
	unknown.Expr, unknown.Why = "var.days", "var.days has no value"
	inline := f("aws-rds-backup-retention", checklist.Backup, checklist.High, checklist.Waived, "stacks/app/db.tf", 12)
	inline.Waiver = "stacks/app/db.tf:11"
	config := f("aws-s3-encryption", checklist.Security, checklist.Critical, checklist.Waived, "stacks/app/s3.tf", 0)
	config.Waiver = ".prodgrade.yaml:4"
	stdin := f("aws-s3-encryption", checklist.Security, checklist.Critical, checklist.Fail, "<stdin>", 2)
	abs := f("aws-s3-encryption", checklist.Security, checklist.Critical, checklist.Fail, "/elsewhere/main.tf", 7)
	orphan := f("tf-not-described", checklist.Install, checklist.Medium, checklist.Fail, "stacks/app/versions.tf", 1)
	r.Findings = []report.Finding{withCols, baselined, unknown, inline, config, stdin, abs, orphan}
	r.Waivers = []report.Waiver{
		{ID: ".prodgrade.yaml:4", Source: "config", Rule: "aws-s3-encryption", Reason: "encrypted by the bucket policy", Owner: "team", Expires: "2027-01-01", Status: "active", Matched: 1},
		{ID: "stacks/app/db.tf:11", Source: "inline", Rule: "aws-rds-backup-retention", Reason: "scratch database", Status: "active", Matched: 1},
	}
	r.Baseline = &report.Baseline{File: "base.json", New: 3, Known: 1, Fixed: []report.BaselineEntry{}}
	r.Notes = []report.Note{
		{Kind: "error", File: "stacks/app/broken.tf", Line: 6, Column: 1, Message: "Missing expression"},
		{Kind: "coverage", File: "stacks/app/main.tf", Line: 30, Component: "app", Message: "module.vpc was not expanded"},
		{Kind: "coverage", Message: "a note about no file"},
	}
	r.Finish(4)
	return r
}

func TestSARIFPolicyReport(t *testing.T) {
	schema := sarifSchema(t)
	var b bytes.Buffer
	if err := report.WriteSARIF(&b, policyReport(), report.Options{WorkDir: "/work/repo"}); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, schema, b.Bytes())
	d := parseSARIF(t, b.Bytes())
	run := d.Runs[0]
	if got := run.OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file:///work/repo/" {
		t.Errorf("root = %q; want file:///work/repo/", got)
	}
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		ids = append(ids, r.ID)
	}
	if got := strings.Join(ids, " "); got != "aws-rds-backup-retention aws-s3-encryption tf-not-described" {
		t.Errorf("rules = %s; want the rules with results, the undescribed one made from its finding", got)
	}
	rds, s3 := run.Tool.Driver.Rules[0], run.Tool.Driver.Rules[1]
	if rds.FullDescription.Text != "A database without backups cannot be restored." || !strings.Contains(rds.Help.Text, "backup_retention_period = 7") ||
		rds.DefaultConfiguration.Level != "error" || rds.Properties["security-severity"] != nil {
		t.Errorf("rds rule: %+v", rds)
	}
	if s3.Properties["security-severity"] != "9.5" || !strings.Contains(s3.Help.Markdown, "````hcl\n# a fence in the fix\n```\nsse = true\n```\n````") {
		t.Errorf("s3 rule: security-severity %v, markdown help:\n%s", s3.Properties["security-severity"], s3.Help.Markdown)
	}
	type want struct {
		level, baseline, uri, base, suppression string
		region                                  string // "line col endLine endCol", "" for none
	}
	wants := []want{
		{"error", "new", "stacks/app/s%203%20%C3%BC.tf", "%SRCROOT%", "", "3 5 4 2"},
		{"error", "unchanged", "stacks/app/old.tf", "%SRCROOT%", "", "1 0 0 0"},
		{"note", "", "stacks/app/db.tf", "%SRCROOT%", "", "9 0 0 0"},
		{"error", "", "stacks/app/db.tf", "%SRCROOT%", "inSource accepted scratch database", "12 0 0 0"},
		{"error", "", "stacks/app/s3.tf", "%SRCROOT%", "external accepted encrypted by the bucket policy", ""},
		{"error", "new", "", "", "", ""},
		{"error", "new", "file:///elsewhere/main.tf", "", "", "7 0 0 0"},
		{"warning", "new", "stacks/app/versions.tf", "%SRCROOT%", "", "1 0 0 0"},
	}
	if len(run.Results) != len(wants) {
		t.Fatalf("%d results; want %d", len(run.Results), len(wants))
	}
	for i, w := range wants {
		r := run.Results[i]
		var got want
		got.level, got.baseline = r.Level, r.BaselineState
		if len(r.Locations) > 0 {
			pl := r.Locations[0].PhysicalLocation
			got.uri, got.base = pl.ArtifactLocation.URI, pl.ArtifactLocation.URIBaseID
			if g := pl.Region; g != nil {
				got.region = fmt.Sprintf("%d %d %d %d", g.StartLine, g.StartColumn, g.EndLine, g.EndColumn)
			}
		}
		if len(r.Suppressions) == 1 {
			s := r.Suppressions[0]
			got.suppression = s.Kind + " " + s.Status + " " + s.Justification
		}
		if got != w {
			t.Errorf("result %d (%s):\n  got  %+v\n  want %+v", i, r.Message.Text, got, w)
		}
		if r.PartialFingerprints["prodgradeFingerprint/v1"] == "" {
			t.Errorf("result %d has no fingerprint", i)
		}
	}
	if msg := run.Results[2].Message.Text; msg != "aws_x.y: m (unknown: var.days has no value)" {
		t.Errorf("unknown's message = %q", msg)
	}
	inv := run.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.Notifications) != 3 || inv.Notifications[0].Level != "error" ||
		inv.Notifications[1].Level != "warning" || len(inv.Notifications[2].Locations) != 0 {
		t.Errorf("invocation: %+v", inv)
	}
}

// Paths are relative to the root: the working directory, or --sarif-root
// (relative to it, or absolute); outside the root they are absolute file
// URIs; without a working directory (goldens), as the report gives them.
func TestSARIFPaths(t *testing.T) {
	for _, c := range []struct {
		workDir, root, file string
		uri, base           string
	}{
		{"", "", "stacks/app/main.tf", "stacks/app/main.tf", "%SRCROOT%"},
		{"", "", "../up/main.tf", "../up/main.tf", ""},
		{"", "", "a:b.tf", "./a:b.tf", "%SRCROOT%"},
		{"", "stacks", "stacks/app/main.tf", "app/main.tf", "%SRCROOT%"},
		{"/repo/infra", "", "app/main.tf", "app/main.tf", "%SRCROOT%"},
		{"/repo/infra", "..", "app/main.tf", "infra/app/main.tf", "%SRCROOT%"},
		{"/repo/infra", "/repo", "app/main.tf", "infra/app/main.tf", "%SRCROOT%"},
		{"/repo/infra", "", "/repo/infra/app/x.tf", "app/x.tf", "%SRCROOT%"},
		{"/repo/infra", "", "/etc/x.tf", "file:///etc/x.tf", ""},
		{"/repo/infra", "", "../other/x.tf", "file:///repo/other/x.tf", ""},
		{"/repo", "", "#odd dir/x?.tf", "%23odd%20dir/x%3F.tf", "%SRCROOT%"},
	} {
		r := report.New("t")
		r.Rules = []report.RuleInfo{{ID: "tf-x", Item: checklist.Install, Severity: checklist.Low, Title: "x", Fix: "x"}}
		r.Findings = []report.Finding{{Rule: "tf-x", Item: checklist.Install, Severity: checklist.Low, Status: checklist.Fail,
			Resource: "r", Component: "c", File: c.file, Line: 1, Message: "m"}}
		var b bytes.Buffer
		if err := report.WriteSARIF(&b, r, report.Options{WorkDir: c.workDir, SARIFRoot: c.root}); err != nil {
			t.Fatal(err)
		}
		al := parseSARIF(t, b.Bytes()).Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
		if al.URI != c.uri || al.URIBaseID != c.base {
			t.Errorf("workDir %q root %q file %q: uri %q base %q; want %q %q", c.workDir, c.root, c.file, al.URI, al.URIBaseID, c.uri, c.base)
		}
	}
}

// An empty report is still a valid log: one run, no rules, no results,
// a successful invocation.
func TestSARIFEmpty(t *testing.T) {
	r := report.New("t")
	r.Finish(0)
	var b bytes.Buffer
	if err := report.WriteSARIF(&b, r, report.Options{}); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, sarifSchema(t), b.Bytes())
	if !strings.Contains(b.String(), `"rules": []`) || !strings.Contains(b.String(), `"results": []`) ||
		!strings.Contains(b.String(), `"executionSuccessful": true`) {
		t.Errorf("empty report:\n%s", b.String())
	}
}
