package report

import (
	"bufio"
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
)

// The page is one file that works offline from file://: the template, its
// style sheet and its filter script are compiled into the binary and
// written inline, and nothing on the page loads anything.
var (
	//go:embed html/report.html.tmpl
	htmlTemplateText string
	//go:embed html/report.css
	htmlCSS string
	//go:embed html/report.js
	htmlJS string
)

// htmlTemplate is parsed once; html/template escapes every string of the
// report for the context it lands in, because each of them may come from
// scanned code (a resource name, a file name, a message quoting a value).
var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{"plural": plural}).Parse(htmlTemplateText))

// HTMLMaxFindings is how many findings the HTML report lists in full when
// no other number is asked for. Browsers stay responsive with a few
// thousand entries; beyond that each component's rules are trimmed evenly
// and the page counts what it left out (the JSON report lists everything).
const HTMLMaxFindings = 2000

// maxOpenFindings is how many listed findings a page may have and still
// open every component's findings when it loads; past it the components
// start closed (a filter or a link from the matrix opens them), which
// keeps a large page quick to load.
const maxOpenFindings = 500

// maxHTMLRows caps the notes and fixed baseline entries the page lists;
// the rest are counted.
const maxHTMLRows = 1000

// HTMLOptions tune the HTML report.
type HTMLOptions struct {
	// MaxFindings is how many findings are listed in full (HTMLMaxFindings
	// when 0 or less). Counts, the matrix and the chart always cover every
	// finding.
	MaxFindings int
	// History are earlier reports of the same tree, oldest first: the page
	// then shows each component's score over time.
	History []HistoryReport
}

// HistoryReport is an earlier report and how the page names it (its file).
type HistoryReport struct {
	Label  string
	Report *Report
}

// WriteHTML writes the report as one self-contained HTML page: the
// checklist matrix as a heat map, the score per component as a chart, each
// component's findings by item with their fixes (filterable by item,
// severity, status and component), the notes, waivers, attestations and
// baseline. The page reads fully with scripts off; the script only filters.
func WriteHTML(out io.Writer, r *Report, opt HTMLOptions) error {
	if opt.MaxFindings <= 0 {
		opt.MaxFindings = HTMLMaxFindings
	}
	w := bufio.NewWriterSize(out, 256<<10)
	page := newHTMLPage(r, opt.MaxFindings)
	page.Trend = newHTMLTrend(page.Components, opt.History)
	if err := htmlTemplate.Execute(w, page); err != nil {
		return fmt.Errorf("rendering the HTML report: %w", err)
	}
	return w.Flush()
}

// htmlPage is what the template reads: the report arranged for the page,
// with every order and every id decided here, so the output is
// deterministic and the template holds no logic beyond loops.
type htmlPage struct {
	Version     string
	CSS         template.CSS
	JS          template.JS
	Summary     Summary
	Severities  []htmlCount // fails per severity, critical first
	Items       []htmlItem
	Components  []*htmlComponent
	Orphans     *htmlComponent // findings naming no graded component
	HasTier     bool
	HasOwner    bool
	NotRequired bool // some cell is an item a tier does not require
	Chart       htmlChart
	Trend       *htmlTrend // nil without earlier reports
	Total       int        // findings in the report
	Listed      int        // findings listed in full
	Capped      bool
	Notes       []Note
	NotesMore   int
	Waivers     []Waiver
	Attests     []Attestation
	Baseline    *Baseline
	Fixed       []BaselineEntry
	FixedMore   int
	FilterSevs  []string
	FilterStats []string
}

type htmlCount struct {
	Name string
	N    int
}

type htmlItem struct {
	ID    checklist.Item
	Code  string
	Title string
}

type htmlComponent struct {
	ID       string // "c1", "c2"…: names may hold anything, ids must not
	Name     string
	Path     string
	Kind     string
	Tier     string
	Owner    string
	Score    string
	Counts   Counts
	Cells    []htmlCell
	Groups   []*htmlItemGroup
	Findings int // all its findings, listed or not
	// Open shows its findings when the page loads: when it has some and
	// the page is small enough to lay out at once.
	Open bool
}

type htmlCell struct {
	Item        checklist.Item
	Verdict     checklist.Verdict
	Mark        string
	Class       string
	NotRequired bool
	Link        string // the drill-down anchor, when the item has findings
	Gate        string
}

type htmlItemGroup struct {
	ID      string // anchor: component id + "-" + item
	Item    checklist.Item
	Title   string
	Verdict htmlCell
	N       int
	Rules   []*htmlRuleGroup
}

