// Package checklist defines the Production-Grade Infrastructure Checklist: its
// twelve items, the verdict each component gets per item, and the score.
//
// Everything else in prodgrade produces evidence for these items; this package
// is the one place that decides what the evidence means.
package checklist

import (
	"fmt"
	"strings"
)

// Item is one entry of the checklist, identified by a stable lowercase id.
type Item string

// The twelve checklist items, in the order a report shows them.
const (
	Install      Item = "install"
	Configure    Item = "configure"
	Provision    Item = "provision"
	Deploy       Item = "deploy"
	Availability Item = "availability"
	Scalability  Item = "scalability"
	Performance  Item = "performance"
	Networking   Item = "networking"
	Security     Item = "security"
	Metrics      Item = "metrics"
	Logs         Item = "logs"
	Backup       Item = "backup"
)

// Items lists every item in report order.
var Items = []Item{Install, Configure, Provision, Deploy, Availability, Scalability,
	Performance, Networking, Security, Metrics, Logs, Backup}

var titles = map[Item]string{
	Install:      "Install",
	Configure:    "Configure",
	Provision:    "Provision",
	Deploy:       "Deploy",
	Availability: "High availability",
	Scalability:  "Scalability",
	Performance:  "Performance",
	Networking:   "Networking",
	Security:     "Security",
	Metrics:      "Metrics",
	Logs:         "Logs",
	Backup:       "Data backup",
}

// Title is the human name of the item.
func (i Item) Title() string { return titles[i] }

// Valid reports whether i is one of the twelve items.
func (i Item) Valid() bool { _, ok := titles[i]; return ok }

// ParseItem turns a user-supplied id into an Item, with an error listing the valid ids.
func ParseItem(s string) (Item, error) {
	i := Item(strings.ToLower(strings.TrimSpace(s)))
	if !i.Valid() {
		ids := make([]string, len(Items))
		for n, it := range Items {
			ids[n] = string(it)
		}
		return "", fmt.Errorf("unknown checklist item %q; use one of %s", s, strings.Join(ids, ", "))
	}
	return i, nil
}

// Severity orders how much a failing rule matters in production.
type Severity int

// Severities from advice to outage. Info never counts as a gap.
const (
	Info Severity = iota
	Low
	Medium
	High
	Critical
)

var severityNames = [...]string{"info", "low", "medium", "high", "critical"}

func (s Severity) String() string {
	if s < Info || s > Critical {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// MarshalText makes severities read as words in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity word back, so a JSON report can be decoded.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity reads a severity name such as "high" (case-insensitive).
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return Severity(i), nil
		}
	}
	return Info, fmt.Errorf("unknown severity %q; use one of %s", s, strings.Join(severityNames[:], ", "))
}

// Status is the outcome of one rule on one resource.
type Status string

// Rule outcomes. Unknown means the value the rule needs could not be resolved
// without running Terraform (a variable with no value, a data source, an
// attribute known only after apply); it is never guessed.
const (
	Pass    Status = "pass"
	Fail    Status = "fail"
	Unknown Status = "unknown"
	Waived  Status = "waived"
)

// Verdict is the state of one checklist item for one component.
type Verdict string

// Verdicts, in the order they are decided (see Decide).
const (
	Gaps       Verdict = "gaps"
	Attested   Verdict = "attested"
	Met        Verdict = "met"
	Unverified Verdict = "unverified"
	NA         Verdict = "n/a"
)

// Tally counts the results that bear on one item of one component.
type Tally struct {
	Pass, Fail, Unknown, Waived int
	// CountingFail is the number of fails with severity low or above.
	CountingFail int
	Attested     bool
}

// Add records one result.
func (t *Tally) Add(s Status, sev Severity) {
	switch s {
	case Pass:
		t.Pass++
	case Fail:
		t.Fail++
		if sev >= Low {
			t.CountingFail++
		}
	case Unknown:
		t.Unknown++
	case Waived:
		t.Waived++
	}
}

// Decide turns a tally into a verdict: gaps beat attestation, attestation beats
// a pass, a pass beats unknowns, and no evidence at all means the item does not apply.
func (t Tally) Decide() Verdict {
	switch {
	case t.CountingFail > 0:
		return Gaps
	case t.Attested:
		return Attested
	case t.Pass+t.Waived > 0:
		return Met
	case t.Unknown > 0:
		return Unverified
	case t.Fail > 0:
		// Only info-level fails: advice was given, nothing is missing.
		return Met
	default:
		return NA
	}
}

// Score is (met + attested) / (items that apply) × 100, rounded down to an
// integer. It is nil when no item applies, so "nothing to grade" never reads as 0 or 100.
func Score(v map[Item]Verdict) *int {
	applicable, good := 0, 0
	for _, it := range Items {
		switch v[it] {
		case NA, "":
			continue
		case Met, Attested:
			good++
		}
		applicable++
	}
	if applicable == 0 {
		return nil
	}
	s := good * 100 / applicable
	return &s
}
