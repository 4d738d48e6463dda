package report

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
)

// GitHubCommentLimit is the most characters GitHub accepts in a pull
// request comment; a longer one is refused, not cut.
const GitHubCommentLimit = 65536

// MarkdownOptions tune the Markdown summary.
type MarkdownOptions struct {
	// LinkBase, when set, makes every file:line a link to
	// LinkBase + "/" + file + "#L" + line, e.g. with
	// https://github.com/OWNER/REPO/blob/COMMIT; without it, locations are
	// plain file:line.
	LinkBase string
	// Limit is the most bytes (so at most as many characters) the summary
	// may take; 0 means GitHubCommentLimit. Sections are cut to fit, and the
	// summary says how much was left out.
	Limit int
}

// maxTopFindings is how many gaps the summary's table of top findings shows.
const maxTopFindings = 10

// The shares of the limit the sections may take at most, in the order
// they are given their room: the matrix first, since a summary without it
// says nothing; the details by item get whatever is left.
const (
	matrixShare   = 0.40
	baselineShare = 0.08
	topShare      = 0.10
	policyShare   = 0.05
	notesShare    = 0.05
	// footerRoom is kept for the closing lines, which say what was left out.
	footerRoom = 600
)

var verdictEmoji = map[checklist.Verdict]string{
	checklist.Met:        "✅",
	checklist.Gaps:       "❌",
	checklist.Unverified: "❔",
	checklist.NA:         "➖",
	checklist.Attested:   "📝",
}

// mdPart is one entry of a section: its text and how many findings (or
// components, entries…) it stands for, to count what is left out.
type mdPart struct {
	text   string
	weight int
}

// fill lays out a section within limit bytes: head, then as many of the n
// entries as fit, in order, then — when some did not — more(the weight left
// out), then tail. It returns the text and the weight left out; when not
// even head, tail and the more-line fit, it returns "" and total.
func fill(limit int, head, tail string, n, total int, entry func(i int) mdPart, more func(left int) string) (string, int) {
	// lay writes what fits with reserve bytes kept for the more-line.
	lay := func(reserve int) (text string, left int, all bool) {
		used := len(head) + len(tail) + reserve
		if used > limit {
			return "", total, false
		}
		var b strings.Builder
		b.WriteString(head)
		left = total
		i := 0
		for ; i < n; i++ {
			e := entry(i)
			if used+len(e.text) > limit {
				break
			}
			b.WriteString(e.text)
			used += len(e.text)
			left -= e.weight
		}
		if i == n {
			b.WriteString(tail)
			return b.String(), 0, true
		}
		if left > 0 { // a cut that leaves out only unweighted entries (a fix) goes unsaid
			b.WriteString(more(left))
		}
		b.WriteString(tail)
		return b.String(), left, false
	}
	// Everything, when it fits; else again with room kept for the more-line.
	if text, _, all := lay(0); all {
		return text, 0
	}
	text, left, _ := lay(len(more(total)))
	return text, left
}

// omitted counts what did not fit, for the closing line.
type omitted struct {
	components, findings, unknowns, fixed, policy, errors int
}

func (o omitted) String() string {
	var parts []string
	add := func(n int, one, many string) {
		if n > 0 {
			parts = append(parts, plural(n, one, many))
		}
	}
	add(o.components, "component", "components")
	add(o.findings, "gap", "gaps")
	add(o.unknowns, "unknown check", "unknown checks")
	add(o.fixed, "fixed baseline entry", "fixed baseline entries")
	add(o.policy, "waiver or attestation", "waivers and attestations")
	add(o.errors, "input error", "input errors")
	return strings.Join(parts, ", ")
}