type htmlRuleGroup struct {
	ID        string
	Item      checklist.Item
	Title     string
	Severity  string
	Fixes     []*htmlFixGroup
	More      int // findings of this rule here that are not listed
	MoreFail  int
	MoreUnk   int
	MoreWaive int
	all       []*Finding
}

// htmlFixGroup is findings sharing one fix: a rule's fix may differ by
// kind, and each fix follows the findings it is for.
type htmlFixGroup struct {
	Fix      string
	Findings []htmlFinding
}

type htmlFinding struct {
	*Finding
	Location  string
	StatusSym string
	// Unresolved says, for an unknown, what could not be resolved and why,
	// when the message does not already say it.
	Unresolved string
}

type htmlChart struct {
	Width, Height int
	LabelX        int // right edge of the names
	BarX, BarW    int
	Ticks         []htmlTick
	Bars          []htmlBar
}

type htmlTick struct {
	X     int
	Label string
}

type htmlBar struct {
	Y, TextY int
	W        int
	Name     string // shortened for the axis
	FullName string
	Score    string
	Class    string
	Link     string
}

var statusSymbols = map[checklist.Status]string{
	checklist.Fail:    "✗",
	checklist.Unknown: "?",
	checklist.Waived:  "W",
}

func newHTMLPage(r *Report, maxFindings int) *htmlPage {
	p := &htmlPage{
		Version:     r.Tool.Version,
		CSS:         template.CSS(htmlCSS), // our own style sheet, not report data
		JS:          template.JS(htmlJS),   // our own script, not report data
		Summary:     r.Summary,
		Total:       len(r.Findings),
		Waivers:     r.Waivers,
		Attests:     r.Attestations,
		Baseline:    r.Baseline,
		FilterStats: []string{string(checklist.Fail), string(checklist.Unknown), string(checklist.Waived)},
	}
	for s := checklist.Critical; s >= checklist.Info; s-- {
		p.Severities = append(p.Severities, htmlCount{s.String(), r.Summary.FailsBySeverity[s.String()]})
		p.FilterSevs = append(p.FilterSevs, s.String())
	}
	for _, it := range checklist.Items {
		p.Items = append(p.Items, htmlItem{ID: it, Code: itemCodes[it], Title: it.Title()})
	}
	byName := map[string]*htmlComponent{}
	for i, c := range r.Components {
		hc := &htmlComponent{
			ID: "c" + strconv.Itoa(i+1), Name: c.Name, Path: c.Path, Kind: c.Kind,
			Tier: c.Tier, Owner: c.Owner, Score: "–", Counts: c.Counts,
		}
		if c.Score != nil {
			hc.Score = strconv.Itoa(*c.Score)
		}
		p.HasTier = p.HasTier || c.Tier != ""
		p.HasOwner = p.HasOwner || c.Owner != ""
		for _, it := range checklist.Items {
			cell := newHTMLCell(c, it)
			p.NotRequired = p.NotRequired || cell.NotRequired
			hc.Cells = append(hc.Cells, cell)
		}
		p.Components = append(p.Components, hc)
		if _, dup := byName[c.Name]; !dup {
			byName[c.Name] = hc
		}
	}
	p.groupFindings(r, byName)
	p.Listed = trimFindings(p.allRuleGroups(), maxFindings)
	p.Capped = p.Listed < p.Total
	for _, hc := range p.allComponents() {
		hc.Open = len(hc.Groups) > 0 && p.Listed <= maxOpenFindings
		for _, g := range hc.Groups {
			for _, rg := range g.Rules {
				rg.fixGroups()
			}
		}
	}
	p.Chart = newHTMLChart(p.Components)
	p.Notes = r.Notes
	if len(p.Notes) > maxHTMLRows {
		p.Notes, p.NotesMore = p.Notes[:maxHTMLRows], len(p.Notes)-maxHTMLRows
	}
	if r.Baseline != nil {
		p.Fixed = r.Baseline.Fixed
		if len(p.Fixed) > maxHTMLRows {
			p.Fixed, p.FixedMore = p.Fixed[:maxHTMLRows], len(p.Fixed)-maxHTMLRows
		}
	}
	return p
}

func newHTMLCell(c Component, it checklist.Item) htmlCell {
	v := c.Verdicts[it]
	if v == "" {
		v = checklist.NA
	}
	class := "v-na"
	switch v {
	case checklist.Met:
		class = "v-met"
	case checklist.Attested:
		class = "v-attested"
	case checklist.Gaps:
		class = "v-gaps"
	case checklist.Unverified:
		class = "v-unverified"
	}
	return htmlCell{Item: it, Verdict: v, Mark: verdictMarks[v], Class: class,
		NotRequired: c.Gates[it] == "none", Gate: c.Gates[it]}
}

