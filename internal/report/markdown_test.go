package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/prodgrade/prodgrade/internal/checklist"
)

// renderGFM renders Markdown as GitHub does in the respects that matter
// here: GitHub-flavoured tables and raw HTML passed through (GitHub then
// sanitizes it, but a <details> or </details> from a message would be kept).
func renderGFM(t *testing.T, md string) string {
	t.Helper()
	var out bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))
	if err := gm.Convert([]byte(md), &out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// hostile is a report whose scanned names and messages try to break out of
// the Markdown they are written into.
func hostile() *Report {
	r := sample()
	evil := []string{
		"</details><script>alert(1)</script>",
		"a | b | c",
		"``` closing fence ` and `` runs",
		"ping @octocat and @org/team, see #1",
		"[click](https://evil.example) ![img](x.png) <img src=x onerror=alert(1)>",
		"line one\n</details>\n# heading\n| x |",
		"*bold* _it_ ~~strike~~ $x$ \\ &lt;entity&gt; <!-- comment",
	}
	for i, s := range evil {
		r.Findings = append(r.Findings, Finding{
			Rule: "evil-rule-" + s, Item: checklist.Security, Severity: checklist.Critical, Status: checklist.Fail,
			Resource: "res " + s, Component: "stacks/app", File: "dir/" + s + ".tf", Line: i + 1,
			Message: s, Fix: s,
		})
	}
	r.Components[0].Name = "comp | </details> @someone"
	r.Waivers = []Waiver{{ID: "w.yaml:1", Source: "config", Rule: "x", Reason: evil[0], Owner: "@owner", Expires: "2020-01-01", Status: "expired"}}
	r.Attestations = []Attestation{{Item: checklist.Backup, Component: evil[1], Evidence: evil[4], By: "@someone", Date: "2019-01-01", Expires: "2020-01-01", Status: "expired"}}
	r.Finish(5)
	return r
}

func TestMarkdownEscapesScannedText(t *testing.T) {
	r := hostile()
	for _, link := range []string{"", "https://github.com/o/r/blob/abc"} {
		t.Run("link="+link, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteMarkdown(&b, r, MarkdownOptions{LinkBase: link}); err != nil {
				t.Fatal(err)
			}
			md := b.String()
			page := renderGFM(t, md)
			// Only the summary's own sections open and close.
			opens, closes := strings.Count(page, "<details>"), strings.Count(page, "</details>")
			want := strings.Count(md, "\n<details>") + boolInt(strings.HasPrefix(md, "<details>"))
			if opens != want || closes != want {
				t.Errorf("rendered page has %d <details> and %d </details>, want %d of each", opens, closes, want)
			}
			for _, bad := range []string{"<script", "<img", "<!--", `href="https://evil`, "<h1", "<del>", "<em>bold", "<strong>bold"} {
				if strings.Contains(page, bad) {
					t.Errorf("rendered page contains %q: scanned text was interpreted", bad)
				}
			}
			// Mentions and issue references are broken up (GitHub finds
			// them in the rendered text, outside code).
			text := regexp.MustCompile(`(?s)<code>.*?</code>`).ReplaceAllString(page, "")
			text = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(text, "")
			for _, m := range []string{"@octocat", "@org", "@owner", "@someone", "#1"} {
				if i := strings.Index(text, m); i >= 0 {
					t.Errorf("rendered text outside code still has the mention or reference %q: …%s…", m, text[max(0, i-80):min(len(text), i+40)])
				}
			}
			// The words are all there, as text.
			for _, s := range []string{"&lt;/details&gt;&lt;script&gt;alert(1)&lt;/script&gt;", "a | b | c", "*bold* _it_ ~~strike~~"} {
				if !strings.Contains(page, s) {
					t.Errorf("rendered page lacks the escaped text %q", s)
				}
			}
			// Every table row has as many cells as its header.
			for _, table := range regexp.MustCompile(`(?s)<table>.*?</table>`).FindAllString(page, -1) {
				rows := regexp.MustCompile(`(?s)<tr>.*?</tr>`).FindAllString(table, -1)
				cells := strings.Count(rows[0], "<th")
				for _, row := range rows[1:] {
					if n := strings.Count(row, "<td"); n != cells {
						t.Errorf("table row has %d cells, header %d: %s", n, cells, row)
					}
				}
			}
			if link != "" {
				for _, href := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(page, -1) {
					if !strings.HasPrefix(href[1], link+"/") {
						t.Errorf("link %q leaves the link base", href[1])
					}
				}
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestMarkdownEscapeHelpers(t *testing.T) {
	for _, tc := range []struct{ in, text, code, tableCode string }{
		{"plain", "plain", "`plain`", "`plain`"},
		{"a_b*c", `a\_b\*c`, "`a_b*c`", "`a_b*c`"},
		{"x|y", `x\|y`, "`x|y`", "`x\\|y`"},
		{"`tick`", "\\`tick\\`", "`` `tick` ``", "`` `tick` ``"},
		{"a\nb", "a b", "`a b`", "`a b`"},
		{"<b>&", "&lt;b&gt;&amp;", "`<b>&`", "`<b>&`"},
		{"@me #12 a@b", "@\u200bme #\u200b12 a@\u200bb", "`@me #12 a@b`", "`@me #12 a@b`"},
		{"see www.x.org, https://y.org", "see www\u200b.x.org, https:\u200b//y.org", "`see www.x.org, https://y.org`", "`see www.x.org, https://y.org`"},
		{"", "", "", ""},
	} {
		if got := mdText(tc.in); got != tc.text {
			t.Errorf("mdText(%q) = %q, want %q", tc.in, got, tc.text)
		}
		if got := mdCode(tc.in, false); got != tc.code {
			t.Errorf("mdCode(%q) = %q, want %q", tc.in, got, tc.code)
		}
		if got := mdCode(tc.in, true); got != tc.tableCode {
			t.Errorf("mdCode(%q, table) = %q, want %q", tc.in, got, tc.tableCode)
		}
	}
	for _, tc := range []struct {
		base, file string
		line       int
		want       string
	}{
		{"https://g.example/o/r/blob/c", "infra/main.tf", 3, "https://g.example/o/r/blob/c/infra/main.tf#L3"},
		{"https://g.example/o/r/blob/c/", "./a b/(x).tf", 0, "https://g.example/o/r/blob/c/a%20b/%28x%29.tf"},
		{"https://g.example/x", "../../etc/passwd", 1, "https://g.example/x/%2E%2E/%2E%2E/etc/passwd#L1"},
		{"https://g.example/a)b", "f|g.tf", 2, "https://g.example/a%29b/f%7Cg.tf#L2"},
	} {
		if got := sourceLink(tc.base, tc.file, tc.line); got != tc.want {
			t.Errorf("sourceLink(%q, %q, %d) = %q, want %q", tc.base, tc.file, tc.line, got, tc.want)
		}
	}
}

func TestFill(t *testing.T) {
	entries := []string{"aaaa\n", "bbbb\n", "cccc\n"}
	entry := func(i int) mdPart { return mdPart{entries[i], 1} }
	more := func(n int) string { return fmt.Sprintf("+%d\n", n) }
	for _, tc := range []struct {
		limit int
		want  string
		left  int
	}{
		{100, "H\naaaa\nbbbb\ncccc\nT\n", 0},
		{19, "H\naaaa\nbbbb\ncccc\nT\n", 0}, // exactly fits: no room kept for the more-line
		{18, "H\naaaa\nbbbb\n+1\nT\n", 1},
		{11, "H\n+3\nT\n", 3},
		{6, "", 3},
	} {
		got, left := fill(tc.limit, "H\n", "T\n", len(entries), len(entries), entry, more)
		if got != tc.want || left != tc.left {
			t.Errorf("fill(%d) = %q, %d; want %q, %d", tc.limit, got, left, tc.want, tc.left)
		}
		if len(got) > tc.limit {
			t.Errorf("fill(%d) wrote %d bytes", tc.limit, len(got))
		}
	}
}

// huge is a report the size of a large monorepo's: many components, tens
// of thousands of findings with long messages and fixes.
func huge(components, findings int) *Report {
	r := New("test")
	for i := range components {
		v := Verdicts{}
		for j, it := range checklist.Items {
			v[it] = []checklist.Verdict{checklist.Met, checklist.Gaps, checklist.Unverified, checklist.NA}[(i+j)%4]
		}
		r.Components = append(r.Components, Component{Name: fmt.Sprintf("services/team-%03d/stack-%04d", i%97, i), Kind: "terraform root module", Verdicts: v, Score: intp(i % 101)})
	}
	for i := range findings {
		it := checklist.Items[i%len(checklist.Items)]
		sev := checklist.Severity(i % 5)
		st := checklist.Fail
		if i%7 == 0 {
			st = checklist.Unknown
		}
		r.Findings = append(r.Findings, Finding{
			Rule: fmt.Sprintf("aws-rule-%02d", i%40), Item: it, Severity: sev, Status: st,
			Resource: fmt.Sprintf("module.m%d.aws_thing.x[%d]", i%13, i), Component: r.Components[i%components].Name,
			File: fmt.Sprintf("services/team-%03d/main.tf", i%97), Line: i%900 + 1,
			Message: strings.Repeat("a message long enough to matter ", 4) + "<b>|</b>",
			Fix:     fmt.Sprintf("resource \"x\" \"y\" {\n  fix = %d\n}", i%40),
		})
	}
	for i := range 300 {
		r.Waivers = append(r.Waivers, Waiver{ID: fmt.Sprintf("w.yaml:%d", i), Rule: "aws-rule-01", Status: "expiring", Expires: "2030-01-01", Reason: "later"})
	}
	r.Baseline = &Baseline{File: "b.json", Fixed: make([]BaselineEntry, 5000)}
	for i := range r.Baseline.Fixed {
		r.Baseline.Fixed[i] = BaselineEntry{Rule: "aws-rule-01", Resource: fmt.Sprintf("aws_x.y[%d]", i), File: "f.tf"}
	}
	for i := range 2000 {
		r.Notes = append(r.Notes, Note{Kind: "error", File: fmt.Sprintf("bad/%d.tf", i), Line: 1, Message: "Invalid expression"})
	}
	r.Finish(5000)
	return r
}

func TestMarkdownFitsGitHubLimit(t *testing.T) {
	for _, tc := range []struct {
		name                 string
		components, findings int
	}{
		{"many findings", 40, 50000},
		{"many components", 3000, 20000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := huge(tc.components, tc.findings)
			var b bytes.Buffer
			if err := WriteMarkdown(&b, r, MarkdownOptions{LinkBase: "https://github.com/o/r/blob/c"}); err != nil {
				t.Fatal(err)
			}
			md := b.String()
			if b.Len() > GitHubCommentLimit || utf8.RuneCountInString(md) > GitHubCommentLimit {
				t.Fatalf("summary is %d bytes, %d characters; the limit is %d", b.Len(), utf8.RuneCountInString(md), GitHubCommentLimit)
			}
			for _, want := range []string{"| Component | INS |", "| `" + r.Components[0].Name + "` |", "✅ met", "### Top new gaps",
				"**Left out to fit the 65,536-character comment limit:**", "`prodgrade scan --format json` lists everything"} {
				if !strings.Contains(md, want) {
					t.Errorf("summary lacks %q", want)
				}
			}
			// The closing count adds up with what is listed.
			m := regexp.MustCompile(`limit:\*\* (.*?)\. `).FindStringSubmatch(md)
			if m == nil {
				t.Fatal("no count of what was left out")
			}
			listed := strings.Count(md, "\n  - `module.")
			fails := 0
			for _, f := range r.Findings {
				if f.Status == checklist.Fail {
					fails++
				}
			}
			if left := countOf(m[1], "gap"); listed+left != fails {
				t.Errorf("%d gaps listed + %d left out (%q) != %d gaps", listed, left, m[1], fails)
			}
			if tc.components > 100 && countOf(m[1], "component") == 0 {
				t.Errorf("components were cut but not counted: %q", m[1])
			}
			if strings.Count(md, "<details>") != strings.Count(md, "</details>") {
				t.Error("unbalanced <details>")
			}
			t.Logf("%d bytes; left out: %s", b.Len(), m[1])
		})
	}
}

// countOf finds "N noun" or "N nouns" in a list such as "3 components, 12 gaps".
func countOf(list, noun string) int {
	for part := range strings.SplitSeq(list, ", ") {
		var n int
		var word string
		if _, err := fmt.Sscanf(strings.ReplaceAll(part, ",", ""), "%d %s", &n, &word); err == nil && strings.TrimSuffix(word, "s") == noun {
			return n
		}
	}
	return 0
}

func TestMarkdownSmallCases(t *testing.T) {
	empty := New("test")
	empty.Finish(0)
	clean := sample()
	clean.Findings = nil
	clean.Notes = nil
	clean.Finish(5)
	base := sample()
	base.Findings[0].Baselined = true
	base.Baseline = &Baseline{File: "b.json", New: 1, Known: 1, Fixed: []BaselineEntry{{Rule: "aws-ebs-gp3", Resource: "aws_ebs_volume.old", File: "stacks/app/disk.tf"}}}
	tiered := sample()
	tiered.Components[0].Tier = "critical"
	tiered.Components[0].Gates = map[checklist.Item]string{checklist.Logs: "none"}
	for _, tc := range []struct {
		name      string
		r         *Report
		want, not []string
	}{
		{"empty", empty, []string{"No components found", "**0 gaps**"}, []string{"| Component |", "Left out"}},
		{"clean", clean, []string{"| `stacks/app` |", "No gap.\n"}, []string{"<details>", "### Notes"}},
		{"sample", sample(), []string{"| critical | `aws-s3-versioning` |", "Data backup</b> — 2 gaps (1 critical, 1 high)",
			"❔ <b>Unknown</b> — 7 checks", "Input errors", "`stacks/bad/main.tf:3` — Invalid expression", "1 coverage note says"}, []string{"Against the baseline"}},
		{"baseline", base, []string{"### Against the baseline", "**1 new gap** (not in `b.json`; they gate), 1 known gap in it, **1 fixed entry**",
			"`aws-ebs-gp3` on `aws_ebs_volume.old`", "### Top new gaps", "In the baseline, not listed: Data backup 1."}, []string{"aws_db_instance.main"}},
		{"tier", tiered, []string{"| Score | Tier |", "| ❔\\* |", "| `critical` |", "\\* not required by the component's tier"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteMarkdown(&b, tc.r, MarkdownOptions{}); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("lacks %q:\n%s", w, b.String())
				}
			}
			for _, n := range tc.not {
				if strings.Contains(b.String(), n) {
					t.Errorf("has %q:\n%s", n, b.String())
				}
			}
		})
	}
}
