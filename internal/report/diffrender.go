package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
)

// WriteDiffJSON writes the diff as indented JSON (prodgrade/diff/v1).
func WriteDiffJSON(w io.Writer, d *Diff) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

func scoreText(s *int) string {
	if s == nil {
		return "–"
	}
	return strconv.Itoa(*s)
}

// diffLine is the one-line summary both the text and the Markdown forms end
// with (without Markdown in it).
func diffLine(d *Diff) string {
	s := d.Summary
	return fmt.Sprintf("%s (%d failing), %d fixed, %d changed; %s",
		plural(s.New, "new finding", "new findings"), newFails(d), s.Fixed, s.Changed,
		plural(s.ComponentsChanged, "component changed", "components changed"))
}

// newFails counts the added findings that fail.
func newFails(d *Diff) int {
	n := 0
	for i := range d.Added {
		if d.Added[i].Status == checklist.Fail {
			n++
		}
	}
	return n
}

// WriteDiffText writes the diff for a person: components re-graded, then
// new, fixed and changed findings, then a summary line.
func WriteDiffText(out io.Writer, d *Diff) error {
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "prodgrade diff — %s (prodgrade %s) → %s (prodgrade %s)\n", d.Old.File, printable(d.Old.Version), d.New.File, printable(d.New.Version))
	if d.Note != "" {
		fmt.Fprintf(w, "Note: %s.\n", printable(d.Note))
	}
	if len(d.Components) > 0 {
		w.WriteString("\nCOMPONENTS\n")
		for _, c := range d.Components {
			switch c.Change {
			case "added":
				fmt.Fprintf(w, "  + %s  added, score %s\n", printable(c.Name), scoreText(c.NewScore))
			case "removed":
				fmt.Fprintf(w, "  - %s  removed (score was %s)\n", printable(c.Name), scoreText(c.OldScore))
			default:
				fmt.Fprintf(w, "  ~ %s  score %s → %s\n", printable(c.Name), scoreText(c.OldScore), scoreText(c.NewScore))
				for _, v := range c.Verdicts {
					fmt.Fprintf(w, "      %s %s → %s\n", pad(string(v.Item), 13), printable(string(v.Old)), printable(string(v.New)))
				}
			}
		}
	}
	list := func(title string, fs []Finding) {
		if len(fs) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s — %s\n", title, plural(len(fs), "finding", "findings"))
		for i := range fs {
			f := &fs[i]
			fmt.Fprintf(w, "  %s %s %s  %s  %s\n", pad(strings.ToUpper(f.Severity.String()), 8), pad(printable(string(f.Status)), 7),
				printable(f.Rule), printable(f.Resource), printable(location(f.File, f.Line)))
			writeIndented(textWriter{Writer: w}, printable(f.Message), "      ")
		}
	}
	list("NEW", d.Added)
	list("FIXED", d.Fixed)
	if len(d.Changed) > 0 {
		fmt.Fprintf(w, "\nCHANGED — %s\n", plural(len(d.Changed), "finding", "findings"))
		for _, c := range d.Changed {
			f := &c.New
			fmt.Fprintf(w, "  %s  %s  %s\n", printable(f.Rule), printable(f.Resource), printable(location(f.File, f.Line)))
			for _, field := range c.Fields {
				switch field {
				case "status":
					fmt.Fprintf(w, "      status %s → %s\n", printable(string(c.Old.Status)), printable(string(c.New.Status)))
				case "severity":
					fmt.Fprintf(w, "      severity %s → %s\n", c.Old.Severity, c.New.Severity)
				case "message":
					writeIndented(textWriter{Writer: w}, "was: "+printable(c.Old.Message), "      ")
					writeIndented(textWriter{Writer: w}, "now: "+printable(c.New.Message), "      ")
				}
			}
		}
	}
	w.WriteString("\n" + diffLine(d) + "\n")
	return w.Flush()
}

// The shares of the limit the sections of the Markdown diff may take at most.
const (
	diffComponentsShare = 0.30
	diffChangedShare    = 0.15
	diffFixedShare      = 0.15
)