// groupFindings puts each finding under its component, item and rule, in
// checklist order, then by severity (highest first) and rule id.
func (p *htmlPage) groupFindings(r *Report, byName map[string]*htmlComponent) {
	info := catalogOf(r)
	type key struct {
		c    *htmlComponent
		item checklist.Item
	}
	rules := map[key]map[string]*htmlRuleGroup{}
	for i := range r.Findings {
		f := &r.Findings[i]
		hc := byName[f.Component]
		if hc == nil {
			if p.Orphans == nil {
				p.Orphans = &htmlComponent{ID: "c0", Name: "findings of no graded component", Score: "–"}
			}
			hc = p.Orphans
		}
		hc.Findings++
		k := key{hc, f.Item}
		if rules[k] == nil {
			rules[k] = map[string]*htmlRuleGroup{}
		}
		rg := rules[k][f.Rule]
		if rg == nil {
			ri := info.of(f)
			rg = &htmlRuleGroup{ID: ri.ID, Item: f.Item, Title: ri.Title, Severity: f.Severity.String()}
			rules[k][f.Rule] = rg
		}
		rg.all = append(rg.all, f)
	}
	for _, hc := range p.allComponents() {
		for i, it := range checklist.Items {
			rs := rules[key{hc, it}]
			if len(rs) == 0 {
				continue
			}
			g := &htmlItemGroup{ID: hc.ID + "-" + string(it), Item: it, Title: it.Title()}
			if i < len(hc.Cells) {
				g.Verdict = hc.Cells[i]
				hc.Cells[i].Link = "#" + g.ID
			}
			for _, rg := range rs {
				g.Rules = append(g.Rules, rg)
				g.N += len(rg.all)
			}
			slices.SortFunc(g.Rules, func(a, b *htmlRuleGroup) int {
				return cmp.Or(cmp.Compare(severityRank(b.Severity), severityRank(a.Severity)), cmp.Compare(a.ID, b.ID))
			})
			hc.Groups = append(hc.Groups, g)
		}
	}
}

func severityRank(s string) int {
	v, _ := checklist.ParseSeverity(s)
	return int(v)
}

func (p *htmlPage) allComponents() []*htmlComponent {
	if p.Orphans == nil {
		return p.Components
	}
	return append(slices.Clip(p.Components), p.Orphans)
}

func (p *htmlPage) allRuleGroups() []*htmlRuleGroup {
	var out []*htmlRuleGroup
	for _, hc := range p.allComponents() {
		for _, g := range hc.Groups {
			out = append(out, g.Rules...)
		}
	}
	return out
}

