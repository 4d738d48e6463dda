package report_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/report"
)

// findChromium is the first Chromium or Chrome on PATH, or "".
func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browserPage is a page open in headless Chromium, with what it asked the
// network for and the script errors it threw.
type browserPage struct {
	t          *testing.T
	ctx        context.Context
	mu         sync.Mutex
	requests   []string
	exceptions []string
}

// openInBrowser writes page into dir and opens it from file:// in a new
// headless Chromium, which the test's cleanup stops.
func openInBrowser(t *testing.T, bin, dir, name string, page []byte) *browserPage {
	t.Helper()
	file := filepath.Join(dir, name+".html")
	if err := os.WriteFile(file, page, 0o644); err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.WindowSize(1280, 1600))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to run as root with its sandbox
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	p := &browserPage{t: t, ctx: ctx}
	if err := chromedp.Listen(ctx, func(ev any) {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			p.requests = append(p.requests, ev.Request.URL)
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			p.exceptions = append(p.exceptions, fmt.Sprintf("line %d: %s", d.LineNumber+1, msg))
		}
	}); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file), chromedp.WaitReady(chromedp.CSS("#shown"))); err != nil {
		t.Fatalf("loading %s in %s: %v", file, bin, err)
	}
	// The page asked for itself and nothing else; its script threw nothing.
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, u := range p.requests {
		if u != "file://"+file {
			t.Errorf("the page requested %s", u)
		}
	}
	for _, e := range p.exceptions {
		t.Errorf("the page's script threw: %s", e)
	}
	return p
}

