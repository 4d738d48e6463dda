package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/report"
)

// goldenReport decodes a golden JSON report: the HTML goldens are rendered
// from it, as any program reading the JSON could, which also shows the
// renderer needs nothing the JSON lacks.
func goldenReport(t *testing.T, name string) *report.Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "golden", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var r report.Report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("%s.json: %v", name, err)
	}
	return &r
}

// hostile is markup and script a scanned file could hold in a name, a
// path or a value a message quotes.
const hostile = `<script>window.pwned=1</script><img src=x onerror="window.pwned=1">`

// policyReport is a hand-built report with every part the bundled
// examples lack: tiers, owners, an item a tier does not require, waived
// and baselined findings, waivers and attestations in every status, a
// baseline with fixed entries, an input error — and hostile strings
// wherever scanned code can put text.
func htmlPolicyReport() *report.Report {
	score := func(n int) *int { return &n }
	r := report.New("test")
	r.Components = []report.Component{
		{Name: "payments", Path: "infra/payments", Kind: "declared component", Tier: "critical", Owner: "team-payments",
			Verdicts: report.Verdicts{checklist.Install: checklist.Met, checklist.Backup: checklist.Gaps,
				checklist.Performance: checklist.Attested, checklist.Logs: checklist.Unverified, checklist.Security: checklist.Gaps},
			Gates: map[checklist.Item]string{checklist.Install: "low", checklist.Backup: "medium", checklist.Performance: "none",
				checklist.Logs: "low", checklist.Security: "high"},
			Score: score(40), Counts: report.Counts{Resources: 6, Pass: 9, Fail: 3, Unknown: 1, Waived: 1}},
		{Name: "web " + hostile, Path: "k8s/web", Kind: "kubernetes application", Tier: "standard",
			Verdicts: report.Verdicts{checklist.Availability: checklist.Gaps, checklist.Deploy: checklist.Met},
			Score:    score(50), Counts: report.Counts{Resources: 2, Pass: 4, Fail: 1}},
		{Name: "empty", Path: "empty", Kind: "terraform root module", Verdicts: report.Verdicts{}},
	}
	r.Rules = []report.RuleInfo{
		{ID: "aws-rds-backup-retention", Item: checklist.Backup, Severity: checklist.High, Title: "RDS instances keep automated backups for at least 7 days"},
		{ID: "aws-s3-versioning", Item: checklist.Backup, Severity: checklist.Medium, Title: "S3 buckets are versioned"},
		{ID: "aws-s3-encryption", Item: checklist.Security, Severity: checklist.Critical, Title: "S3 buckets are encrypted"},
		{ID: "k8s-replicas", Item: checklist.Availability, Severity: checklist.High, Title: "Deployments run two replicas or more"},
		{ID: "aws-cloudwatch-log-retention", Item: checklist.Logs, Severity: checklist.Low, Title: "Log groups set a retention"},
	}
	r.Findings = []report.Finding{
		{Rule: "aws-rds-backup-retention", Item: checklist.Backup, Severity: checklist.High, Status: checklist.Fail,
			Resource: "aws_db_instance.main", Component: "payments", File: "infra/payments/db.tf", Line: 12,
			Message: "backup_retention_period is 1; keep at least 7 days", Fix: "backup_retention_period = 7", Fingerprint: "1111111111111111", Baselined: true},
		{Rule: "aws-s3-versioning", Item: checklist.Backup, Severity: checklist.Medium, Status: checklist.Waived,
			Resource: "aws_s3_bucket.cache", Component: "payments", File: "infra/payments/s3.tf", Line: 3,
			Message: "no aws_s3_bucket_versioning refers to this bucket", Fix: "versioning { enabled = true }", Waiver: ".prodgrade.yaml:14"},
		{Rule: "aws-s3-encryption", Item: checklist.Security, Severity: checklist.Critical, Status: checklist.Fail,
			Resource: `aws_s3_bucket.data["` + hostile + `"]`, Component: "payments", File: "infra/payments/" + hostile + ".tf", Line: 7,
			Message: "the bucket " + hostile + " is not encrypted", Fix: "resource \"aws_s3_bucket_server_side_encryption_configuration\" \"x\" {\n  # " + hostile + "\n}"},
		{Rule: "aws-cloudwatch-log-retention", Item: checklist.Logs, Severity: checklist.Low, Status: checklist.Unknown,
			Resource: "aws_cloudwatch_log_group.app", Component: "payments", File: "infra/payments/logs.tf", Line: 5,
			Message: "retention_in_days cannot be resolved without running Terraform", Expr: "var.retention", Why: "var.retention has no value"},
		{Rule: "k8s-replicas", Item: checklist.Availability, Severity: checklist.High, Status: checklist.Fail,
			Resource: "Deployment/web/web", Component: "web " + hostile, File: "k8s/web/deploy.yaml", Line: 9,
			Message: "replicas is 1", Fix: "spec:\n  replicas: 2"},
	}
	r.Notes = []report.Note{
		{Kind: "error", File: "infra/broken/main.tf", Line: 3, Message: "Invalid expression " + hostile},
		{Kind: "coverage", File: "infra/payments/main.tf", Line: 9, Component: "payments", Message: `module "vpc" is not downloaded; run terraform init`},
	}
	r.Waivers = []report.Waiver{
		{ID: ".prodgrade.yaml:14", Source: "config", Rule: "aws-s3-versioning", Resource: "aws_s3_bucket.cache", Reason: "a cache rebuilt on demand",
			Owner: "alice@example.com", Expires: "2999-12-31", Ticket: "OPS-12", Status: "active", Matched: 1},
		{ID: ".prodgrade.yaml:20", Source: "config", Item: checklist.Logs, Component: "payments", Reason: "moving to Loki", Owner: "bob", Expires: "2026-01-10", Status: "expiring"},
		{ID: "infra/payments/db.tf:11", Source: "inline", Rule: "aws-rds-deletion-protection", Reason: hostile, Owner: "carol", Expires: "2020-01-01", Status: "expired"},
		{ID: ".prodgrade.yaml:26", Source: "config", Rule: "aws-gone", Owner: "dave", Expires: "2999-01-01", Status: "stale"},
	}
	r.Attestations = []report.Attestation{
		{Item: checklist.Performance, Component: "payments", Evidence: "https://wiki.example.com/load-test", By: "erin", Date: "2026-01-01", Expires: "2999-01-01", Status: "valid"},
		{Item: checklist.Backup, Component: "gone", Evidence: "restore drill " + hostile, By: "frank", Date: "2020-01-01", Expires: "2021-01-01", Status: "stale"},
	}
	r.Baseline = &report.Baseline{File: "prodgrade-baseline.json", New: 2, Known: 1, Fixed: []report.BaselineEntry{
		{Fingerprint: "2222222222222222", Rule: "aws-rds-final-snapshot", Component: "payments", Resource: "aws_db_instance.main", File: "infra/payments/db.tf"},
	}}
	r.Finish(9)
	return r
}

