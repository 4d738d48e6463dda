package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
)

// SARIF 2.1.0 (OASIS), as GitHub code scanning and other result viewers
// read it: one run, the rules that produced results, one result per
// finding, and the input errors and coverage notes as notifications of the
// invocation. docs/formats.md describes the mapping.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// sarifRootID names the scan root in originalUriBaseIds; every
	// location inside it is relative to it (the name code scanning and
	// CodeQL use).
	sarifRootID = "%SRCROOT%"
	// sarifFingerprintKey holds a finding's fingerprint in
	// partialFingerprints; the version changes if the fingerprint's recipe does.
	sarifFingerprintKey = "prodgradeFingerprint/v1"
	// informationURI is where the tool is described.
	informationURI = "https://github.com/prodgrade/prodgrade"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	Invocations        []sarifInvocation                `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds"`
	ColumnKind         string                           `json:"columnKind"`
	Results            []sarifResult                    `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	FullDescription      sarifMessage       `json:"fullDescription"`
	Help                 sarifMessage       `json:"help"`
	HelpURI              string             `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags"`
	// SecuritySeverity is GitHub's score (0.0–10.0, as a string) that makes
	// a rule's results security alerts ranked critical, high, medium or low.
	SecuritySeverity string `json:"security-severity,omitempty"`
	Item             string `json:"item"`
	Severity         string `json:"severity"`
}

// sarifMessage is SARIF's message (and multiformatMessageString): plain
// text, and Markdown where a viewer can show it.
type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level      string          `json:"level"`
	Message    sarifMessage    `json:"message"`
	Locations  []sarifLocation `json:"locations,omitempty"`
	Properties *sarifNoteProps `json:"properties,omitempty"`
}

type sarifNoteProps struct {
	Kind      string `json:"kind"`
	Component string `json:"component,omitempty"`
}

