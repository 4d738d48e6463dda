package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScanMarkdownAndTextOptions runs scan with --format markdown (to a
// file, beside text on standard output), --link-base, --quiet and
// --group-by.
func TestScanMarkdownAndTextOptions(t *testing.T) {
	first := filepath.Join("..", "..", "examples", "first-try")
	md := filepath.Join(t.TempDir(), "summary.md")
	code, out, errOut := prodgrade(t, "", "scan", first, "--quiet", "--format", "text", "--format", "markdown="+md,
		"--link-base", "https://github.com/o/r/blob/abc")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (first-try has gaps); stderr %s", code, errOut)
	}
	if !strings.Contains(out, "COMPONENT") || strings.Contains(out, "GAPS BY") || !strings.Contains(out, "36 gaps") {
		t.Errorf("--quiet should print the matrix and the summary line only:\n%s", out)
	}
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| `../../examples/first-try` |", "[`../../examples/first-try/main.tf:47`](https://github.com/o/r/blob/abc/%2E%2E/%2E%2E/examples/first-try/main.tf#L47)", "<details><summary>"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if !strings.Contains(errOut, "markdown report written to "+md) {
		t.Errorf("stderr: %q", errOut)
	}

	code, out, _ = prodgrade(t, "", "scan", first, "--group-by", "rule")
	if code != 1 || !strings.Contains(out, "GAPS BY RULE") {
		t.Errorf("--group-by rule: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{
		{"scan", first, "--group-by", "severity"},
		{"scan", first, "--format", "markdown", "--link-base", "javascript:alert(1)"},
		{"scan", first, "--format", "markdown", "--link-base", "github.com/o/r"},
	} {
		code, out, errOut := prodgrade(t, "", args...)
		if code != 2 || out != "" || !strings.HasPrefix(errOut, "prodgrade: invalid --") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and the error alone", args, code, out, errOut)
		}
	}
}

// TestDiffCommand scans two versions of a module into JSON and diffs them
// in each format, then gives diff what it must refuse.
func TestDiffCommand(t *testing.T) {
	dir := t.TempDir()
	fixtures, err := filepath.Abs(filepath.Join("..", "..", "internal", "report", "testdata", "fixtures", "diff"))
	if err != nil {
		t.Fatal(err)
	}
	oldJSON, newJSON := filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json")
	for side, file := range map[string]string{"old": oldJSON, "new": newJSON} {
		t.Chdir(filepath.Join(fixtures, side)) // the component is "infra" on both sides
		if code, _, errOut := prodgrade(t, "", "scan", "infra", "--format", "json="+file); code != 1 {
			t.Fatalf("scan %s: exit %d: %s", side, code, errOut)
		}
	}
	t.Chdir(dir)

	code, out, _ := prodgrade(t, "", "diff", "old.json", "new.json")
	if code != 1 || !strings.Contains(out, "~ infra  score 0 → 8") || !strings.Contains(out, "4 new findings (4 failing), 5 fixed, 2 changed") {
		t.Errorf("diff old new: exit %d, want 1 (new gaps)\n%s", code, out)
	}
	// The other way round, the fixed gaps are new.
	if code, _, _ := prodgrade(t, "", "diff", "new.json", "old.json"); code != 1 {
		t.Errorf("diff new old: exit %d, want 1", code)
	}
	// A report compared with itself: nothing new fails.
	code, out, _ = prodgrade(t, "", "diff", "new.json", "new.json", "--format", "json")
	var d struct {
		Schema  string `json:"schema"`
		Summary struct {
			New int `json:"new"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil || code != 0 || d.Schema != "prodgrade/diff/v1" || d.Summary.New != 0 {
		t.Errorf("diff new new --format json: exit %d, %v\n%s", code, err, out)
	}
	code, out, _ = prodgrade(t, "", "diff", "old.json", "new.json", "--format", "markdown", "--link-base", "https://github.com/o/r/blob/abc")
	if code != 1 || !strings.Contains(out, "## prodgrade diff") || !strings.Contains(out, "(https://github.com/o/r/blob/abc/infra/main.tf#L121)") {
		t.Errorf("diff --format markdown: exit %d\n%s", code, out)
	}

	// A report without fingerprints is matched by content, and says so.
	data, err := os.ReadFile("old.json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	for _, f := range raw["findings"].([]any) {
		delete(f.(map[string]any), "fingerprint")
	}
	data, _ = json.Marshal(raw)
	if err := os.WriteFile("old-nofp.json", data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = prodgrade(t, "", "diff", "old-nofp.json", "new.json")
	if code != 1 || !strings.Contains(out, "Note: old-nofp.json has findings without a fingerprint") {
		t.Errorf("diff of a report without fingerprints: exit %d\n%s", code, out)
	}

	os.WriteFile("baseline.json", []byte(`{"schema": "prodgrade/baseline/v1", "findings": []}`), 0o644)
	os.WriteFile("v2.json", []byte(`{"schema": "prodgrade/report/v2"}`), 0o644)
	os.WriteFile("broken.json", []byte(`{"schema": "prodgrade/rep`), 0o644)
	for _, tc := range []struct {
		args []string
		err  string
	}{
		{[]string{"diff", "old.json", "missing.json"}, "cannot read the report: open missing.json"},
		{[]string{"diff", "baseline.json", "new.json"}, "baseline.json is not a prodgrade report"},
		{[]string{"diff", "old.json", "v2.json"}, "v2.json is a prodgrade/report/v2 report; this prodgrade reads prodgrade/report/v1"},
		{[]string{"diff", "broken.json", "new.json"}, "broken.json is not a JSON report"},
		{[]string{"diff", "old.json"}, "accepts 2 arg(s)"},
		{[]string{"diff", "old.json", "new.json", "--format", "sarif"}, `invalid --format "sarif"`},
	} {
		code, out, errOut := prodgrade(t, "", tc.args...)
		if code != 2 || out != "" || !strings.Contains(errOut, tc.err) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", tc.args, code, out, errOut, tc.err)
		}
	}
}