// trimFindings keeps at most budget findings listed, evenly: every rule
// group of every component lists up to the same number k of its findings,
// the largest k that fits the budget (at least one each, so no group
// disappears). Within a group, fails come before unknowns and waived
// findings. It returns how many are listed.
func trimFindings(groups []*htmlRuleGroup, budget int) int {
	statusRank := map[checklist.Status]int{checklist.Fail: 0, checklist.Unknown: 1, checklist.Waived: 2}
	total, largest := 0, 0
	for _, g := range groups {
		slices.SortStableFunc(g.all, func(a, b *Finding) int {
			return cmp.Compare(statusRank[a.Status], statusRank[b.Status])
		})
		total += len(g.all)
		largest = max(largest, len(g.all))
	}
	if total <= budget {
		return total
	}
	listedWith := func(k int) int {
		n := 0
		for _, g := range groups {
			n += min(len(g.all), k)
		}
		return n
	}
	// The largest k with listedWith(k) <= budget, by binary search over [1, largest].
	lo, hi := 1, largest
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if listedWith(mid) <= budget {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	listed := 0
	for _, g := range groups {
		if len(g.all) <= lo {
			listed += len(g.all)
			continue
		}
		for _, f := range g.all[lo:] {
			switch f.Status {
			case checklist.Fail:
				g.MoreFail++
			case checklist.Unknown:
				g.MoreUnk++
			default:
				g.MoreWaive++
			}
		}
		g.More = len(g.all) - lo
		g.all = g.all[:lo]
		listed += lo
	}
	return listed
}

// fixGroups arranges the listed findings of a rule by fix, each fix in the
// order it first appears, as the text report does.
func (rg *htmlRuleGroup) fixGroups() {
	byFix := map[string]*htmlFixGroup{}
	for _, f := range rg.all {
		fg := byFix[f.Fix]
		if fg == nil {
			fg = &htmlFixGroup{Fix: f.Fix}
			byFix[f.Fix] = fg
			rg.Fixes = append(rg.Fixes, fg)
		}
		fg.Findings = append(fg.Findings, htmlFinding{Finding: f, Location: location(f.File, f.Line),
			StatusSym: statusSymbols[f.Status], Unresolved: unresolved(f)})
	}
	rg.all = nil
}

// Chart geometry, in SVG user units.
const (
	chartNameWidth = 260
	chartBarWidth  = 400
	chartRow       = 22
	chartTop       = 24
	chartMaxName   = 36
)

// newHTMLChart lays out a horizontal bar per component: its score out of
// 100, coloured by band, with the number written at the bar's end.
func newHTMLChart(cs []*htmlComponent) htmlChart {
	ch := htmlChart{
		LabelX: chartNameWidth - 8, BarX: chartNameWidth, BarW: chartBarWidth,
		Width:  chartNameWidth + chartBarWidth + 48,
		Height: chartTop + chartRow*len(cs) + 8,
	}
	for _, t := range []int{0, 25, 50, 75, 100} {
		ch.Ticks = append(ch.Ticks, htmlTick{X: chartNameWidth + chartBarWidth*t/100, Label: strconv.Itoa(t)})
	}
	for i, c := range cs {
		y := chartTop + chartRow*i
		b := htmlBar{Y: y + 4, TextY: y + 15, Name: shorten(c.Name, chartMaxName), FullName: c.Name, Link: "#" + c.ID}
		if c.Score == "–" {
			b.Score, b.Class = "no applicable item", "none"
		} else {
			s, _ := strconv.Atoi(c.Score)
			b.W = chartBarWidth * s / 100
			b.Score = c.Score
			switch {
			case s >= 80:
				b.Class = "good"
			case s >= 50:
				b.Class = "fair"
			default:
				b.Class = "poor"
			}
		}
		ch.Bars = append(ch.Bars, b)
	}
	return ch
}

// unresolved joins an unknown's expression and reason as the text report
// does, leaving out what repeats the message.
func unresolved(f *Finding) string {
	why := f.Why
	if f.Expr != "" && !strings.Contains(why, f.Expr) {
		if why == "" {
			why = f.Expr
		} else {
			why = f.Expr + ": " + why
		}
	}
	if why == f.Message {
		return ""
	}
	return why
}

// htmlTrend is each component's score in the earlier reports and this
// one: a table (readable as it is) with a small line per row.
type htmlTrend struct {
	Labels []string // the earlier reports' names, then "this scan"
	Rows   []htmlTrendRow
	Width  int // of each row's line
}

type htmlTrendRow struct {
	Name, Link string
	Scores     []string // "–" where the component has no score
	Points     string   // the SVG polyline through the scores there are
}

// Trend line geometry, in SVG user units.
const (
	trendWidth  = 160
	trendHeight = 24
)

// newHTMLTrend lines up the current components' scores with those of the
// same names in the earlier reports; nil without earlier reports.
func newHTMLTrend(cs []*htmlComponent, history []HistoryReport) *htmlTrend {
	if len(history) == 0 {
		return nil
	}
	t := &htmlTrend{Width: trendWidth}
	scores := make([]map[string]*int, len(history))
	for i, h := range history {
		t.Labels = append(t.Labels, h.Label)
		scores[i] = map[string]*int{}
		for _, c := range h.Report.Components {
			scores[i][c.Name] = c.Score
		}
	}
	t.Labels = append(t.Labels, "this scan")
	n := len(t.Labels)
	for _, c := range cs {
		row := htmlTrendRow{Name: c.Name, Link: "#" + c.ID}
		var pts []string
		point := func(i int, s *int) {
			if s == nil {
				row.Scores = append(row.Scores, "–")
				return
			}
			row.Scores = append(row.Scores, strconv.Itoa(*s))
			x := trendWidth * i / max(n-1, 1)
			y := trendHeight - 2 - (trendHeight-4)**s/100
			pts = append(pts, strconv.Itoa(x)+","+strconv.Itoa(y))
		}
		for i := range history {
			point(i, scores[i][c.Name])
		}
		var cur *int
		if v, err := strconv.Atoi(c.Score); err == nil {
			cur = &v
		}
		point(n-1, cur)
		row.Points = strings.Join(pts, " ")
		t.Rows = append(t.Rows, row)
	}
	return t
}