// WriteMarkdown writes the report as a pull request summary in
// GitHub-flavoured Markdown: the components × items matrix with scores, the
// comparison with the baseline, the top gaps, every gap in a collapsible
// section per checklist item, unknowns, waivers and attestations that need
// attention, and input errors. It never exceeds opt.Limit: each section
// has a share of it, and what is cut is counted at the end.
func WriteMarkdown(out io.Writer, r *Report, opt MarkdownOptions) error {
	limit := opt.Limit
	if limit <= 0 {
		limit = GitHubCommentLimit
	}
	m := mdReport{r: r, link: opt.LinkBase}
	var left omitted
	budget := limit - footerRoom
	take := func(share float64) int { return min(int(float64(limit)*share), budget) }

	header := m.header()
	budget -= len(header)
	matrix, n := m.matrix(take(matrixShare))
	left.components = n
	budget -= len(matrix)
	base, n := m.baseline(take(baselineShare))
	left.fixed = n
	budget -= len(base)
	top := m.top(take(topShare))
	budget -= len(top)
	policy, n := m.policy(take(policyShare))
	left.policy = n
	budget -= len(policy)
	notes, n := m.notes(take(notesShare))
	left.errors = n
	budget -= len(notes)
	details, nf, nu := m.details(max(budget, 0))
	left.findings, left.unknowns = nf, nu

	var b strings.Builder
	for _, s := range []string{header, matrix, base, top, details, policy, notes} {
		b.WriteString(s)
	}
	b.WriteString(m.footer(left, limit))
	if b.Len() > limit {
		// The shares and footerRoom leave room; a summary over the limit
		// would be refused whole, so say so rather than post it.
		return fmt.Errorf("markdown summary is %d bytes, over its limit of %d; this is a bug in prodgrade", b.Len(), limit)
	}
	_, err := io.WriteString(out, b.String())
	return err
}

// mdReport renders the sections of one report.
type mdReport struct {
	r    *Report
	link string
}

// location is file:line as a code span, linked to the forge with a link base.
func (m mdReport) location(file string, line int, inTable bool) string {
	text := mdCode(location(file, line), inTable)
	if m.link == "" || file == "" {
		return text
	}
	return "[" + text + "](" + sourceLink(m.link, file, line) + ")"
}

func (m mdReport) header() string {
	s := m.r.Summary
	var b strings.Builder
	b.WriteString("## prodgrade — production-grade checklist\n\n")
	line := "**" + plural(s.Fail, "gap", "gaps") + "**"
	var sev []string
	for x := checklist.Critical; x >= checklist.Info; x-- {
		if n := s.FailsBySeverity[x.String()]; n > 0 {
			sev = append(sev, fmt.Sprintf("%d %s", n, x))
		}
	}
	if len(sev) > 0 {
		line += " (" + strings.Join(sev, ", ") + ")"
	}
	if m.r.Baseline != nil {
		line += ", " + strconv.Itoa(m.r.Baseline.Known) + " in the baseline"
	}
	line += ", " + plural(s.Unknown, "unknown", "unknown")
	if s.Waived > 0 {
		line += ", " + strconv.Itoa(s.Waived) + " waived"
	}
	if s.Errors > 0 {
		line += ", **" + plural(s.Errors, "input error", "input errors") + "**"
	}
	fmt.Fprintf(&b, "%s — %s, %s in %s (prodgrade %s).\n\n", line,
		plural(s.Components, "component", "components"),
		plural(s.Resources, "resource", "resources"),
		plural(s.Files, "file", "files"), mdText(clip(m.r.Tool.Version, 40)))
	return b.String()
}