// htmlGoldens are the HTML goldens: the bundled examples' golden reports
// and the policy report.
func htmlGoldens(t *testing.T) map[string]*report.Report {
	out := map[string]*report.Report{"policy": htmlPolicyReport()}
	for _, tc := range goldenCases {
		out[tc.name] = goldenReport(t, tc.name)
	}
	return out
}

func renderHTML(t *testing.T, r *report.Report, opt report.HTMLOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteHTML(&b, r, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestHTMLGolden(t *testing.T) {
	regen := *update || os.Getenv("PRODGRADE_UPDATE_GOLDEN") == "1"
	for name, r := range htmlGoldens(t) {
		t.Run(name, func(t *testing.T) {
			got := renderHTML(t, r, report.HTMLOptions{})
			compare(t, filepath.Join("testdata", "golden", name+".html"), got, regen)
			if again := renderHTML(t, r, report.HTMLOptions{}); !bytes.Equal(got, again) {
				t.Error("two renderings of one report differ")
			}
		})
	}
}

var (
	attrURL = regexp.MustCompile(`(?i)\b(href|src|action|srcset|poster|data)\s*=\s*"([^"]*)"`)
	// loaders are the ways a page can fetch something beside attributes.
	loaders = regexp.MustCompile(`(?i)<link\b|<iframe\b|<object\b|<embed\b|@import|url\(|fetch\(|XMLHttpRequest|<img\b|<script\s+src`)
)

// The page loads nothing: every link is an anchor in the page, and no
// element or style can fetch anything.
func TestHTMLIsSelfContained(t *testing.T) {
	for name, r := range htmlGoldens(t) {
		page := renderHTML(t, r, report.HTMLOptions{})
		for _, m := range attrURL.FindAllSubmatch(page, -1) {
			if !bytes.HasPrefix(m[2], []byte("#")) {
				t.Errorf("%s: %s=%q points outside the page", name, m[1], m[2])
			}
		}
		if m := loaders.Find(page); m != nil {
			t.Errorf("%s: the page holds %q, which could load something", name, m)
		}
		if n := bytes.Count(page, []byte("<script")); n != 1 {
			t.Errorf("%s: %d script elements, want only the page's own", name, n)
		}
	}
}

// Text from the report is escaped wherever it lands: in text, in
// attributes, in the SVG, in <pre>.
func TestHTMLEscapesReportText(t *testing.T) {
	page := string(renderHTML(t, htmlPolicyReport(), report.HTMLOptions{}))
	for _, bad := range []string{"<script>window", "<img", `onerror="`} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q unescaped", bad)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;window.pwned=1&lt;/script&gt;",                   // text
		`the bucket &lt;script&gt;window.pwned=1&lt;/script&gt;&lt;img`, // a message
		`# &lt;script&gt;`, // a fix in <pre>
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

func TestHTMLSections(t *testing.T) {
	cases := []struct {
		name    string
		r       *report.Report
		want    []string
		notWant []string
	}{
		{"policy", htmlPolicyReport(), []string{
			`<th scope="col">Tier</th>`, `<th scope="col">Owner</th>`, `<td class="txt">team-payments</td>`,
			`class="v-attested notreq" data-item="performance" data-verdict="attested"`,
			"not required by the component's tier", "gate: fails at high and above",
			`id="waivers"`, "✓ active", "! expiring", "✗ expired", "– stale", "OPS-12",
			`id="attestations"`, "https://wiki.example.com/load-test",
			`id="baseline"`, "prodgrade baseline --update prodgrade-baseline.json", `<span class="tag">baselined</span>`,
			"waived by <code>.prodgrade.yaml:14</code>", "var.retention has no value",
			`<p class="empty">No findings.</p>`, `data-score="–">–</td>`, "no applicable item",
			`id="notes"`, "✗ error",
		}, nil},
		{"examples", goldenReport(t, "examples"), []string{fmt.Sprintf("All %d findings are listed.", len(goldenReport(t, "examples").Findings))},
			[]string{`id="notes"`, `id="waivers"`, `id="attestations"`, `id="baseline"`, `<th scope="col">Tier</th>`, ` notreq"`, `<span class="notreq">`}},
		{"mixed", goldenReport(t, "mixed"), []string{`id="notes"`, "✗ error"}, nil},
		{"empty", func() *report.Report { r := report.New("test"); r.Finish(0); return r }(),
			[]string{"No components found: no supported infrastructure files", "All 0 findings are listed."},
			[]string{`id="matrix"`, `id="score-chart"`, `id="notes"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			page := string(renderHTML(t, tc.r, report.HTMLOptions{}))
			for _, w := range tc.want {
				if !strings.Contains(page, w) {
					t.Errorf("the page lacks %q", w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(page, w) {
					t.Errorf("the page holds %q", w)
				}
			}
		})
	}
}

// bigReport has components × rules × per findings, all fails but every
// third unknown.
func bigReport(components, rules, per int) *report.Report {
	r := report.New("test")
	for c := range components {
		name := fmt.Sprintf("stack-%03d", c)
		r.Components = append(r.Components, report.Component{Name: name, Path: name, Kind: "terraform root module",
			Verdicts: report.Verdicts{checklist.Backup: checklist.Gaps}})
		for ru := range rules {
			for i := range per {
				st := checklist.Fail
				if i%3 == 2 {
					st = checklist.Unknown
				}
				r.Findings = append(r.Findings, report.Finding{Rule: fmt.Sprintf("aws-rule-%02d", ru), Item: checklist.Backup,
					Severity: checklist.High, Status: st, Resource: fmt.Sprintf("aws_s3_bucket.b%d", i), Component: name,
					File: name + "/main.tf", Line: i + 1, Message: "m", Fix: "f"})
			}
		}
	}
	r.Finish(components)
	return r
}

var moreAttrs = regexp.MustCompile(`data-all="(\d+)" data-fail="(\d+)" data-unknown="(\d+)"`)

// Past the cap, every rule in every component still lists findings, and
// what is left out is counted, by status, exactly.
func TestHTMLCapsListedFindings(t *testing.T) {
	cases := []struct {
		components, rules, per, max int
		wantListed                  int
	}{
		{2, 2, 5, 100, 20}, // under the cap: everything
		{2, 2, 5, 8, 8},    // two of each group
		{2, 2, 5, 10, 8},   // 10 does not divide evenly: still two each
		{4, 5, 30, 7, 20},  // more groups than the cap: one each
		{10, 3, 100, 600, 600},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%dx%dx%d-max%d", tc.components, tc.rules, tc.per, tc.max), func(t *testing.T) {
			r := bigReport(tc.components, tc.rules, tc.per)
			page := string(renderHTML(t, r, report.HTMLOptions{MaxFindings: tc.max}))
			listed := strings.Count(page, `<li class="f `)
			if listed != tc.wantListed {
				t.Errorf("%d findings listed, want %d", listed, tc.wantListed)
			}
			all, unk := 0, 0
			for _, m := range moreAttrs.FindAllStringSubmatch(page, -1) {
				var a, f, u int
				fmt.Sscan(m[1], &a)
				fmt.Sscan(m[2], &f)
				fmt.Sscan(m[3], &u)
				if f+u != a {
					t.Errorf("more: %s", m[0])
				}
				all += a
				unk += u
			}
			if listed+all != len(r.Findings) {
				t.Errorf("%d listed + %d counted as not listed, want %d", listed, all, len(r.Findings))
			}
			unknowns := 0
			for _, f := range r.Findings {
				if f.Status == checklist.Unknown {
					unknowns++
				}
			}
			if listedUnk := strings.Count(page, `data-status="unknown"`); unk+listedUnk != unknowns {
				t.Errorf("unknowns: %d not listed + %d listed, want %d", unk, listedUnk, unknowns)
			}
			capped := strings.Contains(page, fmt.Sprintf("%d of %d findings are listed", listed, len(r.Findings)))
			if capped != (listed < len(r.Findings)) {
				t.Errorf("the page does not say how many it lists (capped %v)", capped)
			}
			for c := range tc.components {
				if !strings.Contains(page, fmt.Sprintf(`data-component="c%d" data-item="backup"`, c+1)) {
					t.Errorf("component %d lists no finding", c+1)
				}
			}
		})
	}
}

// BenchmarkWriteHTML renders a report of 200,000 findings (250 components,
// 40 rules each), the size of a scan of the 100,000-resource corpus.
func BenchmarkWriteHTML(b *testing.B) {
	r := bigReport(250, 40, 20)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := report.WriteHTML(&buf, r, report.HTMLOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/page")
}

// Earlier reports give each component's score over time; a component
// absent from one, or without a score, shows "–" there and its line skips it.
func TestHTMLScoreOverTime(t *testing.T) {
	score := func(n int) *int { return &n }
	cur := report.New("t")
	cur.Components = []report.Component{{Name: "web", Score: score(80)}, {Name: "new", Score: score(50)}}
	old := report.New("t")
	old.Components = []report.Component{{Name: "web", Score: score(40)}}
	older := report.New("t")
	older.Components = []report.Component{{Name: "web", Score: nil}}
	var b bytes.Buffer
	if err := report.WriteHTML(&b, cur, report.HTMLOptions{History: []report.HistoryReport{{Label: "older.json", Report: older}, {Label: "old.json", Report: old}}}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		`<th scope="col">older.json</th><th scope="col">old.json</th><th scope="col">this scan</th>`,
		`<a href="#c1">web</a></th><td class="num">–</td><td class="num">40</td><td class="num">80</td>`,
		`<polyline points="80,14 160,6"/>`,
		`<a href="#c2">new</a></th><td class="num">–</td><td class="num">–</td><td class="num">50</td>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	b.Reset()
	report.WriteHTML(&b, cur, report.HTMLOptions{})
	if strings.Contains(b.String(), `id="trend"`) {
		t.Error("a page without earlier reports has a trend table")
	}
}