type sarifResult struct {
	RuleID    string       `json:"ruleId"`
	RuleIndex int          `json:"ruleIndex"`
	Level     string       `json:"level"`
	Message   sarifMessage `json:"message"`
	// Locations is empty only for a finding read from standard input,
	// which has no file to point at.
	Locations           []sarifLocation    `json:"locations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"`
	BaselineState       string             `json:"baselineState,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          sarifResultProps   `json:"properties"`
}

type sarifResultProps struct {
	// Status is the finding's: fail, unknown or waived.
	Status    string `json:"status"`
	Item      string `json:"item"`
	Severity  string `json:"severity"`
	Component string `json:"component"`
	Resource  string `json:"resource"`
}

type sarifSuppression struct {
	Kind          string                 `json:"kind"`
	Status        string                 `json:"status"`
	Justification string                 `json:"justification,omitempty"`
	Properties    *sarifSuppressionProps `json:"properties,omitempty"`
}

type sarifSuppressionProps struct {
	Waiver  string `json:"waiver"`
	Owner   string `json:"owner,omitempty"`
	Expires string `json:"expires,omitempty"`
	Ticket  string `json:"ticket,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation  `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI         string        `json:"uri,omitempty"`
	URIBaseID   string        `json:"uriBaseId,omitempty"`
	Description *sarifMessage `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifLogicalLocation struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
}

// sarifLevel maps a severity to a SARIF level: critical and high are
// errors, medium and low warnings, info a note.
func sarifLevel(s checklist.Severity) string {
	switch {
	case s >= checklist.High:
		return "error"
	case s >= checklist.Low:
		return "warning"
	}
	return "note"
}

// securitySeverity is GitHub's security-severity score for a severity:
// above 9.0 is critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. Info
// rules get none: they never count as gaps, so they are not security alerts.
func securitySeverity(s checklist.Severity) string {
	switch s {
	case checklist.Critical:
		return "9.5"
	case checklist.High:
		return "8.0"
	case checklist.Medium:
		return "5.5"
	case checklist.Low:
		return "2.0"
	}
	return ""
}

// sarifPaths turns the report's paths (as the scan was given them) into
// SARIF artifact locations relative to the scan root.
type sarifPaths struct {
	workDir string // absolute, or "" when unknown
	root    string // the root, absolute when workDir is known, else as given
}

func newSARIFPaths(o Options) sarifPaths {
	root := o.SARIFRoot
	if root == "" {
		root = "."
	}
	if o.WorkDir != "" && !filepath.IsAbs(root) {
		root = filepath.Join(o.WorkDir, root)
	}
	return sarifPaths{workDir: o.WorkDir, root: filepath.Clean(root)}
}

// base is the originalUriBaseIds entry of the root: its absolute file URI
// when the working directory is known, else a description only (so
// goldens do not depend on where they were made).
func (p sarifPaths) base() sarifArtifactLocation {
	if filepath.IsAbs(p.root) {
		u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(p.root)}).String()
		if !strings.HasSuffix(u, "/") {
			u += "/"
		}
		return sarifArtifactLocation{URI: u}
	}
	return sarifArtifactLocation{Description: &sarifMessage{
		Text: "The directory prodgrade scan ran in (or --sarif-root): every uri with this base is relative to it."}}
}

// artifact locates a report path: relative to the root when it is inside
// it, else by its absolute file URI (or, when the working directory is
// unknown, as given). Standard input has no location.
func (p sarifPaths) artifact(file string) (sarifArtifactLocation, bool) {
	if file == "" || file == "<stdin>" {
		return sarifArtifactLocation{}, false
	}
	path := filepath.FromSlash(file)
	if p.workDir != "" && !filepath.IsAbs(path) {
		path = filepath.Join(p.workDir, path)
	}
	if rel, err := filepath.Rel(p.root, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return sarifArtifactLocation{URI: (&url.URL{Path: filepath.ToSlash(rel)}).String(), URIBaseID: sarifRootID}, true
	}
	if filepath.IsAbs(path) {
		return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()}, true
	}
	return sarifArtifactLocation{URI: (&url.URL{Path: filepath.ToSlash(path)}).String()}, true
}

// location is a physical location with the region where it is known: a
// line 0 (the source gave no position) has no region, and an end before
// the start is dropped rather than written backwards.
func (p sarifPaths) location(file string, line, col, endLine, endCol int) (sarifLocation, bool) {
	art, ok := p.artifact(file)
	if !ok {
		return sarifLocation{}, false
	}
	loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: art}}
	if line > 0 {
		r := &sarifRegion{StartLine: line}
		if col > 0 {
			r.StartColumn = col
		}
		if endLine > line {
			r.EndLine = endLine
		}
		last := max(endLine, line)
		if endCol > 0 && (last > line || endCol > col) {
			r.EndColumn = endCol
		}
		loc.PhysicalLocation.Region = r
	}
	return loc, true
}

// WriteSARIF writes the report as a SARIF 2.1.0 log.
func WriteSARIF(w io.Writer, r *Report, o Options) error {
	paths := newSARIFPaths(o)
	rules, index := sarifRules(r)
	results := make([]sarifResult, 0, len(r.Findings))
	ruleFix := make(map[string]string, len(r.Rules))
	for _, ri := range r.Rules {
		ruleFix[ri.ID] = ri.Fix
	}
	waivers := make(map[string]*Waiver, len(r.Waivers))
	for i := range r.Waivers {
		waivers[r.Waivers[i].ID] = &r.Waivers[i]
	}
	for i := range r.Findings {
		res := sarifFinding(r, &r.Findings[i], index, waivers, paths)
		// A rule's help shows its usual fix; a finding whose kind is
		// fixed differently says how in its message.
		if f := &r.Findings[i]; f.Fix != "" && f.Fix != ruleFix[f.Rule] {
			res.Message.Text += "\n\nFix:\n" + strings.TrimRight(f.Fix, "\n")
		}
		results = append(results, res)
	}
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, n := range r.Notes {
		level := "warning"
		if n.Kind == "error" {
			level = "error"
			inv.ExecutionSuccessful = false
		}
		note := sarifNotification{Level: level, Message: sarifMessage{Text: n.Message},
			Properties: &sarifNoteProps{Kind: n.Kind, Component: n.Component}}
		if loc, ok := paths.location(n.File, n.Line, n.Column, 0, 0); ok {
			note.Locations = []sarifLocation{loc}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, note)
	}
	log := sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{Name: r.Tool.Name, Version: r.Tool.Version,
				InformationURI: informationURI, Rules: rules}},
			Invocations:        []sarifInvocation{inv},
			OriginalURIBaseIDs: map[string]sarifArtifactLocation{sarifRootID: paths.base()},
			// Columns in the report count characters, as the sources'
			// position-keeping parsers do.
			ColumnKind: "unicodeCodePoints",
			Results:    results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("encoding the SARIF log: %w", err)
	}
	return nil
}

// sarifRules describes the rules that appear in findings, in the report's
// order (by id), with the index each result refers to. A finding whose rule
// the report does not describe gets a rule made from the finding, so every
// ruleIndex points at its rule.
func sarifRules(r *Report) ([]sarifRule, map[string]int) {
	used := map[string]bool{}
	for i := range r.Findings {
		used[r.Findings[i].Rule] = true
	}
	index := map[string]int{}
	var out []sarifRule
	add := func(ri RuleInfo) {
		index[ri.ID] = len(out)
		out = append(out, sarifRuleOf(ri))
	}
	for _, ri := range r.Rules {
		if used[ri.ID] && !hasKey(index, ri.ID) {
			add(ri)
		}
	}
	for i := range r.Findings {
		if f := &r.Findings[i]; !hasKey(index, f.Rule) {
			add(RuleInfo{ID: f.Rule, Item: f.Item, Severity: f.Severity, Title: f.Rule, Fix: f.Fix})
		}
	}
	if out == nil {
		out = []sarifRule{}
	}
	return out, index
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}

func sarifRuleOf(ri RuleInfo) sarifRule {
	title := ri.Title
	if title == "" {
		title = ri.ID
	}
	full := ri.Why
	if full == "" {
		full = title
	}
	rule := sarifRule{
		ID:                   ri.ID,
		Name:                 ri.ID,
		ShortDescription:     sarifMessage{Text: title},
		FullDescription:      sarifMessage{Text: full},
		Help:                 sarifHelp(ri, title),
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(ri.Severity)},
		Properties: sarifRuleProps{
			// Tags are what code scanning filters by; "security" also
			// marks the rule's results as security alerts.
			Tags:     []string{string(ri.Item), ri.Severity.String()},
			Item:     string(ri.Item),
			Severity: ri.Severity.String(),
		},
	}
	if ri.Item == checklist.Security {
		rule.Properties.SecuritySeverity = securitySeverity(ri.Severity)
	}
	for _, ref := range ri.References {
		if strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "http://") {
			rule.HelpURI = ref
			break
		}
	}
	return rule
}

// sarifHelp is the rule's help: why it matters, the fix, the references,
// as plain text and as Markdown (the fix as a fenced code block).
func sarifHelp(ri RuleInfo, title string) sarifMessage {
	var text, md strings.Builder
	text.WriteString(title)
	fmt.Fprintf(&md, "**%s**", title)
	if ri.Why != "" {
		fmt.Fprintf(&text, "\n\n%s", ri.Why)
		fmt.Fprintf(&md, "\n\n%s", ri.Why)
	}
	fmt.Fprintf(&text, "\n\nChecklist item: %s. Severity: %s.", ri.Item, ri.Severity)
	fmt.Fprintf(&md, "\n\nChecklist item: **%s**. Severity: **%s**.", ri.Item, ri.Severity)
	if fix := strings.TrimRight(ri.Fix, "\n"); fix != "" {
		fmt.Fprintf(&text, "\n\nFix:\n%s", fix)
		fence := mdFence(fix)
		fmt.Fprintf(&md, "\n\n**Fix**\n\n%s%s\n%s\n%s", fence, fixLanguage(ri.ID), fix, fence)
	}
	if len(ri.References) > 0 {
		text.WriteString("\n\nReferences:")
		md.WriteString("\n\n**References**\n")
		for _, ref := range ri.References {
			fmt.Fprintf(&text, "\n- %s", ref)
			fmt.Fprintf(&md, "\n- %s", ref)
		}
	}
	fmt.Fprintf(&text, "\n\nprodgrade explain %s describes the rule.", ri.ID)
	fmt.Fprintf(&md, "\n\n`prodgrade explain %s` describes the rule.", ri.ID)
	return sarifMessage{Text: text.String(), Markdown: md.String()}
}

// fixLanguage names the language of a rule's fix snippets, from the
// platform its id begins with, for Markdown highlighting.
func fixLanguage(ruleID string) string {
	platform, _, _ := strings.Cut(ruleID, "-")
	switch platform {
	case "aws", "tf":
		return "hcl"
	case "k8s", "compose", "ansible":
		return "yaml"
	case "docker":
		return "dockerfile"
	case "packer":
		return "hcl"
	case "shell":
		return "sh"
	}
	return ""
}

func sarifFinding(r *Report, f *Finding, index map[string]int, waivers map[string]*Waiver, paths sarifPaths) sarifResult {
	res := sarifResult{
		RuleID:    f.Rule,
		RuleIndex: index[f.Rule],
		Level:     sarifLevel(f.Severity),
		Message:   sarifMessage{Text: findingText(f)},
		Properties: sarifResultProps{Status: string(f.Status), Item: string(f.Item),
			Severity: f.Severity.String(), Component: f.Component, Resource: f.Resource},
	}
	if loc, ok := paths.location(f.File, f.Line, f.Column, f.EndLine, f.EndColumn); ok {
		if f.Resource != "" {
			loc.LogicalLocations = []sarifLogicalLocation{{FullyQualifiedName: f.Resource}}
		}
		res.Locations = []sarifLocation{loc}
	}
	if f.Fingerprint != "" {
		res.PartialFingerprints = map[string]string{sarifFingerprintKey: f.Fingerprint}
	}
	switch f.Status {
	case checklist.Unknown:
		// Not a gap: something a person should settle (a value, a plan).
		res.Level = "note"
	case checklist.Fail:
		if r.Baseline != nil {
			res.BaselineState = "new"
			if f.Baselined {
				res.BaselineState = "unchanged"
			}
		}
	case checklist.Waived:
		res.Suppressions = []sarifSuppression{sarifSuppressionOf(f.Waiver, waivers[f.Waiver])}
	}
	return res
}

// findingText is a result's message: the resource, what is wrong, and for
// an unknown what could not be resolved and why.
func findingText(f *Finding) string {
	var b strings.Builder
	if f.Resource != "" {
		b.WriteString(f.Resource)
		b.WriteString(": ")
	}
	b.WriteString(f.Message)
	if f.Status == checklist.Unknown {
		if why := unresolved(f); why != "" {
			b.WriteString(" (unknown: ")
			b.WriteString(why)
			b.WriteString(")")
		} else {
			b.WriteString(" (unknown)")
		}
	}
	return b.String()
}

// sarifSuppressionOf says who accepted a waived finding and why: an inline
// suppression is "inSource", a waiver in the configuration "external".
func sarifSuppressionOf(id string, w *Waiver) sarifSuppression {
	s := sarifSuppression{Kind: "external", Status: "accepted"}
	if w == nil {
		if id != "" {
			s.Justification = "waived by " + id
			s.Properties = &sarifSuppressionProps{Waiver: id}
		}
		return s
	}
	if w.Source == "inline" {
		s.Kind = "inSource"
	}
	s.Justification = w.Reason
	if s.Justification == "" {
		s.Justification = "waived by " + w.ID
	}
	s.Properties = &sarifSuppressionProps{Waiver: w.ID, Owner: w.Owner, Expires: w.Expires, Ticket: w.Ticket}
	return s
}