// matrix is the components × items table and its legend; it returns the
// number of components left out.
func (m mdReport) matrix(limit int) (string, int) {
	r := m.r
	if len(r.Components) == 0 {
		if r.Summary.Files == 0 {
			return "No components found: no supported infrastructure files are in the given paths.\n\n", 0
		}
		return "No components could be loaded; the notes below say why.\n\n", 0
	}
	tiers := slices.ContainsFunc(r.Components, func(c Component) bool { return c.Tier != "" })
	notRequired := false
	for _, c := range r.Components {
		for _, g := range c.Gates {
			notRequired = notRequired || g == "none"
		}
	}
	var head strings.Builder
	head.WriteString("| Component |")
	for _, it := range checklist.Items {
		head.WriteString(" " + itemCodes[it] + " |")
	}
	head.WriteString(" Score |")
	if tiers {
		head.WriteString(" Tier |")
	}
	head.WriteString("\n|:--|")
	head.WriteString(strings.Repeat(":-:|", len(checklist.Items)))
	head.WriteString("--:|")
	if tiers {
		head.WriteString(":--|")
	}
	head.WriteString("\n")

	var tail strings.Builder
	tail.WriteString("\n")
	var legend []string
	for _, v := range []checklist.Verdict{checklist.Met, checklist.Gaps, checklist.Unverified, checklist.NA, checklist.Attested} {
		legend = append(legend, verdictEmoji[v]+" "+string(v))
	}
	tail.WriteString(strings.Join(legend, " · "))
	if notRequired {
		tail.WriteString(" · \\* not required by the component's tier (neither scored nor gated)")
	}
	tail.WriteString(" — score = (met + attested) / applicable items × 100  \n")
	var codes []string
	for _, it := range checklist.Items {
		codes = append(codes, "**"+itemCodes[it]+"** "+string(it))
	}
	tail.WriteString(strings.Join(codes, " · "))
	tail.WriteString("\n\n")

	row := func(i int) mdPart {
		c := r.Components[i]
		var b strings.Builder
		b.WriteString("| " + mdCode(c.Name, true) + " |")
		for _, it := range checklist.Items {
			v := c.Verdicts[it]
			if v == "" {
				v = checklist.NA
			}
			b.WriteString(" " + verdictEmoji[v])
			if c.Gates[it] == "none" {
				b.WriteString("\\*")
			}
			b.WriteString(" |")
		}
		score := "–"
		if c.Score != nil {
			score = strconv.Itoa(*c.Score)
		}
		b.WriteString(" " + score + " |")
		if tiers {
			b.WriteString(" " + mdCode(c.Tier, true) + " |")
		}
		b.WriteString("\n")
		return mdPart{b.String(), 1}
	}
	more := func(n int) string {
		return "\n_… and " + plural(n, "more component", "more components") + ", left out to fit; `--format json` lists every one._\n"
	}
	s, left := fill(limit, head.String(), tail.String(), len(r.Components), len(r.Components), row, more)
	if s == "" {
		return "_The matrix of " + plural(len(r.Components), "component", "components") + " does not fit; `--format json` lists them._\n\n", len(r.Components)
	}
	return s, left
}

// baseline compares the scan with its baseline: new, known and fixed; it
// returns the number of fixed entries left out.
func (m mdReport) baseline(limit int) (string, int) {
	b := m.r.Baseline
	if b == nil {
		return "", 0
	}
	var head strings.Builder
	head.WriteString("### Against the baseline\n\n")
	fmt.Fprintf(&head, "**%s** (not in %s; they gate), %s in it, **%s**.\n\n",
		plural(b.New, "new gap", "new gaps"), mdCode(b.File, false),
		plural(b.Known, "known gap", "known gaps"), plural(len(b.Fixed), "fixed entry", "fixed entries"))
	if len(b.Fixed) == 0 {
		return head.String(), 0
	}
	fmt.Fprintf(&head, "<details><summary>Fixed since the baseline (%d): run <code>prodgrade baseline --update</code> to drop them</summary>\n\n", len(b.Fixed))
	entry := func(i int) mdPart {
		e := b.Fixed[i]
		return mdPart{"- " + mdCode(e.Rule, false) + " on " + mdCode(e.Resource, false) + " in " + mdCode(e.File, false) + "\n", 1}
	}
	more := func(n int) string { return "- _… and " + strconv.Itoa(n) + " more, left out to fit_\n" }
	s, left := fill(limit, head.String(), "\n</details>\n\n", len(b.Fixed), len(b.Fixed), entry, more)
	if s == "" {
		return "", len(b.Fixed)
	}
	return s, left
}

// gaps are the fail findings the summary lists: with a baseline, only the
// new ones.
func (m mdReport) gaps() []*Finding {
	var fs []*Finding
	for i := range m.r.Findings {
		if f := &m.r.Findings[i]; f.Status == checklist.Fail && !f.Baselined {
			fs = append(fs, f)
		}
	}
	return fs
}

