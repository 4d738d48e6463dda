package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/prodgrade/prodgrade/internal/checklist"
)

// TextOptions tune the human-readable report.
type TextOptions struct {
	// Color adds ANSI colours; set it only when writing to a terminal.
	Color bool
	// MaxUnknowns is how many unknown results are listed (default 5); the
	// rest are counted. The JSON report lists them all.
	MaxUnknowns int
	// MaxCoverage is how many coverage notes are listed (default 10); input
	// errors are always listed in full.
	MaxCoverage int
	// Quiet writes only the checklist matrix and the summary line, for a
	// glance (or a log) where the details would scroll the matrix away.
	Quiet bool
	// GroupBy is how the gaps are listed: by checklist item (the default,
	// "" or GroupByItem), by component, or by rule.
	GroupBy GroupBy
}

// Column headings of the checklist matrix, in checklist order.
var itemCodes = map[checklist.Item]string{
	checklist.Install:      "INS",
	checklist.Configure:    "CFG",
	checklist.Provision:    "PRV",
	checklist.Deploy:       "DEP",
	checklist.Availability: "AVL",
	checklist.Scalability:  "SCL",
	checklist.Performance:  "PRF",
	checklist.Networking:   "NET",
	checklist.Security:     "SEC",
	checklist.Metrics:      "MET",
	checklist.Logs:         "LOG",
	checklist.Backup:       "BAK",
}

var verdictMarks = map[checklist.Verdict]string{
	checklist.Met:        "✓",
	checklist.Gaps:       "✗",
	checklist.Unverified: "?",
	checklist.NA:         "–",
	checklist.Attested:   "A",
}

// kindExplanations say, for the kinds of component the loaders produce, how
// such a component was chosen.
var kindExplanations = map[string]string{
	"terraform root module": "each Terraform root module (a directory of .tf files that no scanned module calls) is one component, graded with the child modules it calls",
	DeclaredKind:            "declared in the configuration file, joining what was found under its paths; an item's verdict is the worst of theirs",
}

// DeclaredKind is the kind of a component declared in the configuration
// file, which joins the components found under its paths.
const DeclaredKind = "declared component"

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiBRed   = "\x1b[1;31m"
)

type textWriter struct {
	*bufio.Writer
	color bool
}

func (w textWriter) paint(code, s string) {
	if w.color && code != "" {
		w.Writer.WriteString(code)
		w.WriteString(s)
		w.Writer.WriteString(ansiReset)
		return
	}
	w.WriteString(s)
}

// WriteString writes s with control characters other than newline and tab
// replaced: the report's strings come from scanned code, and an escape
// sequence in a YAML string must not drive the reader's terminal. Only
// paint writes escape sequences, its own.
func (w textWriter) WriteString(s string) (int, error) {
	if i := strings.IndexFunc(s, isControl); i >= 0 {
		s = strings.Map(func(r rune) rune {
			if isControl(r) {
				return '\uFFFD'
			}
			return r
		}, s)
	}
	return w.Writer.WriteString(s)
}

