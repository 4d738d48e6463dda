package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/prodgrade/prodgrade/internal/checklist"
)

// JUnit XML, as GitLab, Jenkins and GitHub test reporters read it: a test
// suite per component, a test case per checklist item. A gap is a failure,
// n/a and items the tier does not require are skipped, everything else
// passes and says in system-out what a reader should still know (unknowns,
// waivers, attestations). Input errors are a suite of their own, as errors,
// so a file that could not be parsed does not leave the test tab green.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string           `xml:"name,attr"`
	Tests      int              `xml:"tests,attr"`
	Failures   int              `xml:"failures,attr"`
	Errors     int              `xml:"errors,attr"`
	Skipped    int              `xml:"skipped,attr"`
	Properties *junitProperties `xml:"properties,omitempty"`
	Cases      []junitCase      `xml:"testcase"`
}

type junitProperties struct {
	Property []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	SystemOut *junitText    `xml:"system-out,omitempty"`
}

// junitText is text written as CDATA, so its lines read as they are
// (character data would escape every newline).
type junitText struct {
	Text string `xml:",cdata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// junitProblem is a failure or an error: its type, a one-line message and
// the details.
type junitProblem struct {
	Type    string `xml:"type,attr"`
	Message string `xml:"message,attr"`
	Text    string `xml:",cdata"`
}

// WriteJUnit writes the report as JUnit XML.
func WriteJUnit(w io.Writer, r *Report, o Options) error {
	type key struct {
		component string
		item      checklist.Item
	}
	finds := map[key][]*Finding{}
	for i := range r.Findings {
		f := &r.Findings[i]
		k := key{f.Component, f.Item}
		finds[k] = append(finds[k], f)
	}
	atts := map[key][]Attestation{}
	for _, a := range r.Attestations {
		k := key{a.Component, a.Item}
		atts[k] = append(atts[k], a)
	}
	doc := junitSuites{Name: "prodgrade"}
	for _, c := range r.Components {
		s := junitSuite{Name: c.Name, Properties: componentProperties(c)}
		for _, it := range checklist.Items {
			tc := junitItem(c, it, finds[key{c.Name, it}], atts[key{c.Name, it}], o.JUnitUnverified)
			s.add(tc)
		}
		doc.add(s)
	}
	if inputs := inputErrorSuite(r.Notes); len(inputs.Cases) > 0 {
		doc.add(inputs)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encoding the JUnit report: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func (s *junitSuite) add(tc junitCase) {
	s.Cases = append(s.Cases, tc)
	s.Tests++
	switch {
	case tc.Failure != nil:
		s.Failures++
	case tc.Error != nil:
		s.Errors++
	case tc.Skipped != nil:
		s.Skipped++
	}
}

func (d *junitSuites) add(s junitSuite) {
	d.Suites = append(d.Suites, s)
	d.Tests += s.Tests
	d.Failures += s.Failures
	d.Errors += s.Errors
	d.Skipped += s.Skipped
}

// componentProperties are what a reader of the suite may want beside the
// tests: where the component is, how it was chosen, its score and policy.
func componentProperties(c Component) *junitProperties {
	p := &junitProperties{}
	add := func(name, value string) {
		if value != "" {
			p.Property = append(p.Property, junitProperty{name, value})
		}
	}
	add("path", c.Path)
	add("kind", c.Kind)
	score := "n/a"
	if c.Score != nil {
		score = strconv.Itoa(*c.Score)
	}
	add("score", score)
	add("tier", c.Tier)
	add("owner", c.Owner)
	return p
}

// junitItem is the test case of one checklist item of a component.
func junitItem(c Component, it checklist.Item, finds []*Finding, atts []Attestation, failUnverified bool) junitCase {
	tc := junitCase{Name: string(it), Classname: c.Name}
	v := c.Verdicts[it]
	if v == "" {
		v = checklist.NA
	}
	var gaps, unknown, waived, info []*Finding
	for _, f := range finds {
		switch {
		case f.Status == checklist.Fail && f.Severity >= checklist.Low:
			gaps = append(gaps, f)
		case f.Status == checklist.Fail:
			info = append(info, f)
		case f.Status == checklist.Unknown:
			unknown = append(unknown, f)
		case f.Status == checklist.Waived:
			waived = append(waived, f)
		}
	}
	var out strings.Builder
	if c.Gates[it] == "none" {
		tier := c.Tier
		if tier == "" {
			tier = "its tier"
		}
		tc.Skipped = &junitSkipped{Message: fmt.Sprintf("not required by tier %s (verdict %s): neither scored nor gated", tier, v)}
		// What was found is still worth reading.
		writeFindingList(&out, "gaps", gaps)
	} else {
		switch v {
		case checklist.NA:
			tc.Skipped = &junitSkipped{Message: "n/a: nothing in the component concerns this item"}
		case checklist.Gaps:
			tc.Failure = gapFailure(c, it, gaps)
		case checklist.Unverified:
			if failUnverified {
				var text strings.Builder
				writeFindingList(&text, "unknown", unknown)
				tc.Failure = &junitProblem{Type: "unverified",
					Message: "unverified: " + plural(len(unknown), "check", "checks") + " could not be decided from the code alone",
					Text:    xmlText(text.String())}
				unknown = nil
			} else {
				out.WriteString("unverified: no check could be decided from the code alone (--junit-unverified makes this a failure)\n")
			}
		case checklist.Attested:
			for _, a := range atts {
				fmt.Fprintf(&out, "attested: %s by %s on %s, until %s (%s)\n", a.Evidence, a.By, a.Date, a.Expires, a.Status)
			}
		}
	}
	writeFindingList(&out, "unknown", unknown)
	writeFindingList(&out, "waived", waived)
	writeFindingList(&out, "info", info)
	if out.Len() > 0 {
		tc.SystemOut = &junitText{xmlText(out.String())}
	}
	return tc
}

// gapFailure lists an item's gaps; its type is the highest severity, as
// test reporters show the type beside the test.
func gapFailure(c Component, it checklist.Item, gaps []*Finding) *junitProblem {
	if len(gaps) == 0 {
		// A verdict from joined parts may have no finding of its own name.
		return &junitProblem{Type: "gaps", Message: "gaps: see the JSON report for the findings"}
	}
	top := checklist.Info
	baselined := 0
	for _, f := range gaps {
		top = max(top, f.Severity)
		if f.Baselined {
			baselined++
		}
	}
	msg := plural(len(gaps), "gap", "gaps") + ", highest severity " + top.String()
	if baselined > 0 {
		msg += fmt.Sprintf(" (%d in the baseline)", baselined)
	}
	if g, err := checklist.ParseSeverity(c.Gates[it]); err == nil && c.Gates[it] != "" && top < g {
		msg += fmt.Sprintf("; below the %s gate of tier %s, so it does not fail the scan", g, c.Tier)
	}
	var text strings.Builder
	writeFindingList(&text, "", gaps)
	return &junitProblem{Type: top.String(), Message: msg, Text: xmlText(text.String())}
}

// writeFindingList writes one finding per entry: severity, rule, resource,
// file:line, then the message indented.
func writeFindingList(b *strings.Builder, label string, fs []*Finding) {
	for _, f := range fs {
		if label != "" {
			b.WriteString(label)
			b.WriteString(": ")
		}
		fmt.Fprintf(b, "%s %s %s %s", strings.ToUpper(f.Severity.String()), f.Rule, f.Resource, location(f.File, f.Line))
		if f.Baselined {
			b.WriteString(" (in the baseline)")
		}
		if f.Waiver != "" {
			b.WriteString(" (waived by " + f.Waiver + ")")
		}
		b.WriteString("\n")
		text := strings.TrimRight(f.Message, "\n")
		if f.Status == checklist.Unknown && f.Why != "" && f.Why != f.Message {
			text += "\n" + f.Why
		}
		for line := range strings.SplitSeq(text, "\n") {
			b.WriteString("    ")
			b.WriteString(line)
			b.WriteString("\n")
		}
	}
}

// inputErrorSuite has one errored test per input that could not be read
// or parsed.
func inputErrorSuite(notes []Note) junitSuite {
	s := junitSuite{Name: "prodgrade inputs"}
	for _, n := range notes {
		if n.Kind != "error" {
			continue
		}
		name := location(n.File, n.Line)
		if name == "" {
			name = "input"
		}
		s.add(junitCase{Name: name, Classname: "prodgrade inputs",
			Error: &junitProblem{Type: "input-error", Message: n.Message, Text: xmlText(n.Message + "\n")}})
	}
	return s
}

// xmlText replaces what XML cannot hold — control characters other than
// tab and newline, invalid UTF-8, U+FFFE/U+FFFF — with U+FFFD: CDATA is
// written as it is, and one such character would make the file unreadable.
// (Attributes need no help: the encoder escapes them.)
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == utf8.RuneError, r == 0xFFFE, r == 0xFFFF:
			return utf8.RuneError
		}
		return r
	}, s)
}