// top is a table of the most severe gaps, in report order within a severity.
func (m mdReport) top(limit int) string {
	title := "### Top gaps\n\n"
	if m.r.Baseline != nil {
		title = "### Top new gaps\n\n"
	}
	fs := m.gaps()
	if len(fs) == 0 {
		if m.r.Baseline != nil {
			return title + "No new gap.\n\n"
		}
		return title + "No gap.\n\n"
	}
	slices.SortStableFunc(fs, func(a, b *Finding) int { return cmp.Compare(b.Severity, a.Severity) })
	shown := fs[:min(len(fs), maxTopFindings)]
	head := title + "| Severity | Rule | Resource | Location | Message |\n|:--|:--|:--|:--|:--|\n"
	row := func(i int) mdPart {
		f := shown[i]
		return mdPart{"| " + f.Severity.String() + " | " + mdCode(f.Rule, true) + " | " + mdCode(f.Resource, true) +
			" | " + m.location(f.File, f.Line, true) + " | " + mdText(f.Message) + " |\n", 1}
	}
	tail := "\n"
	if len(fs) > len(shown) {
		tail = "\n_" + plural(len(fs)-len(shown), "more gap is", "more gaps are") + " listed below, by checklist item._\n\n"
	}
	more := func(n int) string { return "\n_… " + strconv.Itoa(n) + " more left out to fit._\n" }
	s, _ := fill(limit, head, tail, len(shown), len(shown), row, more)
	return s // what the table leaves out is still listed by item
}

// details lists every gap in a collapsible section per checklist item, then
// the unknowns; each section gets an even share of what is left of the
// limit, and a share one does not use passes to the next. It returns the
// text and how many gaps and unknowns were left out.
func (m mdReport) details(limit int) (string, int, int) {
	byItem := map[checklist.Item][]*Finding{}
	baselined := map[checklist.Item]int{}
	var unknowns []*Finding
	for i := range m.r.Findings {
		f := &m.r.Findings[i]
		switch {
		case f.Status == checklist.Unknown:
			unknowns = append(unknowns, f)
		case f.Status != checklist.Fail:
		case f.Baselined:
			baselined[f.Item]++
		default:
			byItem[f.Item] = append(byItem[f.Item], f)
		}
	}
	var items []checklist.Item
	for _, it := range checklist.Items {
		if len(byItem[it]) > 0 {
			items = append(items, it)
		}
	}
	var b strings.Builder
	heading := "### Gaps by checklist item\n\n"
	if (len(items) > 0 || len(baselined) > 0) && len(heading) <= limit {
		b.WriteString(heading)
		limit -= len(heading)
	}
	var baseLine string
	if len(baselined) > 0 {
		var parts []string
		for _, it := range checklist.Items {
			if n := baselined[it]; n > 0 {
				parts = append(parts, it.Title()+" "+strconv.Itoa(n))
			}
		}
		baseLine = "In the baseline, not listed: " + strings.Join(parts, ", ") + ".\n\n"
		if len(baseLine) > limit {
			baseLine = ""
		}
		limit -= len(baseLine)
	}
	// Each block (an item's gaps, then the unknowns) gets what it needs
	// when everything fits; otherwise the room is shared out smallest need
	// first, each taking at most an even share of what is left, so a small
	// item is listed whole and the large ones split the rest.
	var render []func(limit int) (string, int)
	for _, it := range items {
		render = append(render, func(limit int) (string, int) { return m.itemBlock(it, byItem[it], limit) })
	}
	if len(unknowns) > 0 {
		render = append(render, func(limit int) (string, int) { return m.unknownBlock(unknowns, limit) })
	}
	need := make([]int, len(render))
	for i, f := range render {
		s, _ := f(math.MaxInt / 2)
		need[i] = len(s)
	}
	byNeed := make([]int, len(render))
	for i := range byNeed {
		byNeed[i] = i
	}
	slices.SortStableFunc(byNeed, func(a, b int) int { return cmp.Compare(need[a], need[b]) })
	room := make([]int, len(render))
	rest := max(limit, 0)
	for k, i := range byNeed {
		room[i] = min(need[i], rest/(len(render)-k))
		rest -= room[i]
	}
	leftGaps, leftUnknowns := 0, 0
	for i, f := range render {
		s, n := f(room[i])
		if s == "" && i < len(items) {
			n = len(byItem[items[i]])
		}
		b.WriteString(s)
		if i < len(items) {
			leftGaps += n
		} else {
			leftUnknowns = n
		}
		if i == len(items)-1 {
			b.WriteString(baseLine)
		}
	}
	if len(items) == 0 {
		b.WriteString(baseLine)
	}
	return b.String(), leftGaps, leftUnknowns
}

