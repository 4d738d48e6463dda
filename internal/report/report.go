// Package report is the outcome of a scan as data — the versioned JSON model
// every output format is rendered from — and the renderers themselves.
//
// The JSON form (schema "prodgrade/report/v1", documented in
// docs/json-schema.md) is the source of truth: the text renderer reads only
// what the JSON carries, so anything a person sees can also be read by a
// program. Reports never hold attribute values, so they never hold secrets.
package report

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
)

// Schema identifies the JSON format. It changes only when a field changes
// meaning or disappears; new fields may be added within a version.
const Schema = "prodgrade/report/v1"

// Report is everything a scan found.
type Report struct {
	Schema     string      `json:"schema"`
	Tool       Tool        `json:"tool"`
	Components []Component `json:"components"`
	// Findings are the fail and unknown results, in component order, then by
	// file, line, rule and resource.
	Findings []Finding `json:"findings"`
	// Rules describes every rule that appears in Findings, sorted by id.
	Rules []RuleInfo `json:"rules"`
	// Notes are input errors and coverage gaps: errors first, then by file and line.
	Notes []Note `json:"notes"`
	// Waivers are the configured waivers and inline suppressions, each
	// with its status; Attestations the configured attestations.
	Waivers      []Waiver      `json:"waivers,omitempty"`
	Attestations []Attestation `json:"attestations,omitempty"`
	// Baseline is present when the scan was compared with a baseline.
	Baseline *Baseline `json:"baseline,omitempty"`
	Summary  Summary   `json:"summary"`
}

// Tool names the program that wrote the report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Component is one graded unit and its checklist verdicts.
type Component struct {
	Name string `json:"name"`
	Path string `json:"path"`
	// Kind says how the component was chosen, e.g. "terraform root module".
	Kind     string   `json:"kind"`
	Verdicts Verdicts `json:"verdicts"`
	// Sources says which front ends ("hcl", "plan", "state") decided each
	// item's verdict; present only when a component mixes them, as when a
	// root module is graded from its plan and the terraform block from its .tf files.
	Sources map[checklist.Item][]string `json:"sources,omitempty"`
	// Score is (met + attested) / applicable items × 100; nil when no item applies.
	Score  *int   `json:"score"`
	Counts Counts `json:"counts"`
	// Tier is the policy tier the component was judged against (from
	// configuration or --tier); "" when no policy names one.
	Tier string `json:"tier,omitempty"`
	// Owner is who owns the component, from configuration.
	Owner string `json:"owner,omitempty"`
	// Gates is, per item, the least severity of a gap that fails the
	// gate under the component's tier, or "none" for an item the tier does
	// not require (not scored either); absent without a tier, when
	// --fail-on decides for every item.
	Gates map[checklist.Item]string `json:"gates,omitempty"`
}

// Counts are the results of one component, or of the whole scan.
type Counts struct {
	Resources int `json:"resources"`
	Pass      int `json:"pass"`
	Fail      int `json:"fail"`
	Unknown   int `json:"unknown"`
	Waived    int `json:"waived"`
}

// Verdicts maps each checklist item to its verdict. It marshals with the
// items in checklist order and always holds all twelve.
type Verdicts map[checklist.Item]checklist.Verdict

