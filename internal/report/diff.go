package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
)

// DiffSchema identifies the JSON form of a comparison of two reports
// (docs/formats.md). Like Schema, it changes only when a field changes
// meaning or disappears.
const DiffSchema = "prodgrade/diff/v1"

// Ways findings are matched across two reports.
const (
	// MatchFingerprint matches findings by their fingerprint, which stays
	// the same when lines move or unrelated code changes.
	MatchFingerprint = "fingerprint"
	// MatchContent matches them by rule, component, resource, file and
	// message: the fallback for reports written before fingerprints.
	MatchContent = "content"
)

// Diff is what changed between two reports of the same code base: findings
// new, fixed and changed, and verdicts and scores per component.
type Diff struct {
	Schema string     `json:"schema"`
	Old    DiffSource `json:"old"`
	New    DiffSource `json:"new"`
	// MatchedBy is MatchFingerprint, or MatchContent when a report has
	// findings without a fingerprint; Note then says what that costs.
	MatchedBy string `json:"matched_by"`
	Note      string `json:"note,omitempty"`
	// Added are the findings of the new report that match none of the
	// old one (in the new report's order); Fixed those of the old report
	// that match none of the new one (in the old report's order).
	Added []Finding `json:"new_findings"`
	Fixed []Finding `json:"fixed_findings"`
	// Changed are findings in both whose status, severity or message differ.
	Changed []FindingChange `json:"changed_findings"`
	// Components lists the components added, removed, or with a verdict or
	// score changed: the new report's in its order, then the removed ones.
	Components []ComponentChange `json:"components"`
	Summary    DiffSummary       `json:"summary"`
}

// DiffSource names one of the two reports compared.
type DiffSource struct {
	File    string `json:"file"`
	Version string `json:"version"`
}

// FindingChange is one finding in both reports that changed.
type FindingChange struct {
	// Fields are the fields that differ: "status", "severity", "message".
	Fields []string `json:"fields"`
	Old    Finding  `json:"old"`
	New    Finding  `json:"new"`
}

// ComponentChange is a component added, removed, or re-graded.
type ComponentChange struct {
	Name string `json:"name"`
	// Change is "added", "removed" or "changed".
	Change   string          `json:"change"`
	OldScore *int            `json:"old_score"`
	NewScore *int            `json:"new_score"`
	Verdicts []VerdictChange `json:"verdicts,omitempty"`
}

// VerdictChange is one checklist item whose verdict changed.
type VerdictChange struct {
	Item checklist.Item    `json:"item"`
	Old  checklist.Verdict `json:"old"`
	New  checklist.Verdict `json:"new"`
}

// DiffSummary totals a diff.
type DiffSummary struct {
	New     int `json:"new"`
	Fixed   int `json:"fixed"`
	Changed int `json:"changed"`
	// NewFails counts the new findings that fail and the changed ones that
	// fail now but did not before: the ones that gate.
	NewFails          int `json:"new_fails"`
	ComponentsChanged int `json:"components_changed"`
}

// ExitCode is 1 when something fails that did not before, else 0.
func (d *Diff) ExitCode() int {
	if d.Summary.NewFails > 0 {
		return ExitGaps
	}
	return ExitOK
}