// itemBlock is one checklist item's gaps, grouped by rule (most severe
// first), each group's findings followed by the fix.
func (m mdReport) itemBlock(it checklist.Item, fs []*Finding, limit int) (string, int) {
	info := catalogOf(m.r)
	groups := map[string]*ruleGroup{}
	var order []*ruleGroup
	sevs := map[checklist.Severity]int{}
	for _, f := range fs {
		sevs[f.Severity]++
		if g, created := info.add(groups, f); created {
			order = append(order, g)
		}
	}
	slices.SortFunc(order, func(a, b *ruleGroup) int {
		return cmp.Or(cmp.Compare(b.info.Severity, a.info.Severity), cmp.Compare(a.info.ID, b.info.ID))
	})
	var parts []mdPart
	for _, g := range order {
		head := "- **" + strings.ToUpper(g.info.Severity.String()) + "** " + mdCode(g.info.ID, false)
		if g.info.Title != "" {
			head += " — " + mdText(g.info.Title)
		}
		parts = append(parts, mdPart{head + "\n", 0})
		var fixes []string
		for _, f := range g.finds {
			if !slices.Contains(fixes, f.Fix) {
				fixes = append(fixes, f.Fix)
			}
		}
		for _, fix := range fixes {
			for _, f := range g.finds {
				if f.Fix == fix {
					parts = append(parts, mdPart{"  - " + mdCode(f.Resource, false) + " at " + m.location(f.File, f.Line, false) + " — " + mdText(f.Message) + "\n", 1})
				}
			}
			if fix != "" {
				parts = append(parts, mdPart{mdFix(fix), 0})
			}
		}
	}
	var sev []string
	for x := checklist.Critical; x >= checklist.Info; x-- {
		if n := sevs[x]; n > 0 {
			sev = append(sev, fmt.Sprintf("%d %s", n, x))
		}
	}
	head := fmt.Sprintf("<details><summary>%s <b>%s</b> — %s (%s)</summary>\n\n",
		verdictEmoji[checklist.Gaps], it.Title(), plural(len(fs), "gap", "gaps"), strings.Join(sev, ", "))
	more := func(n int) string {
		return "- _… and " + plural(n, "more gap", "more gaps") + " of this item, left out to fit; `--format json` lists every one._\n"
	}
	s, left := fill(limit, head, "\n</details>\n\n", len(parts), len(fs), func(i int) mdPart { return parts[i] }, more)
	return s, left
}

// mdFix shows a fix snippet as a code block in a list item.
func mdFix(fix string) string {
	fix = strings.TrimRight(fix, "\n")
	fence := mdFence(fix)
	var b strings.Builder
	b.WriteString("  - fix:\n\n    " + fence + "\n")
	for line := range strings.SplitSeq(fix, "\n") {
		if strings.TrimSpace(line) == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString("    " + strings.TrimRight(line, "\r") + "\n")
	}
	b.WriteString("    " + fence + "\n")
	return b.String()
}

// unknownBlock lists the checks that could not be decided from the code.
func (m mdReport) unknownBlock(unk []*Finding, limit int) (string, int) {
	head := fmt.Sprintf("<details><summary>%s <b>Unknown</b> — %s could not be decided from the code alone</summary>\n\n",
		verdictEmoji[checklist.Unverified], plural(len(unk), "check", "checks"))
	entry := func(i int) mdPart {
		f := unk[i]
		s := "- " + mdCode(f.Rule, false) + " " + mdCode(f.Resource, false) + " at " + m.location(f.File, f.Line, false) + " — " + mdText(f.Message)
		why := f.Why
		if f.Expr != "" && !strings.Contains(why, f.Expr) {
			why = strings.TrimSuffix(f.Expr+": "+why, ": ")
		}
		if why != "" && why != f.Message {
			s += " (" + mdText(why) + ")"
		}
		return mdPart{s + "\n", 1}
	}
	more := func(n int) string {
		return "- _… and " + strconv.Itoa(n) + " more, left out to fit; `--format json` lists every one._\n"
	}
	return fill(limit, head, "\n</details>\n\n", len(unk), len(unk), entry, more)
}