// WriteDiffMarkdown writes the diff as a pull request comment: what gates
// first (new findings), then components, changed and fixed findings,
// escaped and cut to opt.Limit as WriteMarkdown is.
func WriteDiffMarkdown(out io.Writer, d *Diff, opt MarkdownOptions) error {
	limit := opt.Limit
	if limit <= 0 {
		limit = GitHubCommentLimit
	}
	m := mdReport{link: opt.LinkBase}
	budget := limit - footerRoom
	take := func(share float64) int { return min(int(float64(limit)*share), budget) }

	var head strings.Builder
	head.WriteString("## prodgrade diff\n\n")
	fmt.Fprintf(&head, "**%s**, %d fixed, %d changed — %s (prodgrade %s) → %s (prodgrade %s).\n\n",
		plural(d.Summary.NewFails, "new failing finding", "new failing findings"), d.Summary.Fixed, d.Summary.Changed,
		mdCode(clip(d.Old.File, 200), false), mdText(clip(d.Old.Version, 40)), mdCode(clip(d.New.File, 200), false), mdText(clip(d.New.Version, 40)))
	if d.Note != "" {
		head.WriteString("_Note: " + mdText(d.Note) + "._\n\n")
	}
	budget -= head.Len()

	var leftComponents, leftFindings int
	comps, n := m.diffComponents(d, take(diffComponentsShare))
	leftComponents = n
	budget -= len(comps)
	changed, n := m.diffFindings("Changed findings", len(d.Changed), func(i int) string {
		c := d.Changed[i]
		s := m.findingLine(&c.New)
		var what []string
		for _, field := range c.Fields {
			switch field {
			case "status":
				what = append(what, "status "+mdText(string(c.Old.Status))+" → "+mdText(string(c.New.Status)))
			case "severity":
				what = append(what, "severity "+c.Old.Severity.String()+" → "+c.New.Severity.String())
			case "message":
				what = append(what, "message was: "+mdText(c.Old.Message))
			}
		}
		return s + "  \n  " + strings.Join(what, "; ") + "\n"
	}, take(diffChangedShare))
	leftFindings += n
	budget -= len(changed)
	fixed, n := m.diffFindings("Fixed findings", len(d.Fixed), func(i int) string {
		return m.findingLine(&d.Fixed[i]) + "\n"
	}, take(diffFixedShare))
	leftFindings += n
	budget -= len(fixed)
	added, n := m.diffFindings("New findings", len(d.Added), func(i int) string {
		return m.findingLine(&d.Added[i]) + "\n"
	}, max(budget, 0))
	leftFindings += n

	var b strings.Builder
	for _, s := range []string{head.String(), added, comps, changed, fixed} {
		b.WriteString(s)
	}
	b.WriteString("---\n")
	if leftComponents+leftFindings > 0 {
		var o []string
		if leftComponents > 0 {
			o = append(o, plural(leftComponents, "component", "components"))
		}
		if leftFindings > 0 {
			o = append(o, plural(leftFindings, "finding", "findings"))
		}
		fmt.Fprintf(&b, "**Left out to fit the %s-character comment limit:** %s. `prodgrade diff --format json` lists everything.\n\n", groupThousands(limit), strings.Join(o, ", "))
	}
	b.WriteString(mdText(diffLine(d)) + "\n")
	if b.Len() > limit {
		return fmt.Errorf("markdown diff is %d bytes, over its limit of %d; this is a bug in prodgrade", b.Len(), limit)
	}
	_, err := io.WriteString(out, b.String())
	return err
}

// findingLine is one finding as a list item.
func (m mdReport) findingLine(f *Finding) string {
	return "- **" + strings.ToUpper(f.Severity.String()) + "** " + mdText(string(f.Status)) + " " + mdCode(f.Rule, false) + " " +
		mdCode(f.Resource, false) + " at " + m.location(f.File, f.Line, false) + " — " + mdText(f.Message)
}

// diffFindings is a titled list of n findings cut to limit; it returns the
// number left out.
func (m mdReport) diffFindings(title string, n int, line func(i int) string, limit int) (string, int) {
	if n == 0 {
		return "", 0
	}
	more := func(k int) string { return "- _… and " + strconv.Itoa(k) + " more, left out to fit._\n" }
	s, left := fill(limit, "### "+title+" ("+strconv.Itoa(n)+")\n\n", "\n", n, n,
		func(i int) mdPart { return mdPart{line(i), 1} }, more)
	if s == "" {
		return "", n
	}
	return s, left
}

// diffComponents is a table of the components re-graded.
func (m mdReport) diffComponents(d *Diff, limit int) (string, int) {
	if len(d.Components) == 0 {
		return "", 0
	}
	head := "### Components\n\n| Component | Change | Score | Verdicts |\n|:--|:--|--:|:--|\n"
	row := func(i int) mdPart {
		c := d.Components[i]
		var vs []string
		for _, v := range c.Verdicts {
			vs = append(vs, itemCodes[v.Item]+" "+verdictMark(v.Old)+" → "+verdictMark(v.New))
		}
		score := scoreText(c.OldScore) + " → " + scoreText(c.NewScore)
		switch c.Change {
		case "added":
			score = scoreText(c.NewScore)
		case "removed":
			score = scoreText(c.OldScore)
		}
		return mdPart{"| " + mdCode(c.Name, true) + " | " + c.Change + " | " + score + " | " + strings.Join(vs, ", ") + " |\n", 1}
	}
	more := func(k int) string {
		return "\n_… and " + plural(k, "more component", "more components") + ", left out to fit._\n"
	}
	s, left := fill(limit, head, "\n", len(d.Components), len(d.Components), row, more)
	if s == "" {
		return "", len(d.Components)
	}
	return s, left
}

// verdictMark is a verdict's emoji; a verdict this prodgrade does not know
// (from a report of a later one) is shown as its escaped word.
func verdictMark(v checklist.Verdict) string {
	if e, ok := verdictEmoji[v]; ok {
		return e
	}
	return mdText(string(v))
}

// printable replaces control characters other than line breaks, so a
// crafted report cannot send escape sequences to a terminal.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\n') || (r >= 0x7f && r < 0xa0) {
			return '?'
		}
		return r
	}, s)
}