// MarshalJSON writes the twelve items in checklist order; an item without a
// verdict is "n/a".
func (v Verdicts) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, it := range checklist.Items {
		if i > 0 {
			b.WriteByte(',')
		}
		vd := v[it]
		if vd == "" {
			vd = checklist.NA
		}
		fmt.Fprintf(&b, "%q:%q", it, vd)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Finding is one fail or unknown result of a rule on a resource.
type Finding struct {
	Rule     string             `json:"rule"`
	Item     checklist.Item     `json:"item"`
	Severity checklist.Severity `json:"severity"`
	// Status is "fail" or "unknown".
	Status    checklist.Status `json:"status"`
	Resource  string           `json:"resource"`
	Component string           `json:"component"`
	File      string           `json:"file"`
	Line      int              `json:"line"`
	EndLine   int              `json:"end_line,omitempty"`
	Column    int              `json:"column,omitempty"`
	EndColumn int              `json:"end_column,omitempty"`
	Message   string           `json:"message"`
	Fix       string           `json:"fix,omitempty"`
	// Expr is the expression that could not be resolved (unknown only).
	Expr string `json:"expr,omitempty"`
	// Why says why Expr could not be resolved (unknown only).
	Why string `json:"why,omitempty"`
	// Fingerprint identifies the finding across runs: it stays the same
	// when lines move or unrelated code changes (baselines, code scanning).
	Fingerprint string `json:"fingerprint,omitempty"`
	// Waiver is the ID of the waiver or inline suppression that waives a
	// "waived" finding (see Report.Waivers).
	Waiver string `json:"waiver,omitempty"`
	// Baselined marks a finding recorded in the baseline given with
	// --baseline: it is listed but does not gate.
	Baselined bool `json:"baselined,omitempty"`
}

// Waiver is one accepted gap: a waiver in configuration or an inline
// suppression comment, with what became of it in this scan.
type Waiver struct {
	// ID names the waiver in findings: where it is written, "file:line".
	ID string `json:"id"`
	// Source is "config" or "inline".
	Source string `json:"source"`
	// Rule or Item is what it waives (one of them).
	Rule string         `json:"rule,omitempty"`
	Item checklist.Item `json:"item,omitempty"`
	// Resource is a glob over resource addresses; Component a component name.
	Resource  string `json:"resource,omitempty"`
	Component string `json:"component,omitempty"`
	Reason    string `json:"reason,omitempty"`
	Owner     string `json:"owner,omitempty"`
	// Expires is the last day it waives, YYYY-MM-DD ("" for an inline
	// suppression without one).
	Expires string `json:"expires,omitempty"`
	Ticket  string `json:"ticket,omitempty"`
	// Status is "active", "expiring" (within 30 days), "expired" (no
	// longer waives: its findings gate) or "stale" (matched nothing).
	Status string `json:"status"`
	// Matched counts the results it applies to.
	Matched int `json:"matched"`
}

// Attestation is evidence, recorded in configuration, for an item no code
// can show (a load test, a restore drill).
type Attestation struct {
	Item      checklist.Item `json:"item"`
	Component string         `json:"component"`
	Evidence  string         `json:"evidence"`
	By        string         `json:"by"`
	Date      string         `json:"date"`
	Expires   string         `json:"expires"`
	// Status is "valid", "expiring" (within 30 days), "expired" (the item
	// is a gap until it is renewed) or "stale" (no component of that name
	// was graded).
	Status string `json:"status"`
}

// Baseline says how this scan compares with the baseline given with
// --baseline.
type Baseline struct {
	File string `json:"file"`
	// New counts findings not in the baseline (they gate); Known those in it.
	New   int `json:"new"`
	Known int `json:"known"`
	// Fixed are baseline entries no finding matches any more.
	Fixed []BaselineEntry `json:"fixed"`
}

// BaselineEntry is one finding recorded in a baseline file.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	Component   string `json:"component"`
	Resource    string `json:"resource"`
	File        string `json:"file"`
}

// RuleInfo describes a rule that produced findings, so renderers need no
// access to the rule registry.
type RuleInfo struct {
	ID       string             `json:"id"`
	Item     checklist.Item     `json:"item"`
	Severity checklist.Severity `json:"severity"`
	Title    string             `json:"title"`
	// Why is the production consequence of not meeting the rule (SARIF's
	// fullDescription, the explanation a reviewer reads before the fix).
	Why        string   `json:"why,omitempty"`
	Fix        string   `json:"fix"`
	References []string `json:"references,omitempty"`
}

// Note is an input error or a coverage gap.
type Note struct {
	// Kind is "error" (input that could not be read or parsed; exit code 2) or
	// "coverage" (work that could not be done, such as a module that could not
	// be expanded).
	Kind      string `json:"kind"`
	File      string `json:"file,omitempty"`
	Line      int    `json:"line,omitempty"`
	Column    int    `json:"column,omitempty"`
	Component string `json:"component,omitempty"`
	Message   string `json:"message"`
}