// eval runs a script in the page and decodes its result into T.
func eval[T any](p *browserPage, js string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// choose picks a value in a filter as a person would: it sets the select
// and fires its change event.
func (p *browserPage) choose(filter, value string) {
	p.t.Helper()
	eval[bool](p, fmt.Sprintf(`(() => { const s = document.getElementById(%q); s.value = %q;
		s.dispatchEvent(new Event("change", {bubbles: true})); return s.value === %q; })()`, "f-"+filter, value, value))
}

// visibleFindings are the findings a person sees: rendered, not hidden.
type visibleFinding struct {
	Component string `json:"component"`
	Item      string `json:"item"`
	Severity  string `json:"severity"`
	Status    string `json:"status"`
	Resource  string `json:"resource"`
}

const visibleFindingsJS = `Array.from(document.querySelectorAll("#drill li.f"))
	.filter(li => li.getClientRects().length > 0)
	.map(li => ({component: li.dataset.component, item: li.dataset.item, severity: li.dataset.severity,
		status: li.dataset.status, resource: li.querySelector(".res").textContent}))`

func (p *browserPage) visible() []visibleFinding { return eval[[]visibleFinding](p, visibleFindingsJS) }

// shown is what the page says it shows: the number in #shown.
func (p *browserPage) shown() (int, string) {
	text := eval[string](p, `document.getElementById("shown").textContent`)
	n, err := strconv.Atoi(eval[string](p, `document.getElementById("shown").dataset.shown`))
	if err != nil {
		p.t.Fatalf("#shown has no count: %q", text)
	}
	return n, text
}

func (p *browserPage) screenshot(dir, name string) {
	p.t.Helper()
	png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatalf("screenshot: %v", err)
	}
	file := filepath.Join(dir, name+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("screenshot: %s", file)
}

// artifactDir is where the browser test leaves its pages and screenshots:
// $PRODGRADE_TEST_ARTIFACTS when set (CI keeps it), else a temporary directory.
func artifactDir(t *testing.T) string {
	if d := os.Getenv("PRODGRADE_TEST_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// The HTML report of the bundled examples, in a real browser: the matrix
// shows the JSON's verdicts, the counts are the JSON's, and the filters
// show exactly the findings they choose.
func TestHTMLInBrowser(t *testing.T) {
	bin := findChromium()
	if bin == "" {
		t.Skip("skipped: no chromium, chromium-browser or google-chrome on PATH, so the HTML report is not tested in a browser (apt-get install chromium)")
	}
	dir := artifactDir(t)
	r := goldenReport(t, "examples")
	p := openInBrowser(t, bin, dir, "examples", renderHTML(t, r, report.HTMLOptions{}))

	t.Run("matrix", func(t *testing.T) {
		type row struct {
			Name  string   `json:"name"`
			Items []string `json:"items"`
			Verds []string `json:"verdicts"`
			Marks []string `json:"marks"`
			Score string   `json:"score"`
		}
		rows := eval[[]row](p, `Array.from(document.querySelectorAll("#matrix tbody tr")).map(tr => {
			const cells = Array.from(tr.querySelectorAll("td[data-item]"));
			return {name: tr.querySelector("th").textContent,
				items: cells.map(td => td.dataset.item),
				verdicts: cells.map(td => td.querySelector(".sr").textContent),
				marks: cells.map(td => td.querySelector("[aria-hidden]").textContent),
				score: tr.querySelector("td.score").textContent};
		})`)
		if len(rows) != len(r.Components) {
			t.Fatalf("the matrix has %d rows, the report %d components", len(rows), len(r.Components))
		}
		marks := map[string]string{"met": "✓", "gaps": "✗", "unverified": "?", "n/a": "–", "attested": "A"}
		for i, c := range r.Components {
			got := rows[i]
			if got.Name != c.Name || len(got.Items) != 12 {
				t.Errorf("row %d: %q with %d item cells, want %q with 12", i, got.Name, len(got.Items), c.Name)
				continue
			}
			for j, it := range checklist.Items {
				want := string(c.Verdicts[it])
				if got.Items[j] != string(it) || got.Verds[j] != want || got.Marks[j] != marks[want] {
					t.Errorf("%s %s: cell %s says %q %q, want %q %q", c.Name, it, got.Items[j], got.Marks[j], got.Verds[j], marks[want], want)
				}
			}
			if want := "–"; c.Score != nil && got.Score != strconv.Itoa(*c.Score) || c.Score == nil && got.Score != want {
				t.Errorf("%s: score %q", c.Name, got.Score)
			}
		}
	})

	t.Run("counts", func(t *testing.T) {
		counts := eval[map[string]string](p, `Object.fromEntries(Array.from(document.querySelectorAll("[data-count]")).map(e => [e.dataset.count, e.textContent]))`)
		s := r.Summary
		want := map[string]int{"fail": s.Fail, "unknown": s.Unknown, "waived": s.Waived, "pass": s.Pass, "errors": s.Errors, "coverage": s.Coverage}
		for sev, n := range s.FailsBySeverity {
			want["sev-"+sev] = n
		}
		for k, n := range want {
			if counts[k] != strconv.Itoa(n) {
				t.Errorf("the page shows %s = %q, the JSON %d", k, counts[k], n)
			}
		}
		if len(counts) != len(want) {
			t.Errorf("counts on the page: %v, want %v", counts, want)
		}
		all := p.visible()
		if n, text := p.shown(); len(all) != len(r.Findings) || n != len(r.Findings) {
			t.Errorf("%d findings visible, #shown says %d (%q), the JSON has %d", len(all), n, text, len(r.Findings))
		}
	})

	// Each filter alone, then two together, then "Show all".
	ids := map[string]string{} // component name → its id on the page
	for i, c := range r.Components {
		ids[c.Name] = "c" + strconv.Itoa(i+1)
	}
	cases := []struct {
		name    string
		filters map[string]string
		match   func(f report.Finding) bool
	}{
		{"severity high", map[string]string{"severity": "high"}, func(f report.Finding) bool { return f.Severity == checklist.High }},
		{"one component", map[string]string{"component": ids["default/shop"]}, func(f report.Finding) bool { return f.Component == "default/shop" }},
		{"item and status", map[string]string{"item": "availability", "status": "unknown"},
			func(f report.Finding) bool { return f.Item == checklist.Availability && f.Status == checklist.Unknown }},
		{"nothing matches", map[string]string{"component": ids["shop/shop"]}, func(f report.Finding) bool { return false }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range []string{"component", "item", "severity", "status"} {
				p.choose(k, tc.filters[k])
			}
			want := 0
			for _, f := range r.Findings {
				if tc.match(f) {
					want++
				}
			}
			got := p.visible()
			for _, v := range got {
				f := report.Finding{Component: v.Component, Item: checklist.Item(v.Item), Status: checklist.Status(v.Status)}
				f.Severity, _ = checklist.ParseSeverity(v.Severity)
				for i, c := range r.Components {
					if ids[c.Name] == v.Component {
						f.Component = r.Components[i].Name
					}
				}
				if !tc.match(f) {
					t.Errorf("visible but not chosen: %+v", v)
				}
			}
			n, text := p.shown()
			if len(got) != want || n != want || !strings.HasPrefix(text, strconv.Itoa(want)+" of ") {
				t.Errorf("%d visible, #shown says %d (%q), the JSON has %d", len(got), n, text, want)
			}
			if tc.name == "severity high" {
				p.screenshot(dir, "examples-high")
			}
		})
	}
	t.Run("show all", func(t *testing.T) {
		if _, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`document.querySelector("#filters button[type=reset]").click(), true`)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](`document.getElementById("shown").dataset.shown === "`+strconv.Itoa(len(r.Findings))+`"`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			n, text := p.shown()
			t.Fatalf("after Show all, #shown says %d (%q): %v", n, text, err)
		}
		if got := p.visible(); len(got) != len(r.Findings) {
			t.Errorf("after Show all, %d findings visible, want %d", len(got), len(r.Findings))
		}
	})
	p.screenshot(dir, "examples")
}