// Write is WriteString for fmt.Fprintf.
func (w textWriter) Write(p []byte) (int, error) {
	if _, err := w.WriteString(string(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

func isControl(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f
}

func verdictColor(v checklist.Verdict) string {
	switch v {
	case checklist.Met, checklist.Attested:
		return ansiGreen
	case checklist.Gaps:
		return ansiRed
	case checklist.Unverified:
		return ansiYellow
	}
	return ansiDim
}

func severityColor(s checklist.Severity) string {
	switch s {
	case checklist.Critical:
		return ansiBRed
	case checklist.High:
		return ansiRed
	case checklist.Medium:
		return ansiYellow
	case checklist.Low:
		return ansiCyan
	}
	return ansiDim
}

// WriteText writes the report for a person: the checklist matrix, the gaps
// grouped by checklist item with their fixes, a short list of unknowns, the
// notes, and a one-line summary.
func WriteText(out io.Writer, r *Report, opt TextOptions) error {
	if _, err := ParseGroupBy(string(opt.GroupBy)); err != nil && opt.GroupBy != "" {
		return err
	}
	if opt.MaxUnknowns <= 0 {
		opt.MaxUnknowns = 5
	}
	if opt.MaxCoverage <= 0 {
		opt.MaxCoverage = 10
	}
	w := textWriter{bufio.NewWriterSize(out, 64<<10), opt.Color}
	writeMatrix(w, r)
	if opt.Quiet {
		writeSummary(w, r)
		return w.Flush()
	}
	switch opt.GroupBy {
	case "", GroupByItem:
		writeFails(w, r)
	default:
		writeFailsGrouped(w, r, opt.GroupBy)
	}
	writeUnknowns(w, r, opt.MaxUnknowns)
	writeBaseline(w, r)
	writePolicy(w, r)
	writeNotes(w, r, opt.MaxCoverage)
	writeSummary(w, r)
	return w.Flush()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func pad(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}

// shorten keeps the end of a long name, which is the informative part of a path.
func shorten(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	rs := []rune(s)
	return "…" + string(rs[len(rs)-max+1:])
}

func writeMatrix(w textWriter, r *Report) {
	w.paint(ansiBold, "prodgrade")
	fmt.Fprintf(w, " %s — %s, %s in %s\n\n", r.Tool.Version,
		plural(len(r.Components), "component", "components"),
		plural(r.Summary.Resources, "resource", "resources"),
		plural(r.Summary.Files, "file", "files"))
	if len(r.Components) == 0 {
		if r.Summary.Files == 0 {
			w.WriteString("No components found: no supported infrastructure files are in the given paths.\n")
		} else {
			w.WriteString("No components could be loaded; the notes below say why.\n")
		}
		return
	}
	const maxName = 48
	width := len("COMPONENT")
	for _, c := range r.Components {
		width = max(width, utf8.RuneCountInString(shorten(c.Name, maxName)))
	}
	w.paint(ansiBold, pad("COMPONENT", width))
	for _, it := range checklist.Items {
		w.WriteString(" ")
		w.paint(ansiBold, itemCodes[it])
	}
	w.paint(ansiBold, "  SCORE")
	tiers := slices.ContainsFunc(r.Components, func(c Component) bool { return c.Tier != "" })
	if tiers {
		w.paint(ansiBold, "  TIER")
	}
	w.WriteString("\n")
	notRequired := false
	for _, c := range r.Components {
		w.WriteString(pad(shorten(c.Name, maxName), width))
		for _, it := range checklist.Items {
			v := c.Verdicts[it]
			if v == "" {
				v = checklist.NA
			}
			w.WriteString("  ")
			if c.Gates[it] == "none" {
				notRequired = true
				w.paint(ansiDim, verdictMarks[v]+"*")
				continue
			}
			w.paint(verdictColor(v), verdictMarks[v])
			w.WriteString(" ")
		}
		score := "–"
		if c.Score != nil {
			score = strconv.Itoa(*c.Score)
		}
		fmt.Fprintf(w, "  %5s", score)
		if c.Tier != "" {
			fmt.Fprintf(w, "  %s", c.Tier)
		}
		w.WriteString("\n")
	}
	w.WriteString("\n")
	w.paint(ansiGreen, "✓")
	w.WriteString(" met  ")
	w.paint(ansiRed, "✗")
	w.WriteString(" gaps  ")
	w.paint(ansiYellow, "?")
	w.WriteString(" unverified  ")
	w.paint(ansiDim, "–")
	w.WriteString(" n/a  ")
	w.paint(ansiGreen, "A")
	w.WriteString(" attested;  score = met items / applicable items × 100\n")
	if notRequired {
		w.WriteString("* not required by the component's tier: neither scored nor gated\n")
	}
	for i, it := range checklist.Items {
		if i == 6 {
			w.WriteString("\n")
		} else if i > 0 {
			w.WriteString("  ")
		}
		fmt.Fprintf(w, "%s %s", itemCodes[it], it)
	}
	w.WriteString("\n")
	var kinds []string
	for _, c := range r.Components {
		if !slices.Contains(kinds, c.Kind) {
			kinds = append(kinds, c.Kind)
		}
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		if e, ok := kindExplanations[k]; ok {
			fmt.Fprintf(w, "Components: %s.\n", e)
		} else {
			fmt.Fprintf(w, "Components: %s.\n", k)
		}
	}
}

type ruleGroup struct {
	info  RuleInfo
	finds []*Finding
}

// ruleCatalog is the report's rule information by id.
type ruleCatalog map[string]RuleInfo

func catalogOf(r *Report) ruleCatalog {
	info := make(ruleCatalog, len(r.Rules))
	for _, ri := range r.Rules {
		info[ri.ID] = ri
	}
	return info
}

// of is f's rule information: the catalog's, else what the finding says of
// its rule (a report read from JSON need not list every rule).
func (c ruleCatalog) of(f *Finding) RuleInfo {
	if ri, ok := c[f.Rule]; ok {
		return ri
	}
	return RuleInfo{ID: f.Rule, Item: f.Item, Severity: f.Severity, Fix: f.Fix}
}

// add puts f in its rule's group in groups, made when it is the rule's
// first finding (created is then true).
func (c ruleCatalog) add(groups map[string]*ruleGroup, f *Finding) (g *ruleGroup, created bool) {
	g = groups[f.Rule]
	if g == nil {
		g = &ruleGroup{info: c.of(f)}
		groups[f.Rule] = g
		created = true
	}
	g.finds = append(g.finds, f)
	return g, created
}

func writeFails(w textWriter, r *Report) {
	info := catalogOf(r)
	groups := map[string]*ruleGroup{}
	// Fails in the baseline are counted per item, not listed: they are
	// known and accepted for now, and would bury the new ones.
	baselined := map[checklist.Item]int{}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Status != checklist.Fail {
			continue
		}
		if f.Baselined {
			baselined[f.Item]++
			continue
		}
		info.add(groups, f)
	}
	if len(groups) == 0 && len(baselined) == 0 {
		return
	}
	byItem := map[checklist.Item][]*ruleGroup{}
	for _, g := range groups {
		byItem[g.info.Item] = append(byItem[g.info.Item], g)
	}
	w.WriteString("\n")
	w.paint(ansiBold, "GAPS BY CHECKLIST ITEM")
	w.WriteString("\n")
	for _, it := range checklist.Items {
		gs := byItem[it]
		if len(gs) == 0 {
			continue
		}
		slices.SortFunc(gs, func(a, b *ruleGroup) int {
			return cmp.Or(cmp.Compare(b.info.Severity, a.info.Severity), cmp.Compare(a.info.ID, b.info.ID))
		})
		n := 0
		for _, g := range gs {
			n += len(g.finds)
		}
		w.WriteString("\n")
		head := it.Title()
		if !strings.EqualFold(head, string(it)) {
			head += " (" + string(it) + ")"
		}
		w.paint(ansiBold, head+" — "+plural(n, "finding", "findings"))
		w.WriteString("\n")
		for _, g := range gs {
			writeRuleGroup(w, g, "")
		}
	}
	writeBaselined(w, baselined)
}

// writeRuleGroup writes one rule's findings, each fix after the findings
// it is for; label, when set, follows the rule's title in brackets.
func writeRuleGroup(w textWriter, g *ruleGroup, label string) {
	w.WriteString("  ")
	w.paint(severityColor(g.info.Severity), pad(strings.ToUpper(g.info.Severity.String()), 8))
	w.WriteString(" ")
	w.paint(ansiBold, g.info.ID)
	if g.info.Title != "" {
		w.WriteString("  ")
		w.WriteString(g.info.Title)
	}
	if label != "" {
		w.WriteString("  [" + label + "]")
	}
	w.WriteString("\n")
	// A rule's fix may differ by kind: each fix follows the
	// findings it is for, in the order they first appear.
	var fixes []string
	for _, f := range g.finds {
		if !slices.Contains(fixes, f.Fix) {
			fixes = append(fixes, f.Fix)
		}
	}
	for _, fix := range fixes {
		for _, f := range g.finds {
			if f.Fix != fix {
				continue
			}
			fmt.Fprintf(w, "    %s  %s\n", f.Resource, location(f.File, f.Line))
			writeIndented(w, f.Message, "      ")
		}
		if fix != "" {
			w.WriteString("    ")
			w.paint(ansiDim, "fix:")
			w.WriteString("\n")
			writeIndented(w, fix, "      ")
		}
	}
}

// writeBaselined counts, per checklist item, the fails in the baseline.
func writeBaselined(w textWriter, baselined map[checklist.Item]int) {
	if len(baselined) == 0 {
		return
	}
	w.WriteString("\n")
	w.paint(ansiBold, "In the baseline")
	w.WriteString(" (not listed; --format json lists them)\n")
	for _, it := range checklist.Items {
		if n := baselined[it]; n > 0 {
			fmt.Fprintf(w, "  %s %s\n", pad(it.Title(), 20), plural(n, "finding", "findings"))
		}
	}
}

func location(file string, line int) string {
	if line > 0 {
		return file + ":" + strconv.Itoa(line)
	}
	return file
}

func writeIndented(w textWriter, s, indent string) {
	s = strings.TrimRight(s, "\n")
	for line := range strings.SplitSeq(s, "\n") {
		if strings.TrimSpace(line) == "" {
			w.WriteString("\n")
			continue
		}
		w.WriteString(indent)
		w.WriteString(line)
		w.WriteString("\n")
	}
}

func writeUnknowns(w textWriter, r *Report, maxShown int) {
	var unk []*Finding
	for i := range r.Findings {
		if r.Findings[i].Status == checklist.Unknown {
			unk = append(unk, &r.Findings[i])
		}
	}
	if len(unk) == 0 {
		return
	}
	w.WriteString("\n")
	w.paint(ansiBold, "UNKNOWN")
	fmt.Fprintf(w, " — %s could not be decided from the code alone\n", plural(len(unk), "check", "checks"))
	for i, f := range unk {
		if i == maxShown {
			fmt.Fprintf(w, "  … and %d more (all are listed by --format json)\n", len(unk)-maxShown)
			break
		}
		fmt.Fprintf(w, "  %s  %s  %s\n", f.Rule, f.Resource, location(f.File, f.Line))
		writeIndented(w, f.Message, "      ")
		if why := unresolved(f); why != "" {
			writeIndented(w, why, "      ")
		}
	}
	// Terraform's unknowns are settled by values or a plan; say how.
	terraform := map[string]bool{}
	for _, c := range r.Components {
		terraform[c.Name] = strings.HasPrefix(c.Kind, "terraform")
	}
	for _, f := range unk {
		if terraform[f.Component] {
			w.WriteString("  Pass the missing values with --var-file or --var, or scan a plan (terraform show -json) to settle them.\n")
			break
		}
	}
}

func writeNotes(w textWriter, r *Report, maxCoverage int) {
	if len(r.Notes) == 0 {
		return
	}
	w.WriteString("\n")
	w.paint(ansiBold, "NOTES")
	w.WriteString("\n")
	coverage := 0
	for i, n := range r.Notes {
		if n.Kind != "error" {
			if coverage == maxCoverage {
				fmt.Fprintf(w, "  … and %d more coverage notes (all are listed by --format json)\n", len(r.Notes)-i)
				break
			}
			coverage++
		}
		w.WriteString("  ")
		if n.Kind == "error" {
			w.paint(ansiRed, pad(n.Kind, 9))
		} else {
			w.paint(ansiYellow, pad(n.Kind, 9))
		}
		if n.File != "" {
			w.WriteString(location(n.File, n.Line))
			w.WriteString("  ")
		}
		w.WriteString(n.Message)
		w.WriteString("\n")
	}
}

func writeSummary(w textWriter, r *Report) {
	s := r.Summary
	w.WriteString("\n")
	var sev []string
	for x := checklist.Critical; x >= checklist.Info; x-- {
		if n := s.FailsBySeverity[x.String()]; n > 0 {
			sev = append(sev, fmt.Sprintf("%d %s", n, x))
		}
	}
	line := plural(s.Fail, "gap", "gaps")
	if len(sev) > 0 {
		line += " (" + strings.Join(sev, ", ") + ")"
	}
	if r.Baseline != nil {
		line += ", " + strconv.Itoa(r.Baseline.Known) + " in the baseline"
	}
	line += ", " + plural(s.Unknown, "unknown", "unknown")
	if s.Waived > 0 {
		line += ", " + strconv.Itoa(s.Waived) + " waived"
	}
	if s.Errors > 0 {
		line += ", " + plural(s.Errors, "input error", "input errors")
	}
	if s.Coverage > 0 {
		line += ", " + plural(s.Coverage, "coverage note", "coverage notes")
	}
	switch {
	case s.Errors > 0:
		w.paint(ansiRed, line)
	case s.Fail > 0:
		w.paint(ansiBold, line)
	default:
		w.paint(ansiGreen, line)
	}
	w.WriteString("\n")
}

// writePolicy lists the waivers, with what became of each, and the
// attestations: who accepted which gap until when, and what evidence
// stands for which item.
func writePolicy(w textWriter, r *Report) {
	if len(r.Waivers) > 0 {
		w.WriteString("\n")
		w.paint(ansiBold, "WAIVERS")
		w.WriteString("\n")
		for _, x := range r.Waivers {
			w.WriteString("  ")
			w.paint(statusColor(x.Status), pad(x.Status, 9))
			what := x.Rule
			if what == "" {
				what = "item " + string(x.Item)
			}
			if x.Resource != "" {
				what += " on " + x.Resource
			}
			if x.Component != "" {
				what += " in " + x.Component
			}
			fmt.Fprintf(w, "%s  %s", x.ID, what)
			if x.Owner != "" {
				fmt.Fprintf(w, " — %s", x.Owner)
			}
			if x.Expires != "" {
				fmt.Fprintf(w, ", until %s", x.Expires)
			}
			fmt.Fprintf(w, ", %s\n", plural(x.Matched, "result", "results"))
			if x.Reason != "" {
				writeIndented(w, x.Reason, "      ")
			}
			switch x.Status {
			case "expired":
				w.WriteString("      It no longer waives: its findings count as gaps. Renew it or fix them.\n")
			case "stale":
				w.WriteString("      It matches nothing: remove it, or correct its rule, resource or component.\n")
			}
		}
	}
	if len(r.Attestations) > 0 {
		w.WriteString("\n")
		w.paint(ansiBold, "ATTESTATIONS")
		w.WriteString("\n")
		for _, a := range r.Attestations {
			w.WriteString("  ")
			w.paint(statusColor(a.Status), pad(a.Status, 9))
			fmt.Fprintf(w, "%s of %s — %s by %s on %s, until %s\n", a.Item, a.Component, a.Evidence, a.By, a.Date, a.Expires)
		}
	}
}

func statusColor(status string) string {
	switch status {
	case "expired":
		return ansiRed
	case "expiring", "stale":
		return ansiYellow
	}
	return ansiGreen
}

// maxFixedShown is how many fixed baseline entries the text report lists;
// the JSON report lists them all.
const maxFixedShown = 10

// writeBaseline says how the scan compares with its baseline, and what to
// run when entries are fixed: the ratchet only turns when someone runs it.
func writeBaseline(w textWriter, r *Report) {
	b := r.Baseline
	if b == nil {
		return
	}
	w.WriteString("\n")
	w.paint(ansiBold, "BASELINE")
	w.WriteString("\n")
	isAre := func(n int, one, many string) string {
		if n == 1 {
			return plural(n, one, many) + " is"
		}
		return plural(n, one, many) + " are"
	}
	fmt.Fprintf(w, "  %s in the baseline (%s), ", isAre(b.Known, "finding", "findings"), b.File)
	switch len(b.Fixed) {
	case 0:
		w.WriteString("none of its entries is fixed.\n")
	case 1:
		fmt.Fprintf(w, "1 of its entries is fixed: run prodgrade baseline --update %s\n", b.File)
	default:
		fmt.Fprintf(w, "%d of its entries are fixed: run prodgrade baseline --update %s\n", len(b.Fixed), b.File)
	}
	for i, e := range b.Fixed {
		if i == maxFixedShown {
			fmt.Fprintf(w, "    … and %d more (all are listed by --format json)\n", len(b.Fixed)-maxFixedShown)
			break
		}
		fmt.Fprintf(w, "    fixed  %s  %s  %s\n", e.Rule, e.Resource, e.File)
	}
	switch b.New {
	case 0:
		w.WriteString("  No gap is new.\n")
	case 1:
		w.WriteString("  1 gap is new: it is listed above and counts for the exit code.\n")
	default:
		fmt.Fprintf(w, "  %d gaps are new: they are listed above and count for the exit code.\n", b.New)
	}
}