// Summary totals the report.
type Summary struct {
	Components int `json:"components"`
	Files      int `json:"files"`
	Counts
	// FailsBySeverity counts fail findings per severity; all five keys are present.
	FailsBySeverity map[string]int `json:"fails_by_severity"`
	// Verdicts counts component × item verdicts; all five keys are present.
	VerdictCounts map[string]int `json:"verdicts"`
	Errors        int            `json:"errors"`
	Coverage      int            `json:"coverage_notes"`
}

// New returns an empty report for a tool version, with every list non-nil so
// the JSON shows [] rather than null.
func New(version string) *Report {
	return &Report{
		Schema:     Schema,
		Tool:       Tool{Name: "prodgrade", Version: version},
		Components: []Component{},
		Findings:   []Finding{},
		Rules:      []RuleInfo{},
		Notes:      []Note{},
	}
}

// Finish computes the summary from components, findings and notes. Call it
// after the report is filled in.
func (r *Report) Finish(files int) {
	s := Summary{
		Components:      len(r.Components),
		Files:           files,
		FailsBySeverity: map[string]int{},
		VerdictCounts:   map[string]int{},
	}
	for sev := checklist.Info; sev <= checklist.Critical; sev++ {
		s.FailsBySeverity[sev.String()] = 0
	}
	for _, v := range []checklist.Verdict{checklist.Met, checklist.Gaps, checklist.Unverified, checklist.NA, checklist.Attested} {
		s.VerdictCounts[string(v)] = 0
	}
	for _, c := range r.Components {
		s.Resources += c.Counts.Resources
		s.Pass += c.Counts.Pass
		s.Fail += c.Counts.Fail
		s.Unknown += c.Counts.Unknown
		s.Waived += c.Counts.Waived
		for _, it := range checklist.Items {
			v := c.Verdicts[it]
			if v == "" {
				v = checklist.NA
			}
			s.VerdictCounts[string(v)]++
		}
	}
	for i := range r.Findings {
		if f := &r.Findings[i]; f.Status == checklist.Fail {
			s.FailsBySeverity[f.Severity.String()]++
		}
	}
	for _, n := range r.Notes {
		if n.Kind == "error" {
			s.Errors++
		} else {
			s.Coverage++
		}
	}
	r.Summary = s
}

// FailOn is the --fail-on threshold: fails at or above Min make the exit code
// 1, unless Never is set. It decides for components without a tier, and
// for every component when Set (given on the command line).
type FailOn struct {
	Min   checklist.Severity
	Never bool
	Set   bool
}

// ParseFailOn reads a --fail-on value: a severity name or "none".
func ParseFailOn(s string) (FailOn, error) {
	if strings.EqualFold(strings.TrimSpace(s), "none") {
		return FailOn{Never: true}, nil
	}
	sev, err := checklist.ParseSeverity(s)
	if err != nil {
		return FailOn{}, fmt.Errorf("invalid --fail-on %q; use one of info, low, medium, high, critical, none", s)
	}
	return FailOn{Min: sev}, nil
}

// Exit codes.
const (
	ExitOK    = 0 // no fail at or above the threshold
	ExitGaps  = 1 // at least one fail at or above the threshold
	ExitError = 2 // usage error, or an input that could not be read or parsed
)

// ExitCode is the process exit code for the report: 2 if any note is an
// error, else 1 if a fail that is not in the baseline reaches the
// threshold, else 0.
func (r *Report) ExitCode(t FailOn) int {
	for _, n := range r.Notes {
		if n.Kind == "error" {
			return ExitError
		}
	}
	gates := map[string]map[checklist.Item]string{}
	if !t.Set {
		for _, c := range r.Components {
			if c.Gates != nil {
				gates[c.Name] = c.Gates
			}
		}
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Status != checklist.Fail || f.Baselined {
			continue
		}
		th := t
		if g, ok := gates[f.Component]; ok {
			th, _ = ParseFailOn(g[f.Item]) // written by the policy: a severity or "none"
		}
		if !th.Never && f.Severity >= th.Min {
			return ExitGaps
		}
	}
	return ExitOK
}