// Hostile text from scanned code stays text in a browser: no script of it
// runs, and it reads as written.
func TestHTMLHostileTextInBrowser(t *testing.T) {
	bin := findChromium()
	if bin == "" {
		t.Skip("skipped: no chromium, chromium-browser or google-chrome on PATH, so the HTML report is not tested in a browser (apt-get install chromium)")
	}
	dir := artifactDir(t)
	p := openInBrowser(t, bin, dir, "policy", renderHTML(t, htmlPolicyReport(), report.HTMLOptions{}))
	if pwned := eval[bool](p, `window.pwned !== undefined`); pwned {
		t.Error("a script from the report ran")
	}
	if name := eval[string](p, `document.querySelector("#matrix tbody tr:nth-child(2) th").textContent`); name != "web "+hostile {
		t.Errorf("the component's name reads %q", name)
	}
	if n := eval[int](p, `document.querySelectorAll("img, script:not(:last-of-type)").length`); n != 0 {
		t.Errorf("%d elements came from the report's text", n)
	}
	p.screenshot(dir, "policy")
}

// A page past the cap starts with its components closed, counts what it
// does not list, and a link from the matrix opens the component it
// points into.
func TestHTMLLargeInBrowser(t *testing.T) {
	bin := findChromium()
	if bin == "" {
		t.Skip("skipped: no chromium, chromium-browser or google-chrome on PATH, so the HTML report is not tested in a browser (apt-get install chromium)")
	}
	r := bigReport(40, 10, 20) // 8,000 findings, a third of them unknown
	p := openInBrowser(t, bin, artifactDir(t), "large", renderHTML(t, r, report.HTMLOptions{}))
	if open := eval[int](p, `document.querySelectorAll("details.comp[open]").length`); open != 0 {
		t.Errorf("%d components open on load, want none", open)
	}
	if n, text := p.shown(); n != 2000 || !strings.HasPrefix(text, "2000 of 8000 findings are listed") {
		t.Errorf("on load #shown says %d (%q)", n, text)
	}
	p.choose("status", "unknown")
	n, text := p.shown()
	unlisted := eval[string](p, `document.getElementById("shown").dataset.unlisted`)
	if got := len(p.visible()); got != n || n+atoi(t, unlisted) != 40*10*6 {
		t.Errorf("unknowns: %d visible, #shown says %d and %s more (%q), want 2400 in all", got, n, unlisted, text)
	}
	p.choose("status", "")
	if err := chromedp.Do(p.ctx, chromedp.Click(chromedp.CSS(`#matrix tr[data-component="c7"] td[data-item="backup"] a`))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](`document.getElementById("c7").open`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("the matrix link did not open its component: %v", err)
	}
	if open := eval[int](p, `document.querySelectorAll("details.comp[open]").length`); open != 1 {
		t.Errorf("%d components open after one link, want 1", open)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return n
}