// policy lists the waivers and attestations that need someone: expired
// (their gaps count again) or expiring within 30 days.
func (m mdReport) policy(limit int) (string, int) {
	var parts []mdPart
	for _, x := range m.r.Waivers {
		if x.Status != "expired" && x.Status != "expiring" {
			continue
		}
		what := mdCode(x.Rule, false)
		if x.Rule == "" {
			what = "item " + mdCode(string(x.Item), false)
		}
		if x.Resource != "" {
			what += " on " + mdCode(x.Resource, false)
		}
		if x.Component != "" {
			what += " in " + mdCode(x.Component, false)
		}
		s := fmt.Sprintf("- **%s** waiver %s: %s", x.Status, mdCode(x.ID, false), what)
		if x.Owner != "" {
			s += " — " + mdText(x.Owner)
		}
		if x.Expires != "" {
			s += ", until " + mdText(x.Expires)
		}
		if x.Reason != "" {
			s += ": " + mdText(x.Reason)
		}
		if x.Status == "expired" {
			s += ". It no longer waives: its findings count as gaps."
		}
		parts = append(parts, mdPart{s + "\n", 1})
	}
	for _, a := range m.r.Attestations {
		if a.Status != "expired" && a.Status != "expiring" {
			continue
		}
		s := fmt.Sprintf("- **%s** attestation: %s of %s — %s by %s on %s, until %s", a.Status,
			mdCode(string(a.Item), false), mdCode(a.Component, false), mdText(a.Evidence), mdText(a.By), mdText(a.Date), mdText(a.Expires))
		if a.Status == "expired" {
			s += ". The item is a gap until it is renewed."
		}
		parts = append(parts, mdPart{s + "\n", 1})
	}
	if len(parts) == 0 {
		return "", 0
	}
	more := func(n int) string { return "- _… and " + strconv.Itoa(n) + " more, left out to fit._\n" }
	s, left := fill(limit, "### Waivers and attestations to renew\n\n", "\n", len(parts), len(parts),
		func(i int) mdPart { return parts[i] }, more)
	if s == "" {
		return "", len(parts)
	}
	return s, left
}

// notes lists the input errors (their files were not graded) and counts
// the coverage notes.
func (m mdReport) notes(limit int) (string, int) {
	var errs []Note
	for _, n := range m.r.Notes {
		if n.Kind == "error" {
			errs = append(errs, n)
		}
	}
	if len(errs) == 0 && m.r.Summary.Coverage == 0 {
		return "", 0
	}
	head := "### Notes\n\n"
	if len(errs) > 0 {
		head += "Input errors: these files were not graded.\n\n"
	}
	tail := "\n"
	if c := m.r.Summary.Coverage; c > 0 {
		tail = "\n" + plural(c, "coverage note says", "coverage notes say") + " what could not be graded; the text and JSON reports list them.\n\n"
	}
	entry := func(i int) mdPart {
		n := errs[i]
		s := "- "
		if n.File != "" {
			s += m.location(n.File, n.Line, false) + " — "
		}
		return mdPart{s + mdText(n.Message) + "\n", 1}
	}
	more := func(n int) string { return "- _… and " + strconv.Itoa(n) + " more, left out to fit._\n" }
	s, left := fill(limit, head, tail, len(errs), len(errs), entry, more)
	if s == "" {
		return "", len(errs)
	}
	return s, left
}

func (m mdReport) footer(left omitted, limit int) string {
	s := "---\n"
	if o := left.String(); o != "" {
		s += fmt.Sprintf("**Left out to fit the %s-character comment limit:** %s. `prodgrade scan --format json` lists everything.\n\n", groupThousands(limit), o)
	}
	return s + "<sub>prodgrade " + mdText(clip(m.r.Tool.Version, 40)) + " · the production-grade infrastructure checklist</sub>\n"
}

// groupThousands writes n with commas between groups of three digits.
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// clip cuts s to at most n runes, marking the cut, for a short field that
// is not budgeted (a version).
func clip(s string, n int) string {
	if rs := []rune(s); len(rs) > n {
		return string(rs[:n-1]) + "…"
	}
	return s
}
