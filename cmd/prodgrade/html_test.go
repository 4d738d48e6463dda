package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/report"
)

// One scan writes the JSON and the HTML report (as files; the page is the
// same on standard output); the page shows the JSON's components, counts
// and notes.
func TestScanWritesHTML(t *testing.T) {
	dir := t.TempDir()
	js, page := filepath.Join(dir, "r.json"), filepath.Join(dir, "r.html")
	code, out, errOut := prodgrade(t, "", "scan", "--format", "json="+js, "--format", "html="+page, "testdata/bad")
	// testdata/bad holds an input error as well as gaps: exit code 2.
	if code != report.ExitError || out != "" || !strings.Contains(errOut, "html report written to "+page) {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, out, errOut)
	}
	data, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	var r report.Report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	s := string(html)
	if !strings.HasPrefix(s, "<!DOCTYPE html>") || !strings.HasSuffix(s, "</html>\n") {
		t.Errorf("not a whole page: %.80q … %.80q", s, s[max(0, len(s)-80):])
	}
	if r.Summary.Fail == 0 {
		t.Fatal("testdata/bad has no gaps; the test needs some")
	}
	for _, want := range []string{
		`<dd data-count="fail">` + strconv.Itoa(r.Summary.Fail) + `</dd>`,
		`<dd data-count="unknown">` + strconv.Itoa(r.Summary.Unknown) + `</dd>`,
		"All " + strconv.Itoa(len(r.Findings)) + " findings are listed.",
		`<dd data-count="errors">` + strconv.Itoa(r.Summary.Errors) + `</dd>`, "✗ error</td>",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if rows := strings.Count(s, "<tr data-component="); rows != len(r.Components) {
		t.Errorf("%d matrix rows, %d components", rows, len(r.Components))
	}
	if n := strings.Count(s, `<li class="f `); n != len(r.Findings) {
		t.Errorf("%d findings on the page, %d in the JSON", n, len(r.Findings))
	}
	code, out, _ = prodgrade(t, "", "scan", "--format", "html", "testdata/bad")
	if code != report.ExitError || out != s {
		t.Errorf("--format html to standard output: exit %d, and it differs from the file (%d and %d bytes)", code, len(out), len(s))
	}
}
