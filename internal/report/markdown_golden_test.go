package report_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/prodgrade/prodgrade/internal/report"
	"github.com/prodgrade/prodgrade/internal/scan"
)

// TestGoldenMarkdown renders the golden cases (the bundled examples, the
// mixed fixture) as Markdown, and the text report --quiet and grouped by
// component and by rule.
func TestGoldenMarkdown(t *testing.T) {
	golden, err := filepath.Abs(filepath.Join("testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	regen := *update || os.Getenv("PRODGRADE_UPDATE_GOLDEN") == "1"
	t.Chdir(filepath.Join("..", ".."))
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := scan.Run(context.Background(), scan.Options{Paths: tc.paths, Version: "test"})
			if err != nil {
				t.Fatal(err)
			}
			var md bytes.Buffer
			if err := report.WriteMarkdown(&md, rep, report.MarkdownOptions{LinkBase: "https://github.com/prodgrade/prodgrade/blob/main"}); err != nil {
				t.Fatal(err)
			}
			if md.Len() > report.GitHubCommentLimit {
				t.Errorf("the summary is %d bytes, over GitHub's limit", md.Len())
			}
			compare(t, filepath.Join(golden, tc.name+".md"), md.Bytes(), regen)
			for _, v := range []struct {
				suffix string
				opt    report.TextOptions
			}{
				{"quiet", report.TextOptions{Quiet: true}},
				{"by-component", report.TextOptions{GroupBy: report.GroupByComponent}},
				{"by-rule", report.TextOptions{GroupBy: report.GroupByRule}},
			} {
				var txt bytes.Buffer
				if err := report.WriteText(&txt, rep, v.opt); err != nil {
					t.Fatal(err)
				}
				compare(t, filepath.Join(golden, tc.name+"."+v.suffix+".txt"), txt.Bytes(), regen)
			}
		})
	}
}

// TestGoldenDiff compares two scans of one Terraform root module, before
// and after a commit that fixes some gaps, adds others and turns a value
// into a variable (testdata/fixtures/diff/{old,new}/infra), in the three
// forms prodgrade diff writes.
func TestGoldenDiff(t *testing.T) {
	golden, err := filepath.Abs(filepath.Join("testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	fixtures, err := filepath.Abs(filepath.Join("testdata", "fixtures", "diff"))
	if err != nil {
		t.Fatal(err)
	}
	regen := *update || os.Getenv("PRODGRADE_UPDATE_GOLDEN") == "1"
	var reps []*report.Report
	for _, side := range []string{"old", "new"} {
		// Scanned from inside each side, so the component is "infra" in both.
		t.Chdir(filepath.Join(fixtures, side))
		rep, err := scan.Run(context.Background(), scan.Options{Paths: []string{"infra"}, Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		reps = append(reps, rep)
	}
	d := report.Compare(reps[0], reps[1], "old.json", "new.json")
	if d.MatchedBy != report.MatchFingerprint || d.Summary.New == 0 || d.Summary.Fixed == 0 || d.Summary.Changed == 0 {
		t.Fatalf("the fixture should give new, fixed and changed findings matched by fingerprint: %+v", d.Summary)
	}
	var txt, js, md bytes.Buffer
	if err := report.WriteDiffText(&txt, d); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteDiffJSON(&js, d); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteDiffMarkdown(&md, d, report.MarkdownOptions{}); err != nil {
		t.Fatal(err)
	}
	compare(t, filepath.Join(golden, "diff.txt"), txt.Bytes(), regen)
	compare(t, filepath.Join(golden, "diff.json"), js.Bytes(), regen)
	compare(t, filepath.Join(golden, "diff.md"), md.Bytes(), regen)
}
