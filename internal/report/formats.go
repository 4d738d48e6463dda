package report

import (
	"io"
	"slices"
	"strings"
)

// Options are what a renderer may be asked for, beside the report itself.
// Each renderer reads the options that make sense for it.
type Options struct {
	// History are earlier reports of the same tree, oldest first (html:
	// the score of each component over time).
	History []HistoryReport
	// Color adds ANSI colours (text, on a terminal only).
	Color bool
	// Quiet shows only the checklist matrix and the summary line (text).
	Quiet bool
	// GroupBy is how the text report lists gaps: by "item" (the default),
	// "component" or "rule".
	GroupBy GroupBy
	// LinkBase turns file:line into links to LinkBase/file#Lline
	// (markdown), e.g. https://github.com/OWNER/REPO/blob/COMMIT.
	LinkBase string
	// WorkDir is the absolute directory the scan ran in, which the
	// report's relative paths are relative to. SARIF names the scan root
	// by it (originalUriBaseIds) and places absolute paths under the root;
	// "" leaves the root unnamed, so output does not depend on the machine.
	WorkDir string
	// SARIFRoot is the directory SARIF locations are relative to (code
	// scanning wants paths relative to the repository root); relative to
	// WorkDir, "" for WorkDir itself. Paths outside it stay absolute.
	SARIFRoot string
	// JUnitUnverified makes an unverified item a JUnit failure of type
	// "unverified"; without it the test passes and says what is unverified.
	JUnitUnverified bool
}

// Format is one output format: how a report is written in it.
type Format struct {
	Name string
	// Doc says what the format is for, in the help text.
	Doc   string
	Write func(w io.Writer, r *Report, o Options) error
}

// formats are the output formats, in the order help lists them. Every one
// renders from the Report alone (the JSON model), never from the scan.
var formats = []Format{
	{Name: "text", Doc: "the checklist matrix and the gaps by item, for a person (default)",
		Write: func(w io.Writer, r *Report, o Options) error {
			return WriteText(w, r, TextOptions{Color: o.Color, Quiet: o.Quiet, GroupBy: o.GroupBy})
		}},
	{Name: "json", Doc: "the whole report, prodgrade/report/v1 (docs/json-schema.md)",
		Write: func(w io.Writer, r *Report, _ Options) error { return WriteJSON(w, r) }},
	{Name: "sarif", Doc: "SARIF 2.1.0, for GitHub code scanning and other SARIF viewers (root: --sarif-root)",
		Write: WriteSARIF},
	{Name: "junit", Doc: "JUnit XML, a test suite per component and a test per checklist item, for CI test reports",
		Write: WriteJUnit},
	{Name: "codequality", Doc: "GitLab Code Quality (Code Climate JSON): the gaps, shown in merge requests",
		Write: WriteCodeQuality},
	{Name: "markdown", Doc: "a pull request summary within GitHub's comment limit (with --link-base URL, file:line links)",
		Write: func(w io.Writer, r *Report, o Options) error {
			return WriteMarkdown(w, r, MarkdownOptions{LinkBase: o.LinkBase})
		}},
	{Name: "html", Doc: "one self-contained page to send to a component's owners: heat map, scores, findings to filter",
		Write: func(w io.Writer, r *Report, o Options) error { return WriteHTML(w, r, HTMLOptions{History: o.History}) }},
}

// LookupFormat finds an output format by name.
func LookupFormat(name string) (Format, bool) {
	i := slices.IndexFunc(formats, func(f Format) bool { return f.Name == name })
	if i < 0 {
		return Format{}, false
	}
	return formats[i], true
}

// FormatNames lists the output formats' names, comma-separated.
func FormatNames() string {
	var names []string
	for _, f := range formats {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}