// ReadJSON reads a JSON report written by prodgrade scan --format json,
// refusing anything else: a file that is not JSON, JSON that is not a
// prodgrade report, or a report of another major version of the format,
// whose fields may mean something else. name is the file, for messages.
func ReadJSON(data []byte, name string) (*Report, error) {
	var head struct {
		Schema *string `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%s is not a JSON report: %v; give a report written by prodgrade scan --format json", name, err)
	}
	const family = "prodgrade/report/"
	switch {
	case head.Schema == nil || !strings.HasPrefix(*head.Schema, family):
		schema := "none"
		if head.Schema != nil {
			schema = fmt.Sprintf("%q", *head.Schema)
		}
		return nil, fmt.Errorf("%s is not a prodgrade report (its schema is %s, not %s); give a report written by prodgrade scan --format json", name, schema, Schema)
	case *head.Schema != Schema:
		return nil, fmt.Errorf("%s is a %s report; this prodgrade reads %s: compare reports written by versions of prodgrade that share it", name, *head.Schema, Schema)
	}
	var r Report
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("%s is not a valid %s report: %v", name, Schema, err)
	}
	return &r, nil
}

// Compare compares two reports of the same code base, old and new, named
// by their files.
func Compare(old, new *Report, oldFile, newFile string) *Diff {
	d := &Diff{
		Schema:     DiffSchema,
		Old:        DiffSource{File: oldFile, Version: old.Tool.Version},
		New:        DiffSource{File: newFile, Version: new.Tool.Version},
		MatchedBy:  MatchFingerprint,
		Added:      []Finding{},
		Fixed:      []Finding{},
		Changed:    []FindingChange{},
		Components: []ComponentChange{},
	}
	key := fingerprintKey
	if missing := withoutFingerprint(old, oldFile, withoutFingerprint(new, newFile, nil)); len(missing) > 0 {
		d.MatchedBy = MatchContent
		key = contentKey
		d.Note = strings.Join(missing, " and ") + " without a fingerprint (written before fingerprints existed), so findings are matched by rule, component, resource, file and message: a finding whose message changed shows as fixed and new"
	}
	// Several findings may share a key (one per container of a pod with
	// a repeated name, say): they are matched in order.
	olds := map[string][]int{}
	for i := range old.Findings {
		k := key(&old.Findings[i])
		olds[k] = append(olds[k], i)
	}
	matched := make([]bool, len(old.Findings))
	for i := range new.Findings {
		nf := &new.Findings[i]
		k := key(nf)
		cands := olds[k]
		if len(cands) == 0 {
			d.Added = append(d.Added, *nf)
			if nf.Status == checklist.Fail {
				d.Summary.NewFails++
			}
			continue
		}
		olds[k] = cands[1:]
		matched[cands[0]] = true
		of := &old.Findings[cands[0]]
		var fields []string
		if of.Status != nf.Status {
			fields = append(fields, "status")
		}
		if of.Severity != nf.Severity {
			fields = append(fields, "severity")
		}
		if of.Message != nf.Message {
			fields = append(fields, "message")
		}
		if len(fields) > 0 {
			d.Changed = append(d.Changed, FindingChange{Fields: fields, Old: *of, New: *nf})
			if nf.Status == checklist.Fail && of.Status != checklist.Fail {
				d.Summary.NewFails++
			}
		}
	}
	for i := range old.Findings {
		if !matched[i] {
			d.Fixed = append(d.Fixed, old.Findings[i])
		}
	}
	d.Components = compareComponents(old.Components, new.Components)
	d.Summary.New, d.Summary.Fixed, d.Summary.Changed = len(d.Added), len(d.Fixed), len(d.Changed)
	d.Summary.ComponentsChanged = len(d.Components)
	return d
}

// withoutFingerprint adds file to names when a finding of r has no
// fingerprint.
func withoutFingerprint(r *Report, file string, names []string) []string {
	for i := range r.Findings {
		if r.Findings[i].Fingerprint == "" {
			return append(names, file+" has findings")
		}
	}
	return names
}

func fingerprintKey(f *Finding) string { return f.Fingerprint }

func contentKey(f *Finding) string {
	return strings.Join([]string{f.Rule, f.Component, f.Resource, f.File, f.Message}, "\x00")
}

func compareComponents(old, new []Component) []ComponentChange {
	byName := make(map[string]*Component, len(old))
	for i := range old {
		byName[old[i].Name] = &old[i]
	}
	seen := map[string]bool{}
	changes := []ComponentChange{}
	for i := range new {
		nc := &new[i]
		seen[nc.Name] = true
		oc := byName[nc.Name]
		if oc == nil {
			changes = append(changes, ComponentChange{Name: nc.Name, Change: "added", NewScore: nc.Score})
			continue
		}
		c := ComponentChange{Name: nc.Name, Change: "changed", OldScore: oc.Score, NewScore: nc.Score}
		for _, it := range checklist.Items {
			ov, nv := verdictOf(oc, it), verdictOf(nc, it)
			if ov != nv {
				c.Verdicts = append(c.Verdicts, VerdictChange{Item: it, Old: ov, New: nv})
			}
		}
		if len(c.Verdicts) > 0 || !sameScore(oc.Score, nc.Score) {
			changes = append(changes, c)
		}
	}
	for i := range old {
		if oc := &old[i]; !seen[oc.Name] {
			seen[oc.Name] = true
			changes = append(changes, ComponentChange{Name: oc.Name, Change: "removed", OldScore: oc.Score})
		}
	}
	return changes
}

func verdictOf(c *Component, it checklist.Item) checklist.Verdict {
	if v := c.Verdicts[it]; v != "" {
		return v
	}
	return checklist.NA
}

func sameScore(a, b *int) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}
