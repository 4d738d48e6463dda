// Package policy is the step between rules and verdicts: what a team has
// decided "production grade" means for its components. Rules say what the
// code does; policy says what counts: which rules run and how severe they
// are (rule settings), what a component's tier requires, which gaps are
// accepted and until when (waivers), and what evidence no code can show
// (attestations). It reads the configuration file (.prodgrade.yaml, see
// config.go) and keeps scan's flow rules → policy → verdicts → report.
package policy

import (
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/policy/inline"
	"github.com/prodgrade/prodgrade/internal/report"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// Expiring is how long before its end a waiver or an attestation is
// reported as expiring, so someone renews it before the gate fails.
const Expiring = 30 * 24 * time.Hour

// Policy is the policy of one scan. The zero Policy changes nothing. It is
// safe for concurrent use once built: components are judged in parallel.
type Policy struct {
	// Params set rule parameters for this run (the configuration's are
	// merged in by New).
	Params rules.Params
	// Custom are a team's own rules for this run (internal/policy/custom),
	// run beside the registered ones.
	Custom []*rules.Rule
	// Config is the configuration file's content; nil without one.
	Config *Config
	// Tier, when set, is the tier of every component (scan --tier).
	Tier string
	// Today is the day waivers and attestations are judged on.
	Today time.Time

	// severity holds a copy of each rule whose severity is overridden.
	severity map[string]*rules.Rule

	// inline finds suppression comments and annotations in scanned files
	// (set by Start).
	inline *inline.Index

	mu sync.Mutex
	// used counts the results each waiver matched, for the report;
	// attested the components each attestation applied to.
	used     map[*Waiver]int
	attested map[*Attestation]int
}

// New makes the policy of a scan from a configuration (nil for none).
// tier, when not "", is the tier of every component; it must exist in the
// configuration.
func New(cfg *Config, tier string, today time.Time, params rules.Params) (*Policy, error) {
	p := &Policy{Config: cfg, Tier: tier, Today: today, Params: rules.Params{}, severity: map[string]*rules.Rule{},
		used: map[*Waiver]int{}, attested: map[*Attestation]int{}}
	if tier != "" && (cfg == nil || cfg.Tiers[tier] == nil) {
		defined := "no configuration file defines tiers"
		if cfg != nil {
			defined = cfg.File + " defines: " + names(cfg.Tiers)
		}
		return nil, fmt.Errorf("--tier %s: no such tier (%s)", tier, defined)
	}
	if cfg != nil {
		for id, s := range cfg.Rules {
			if len(s.Params) > 0 {
				p.Params[id] = s.Params
			}
		}
	}
	for id, ps := range params { // the caller's win over the file's
		if p.Params[id] == nil {
			p.Params[id] = map[string]float64{}
		}
		for k, v := range ps {
			p.Params[id][k] = v
		}
	}
	return p, nil
}

// Start readies the policy for a scan whose files are read with read (the
// scan's confined reader): inline suppressions are found in them. Custom
// must be set by then.
func (p *Policy) Start(read func(path string) ([]byte, error)) {
	if p.Today.IsZero() {
		p.Today = Today()
	}
	p.inline = inline.New(read, p.Today, p.Custom...)
	if p.Config == nil {
		return
	}
	for id, s := range p.Config.Rules {
		if !s.HasSeverity {
			continue
		}
		r := rules.Lookup(id)
		if i := slices.IndexFunc(p.Custom, func(c *rules.Rule) bool { return c.ID == id }); i >= 0 {
			r = p.Custom[i]
		}
		if r != nil {
			c := *r
			c.Severity = s.Severity
			p.severity[id] = &c
		}
	}
}

// CheckRuleIDs reports the rule ids the configuration names (in rules and
// waivers) that are neither built in nor among the custom rules: Load lets
// through ids that could be custom, to be checked once those are loaded.
func (p *Policy) CheckRuleIDs() error {
	if p.Config == nil {
		return nil
	}
	known := func(id string) bool {
		return rules.Lookup(id) != nil || slices.ContainsFunc(p.Custom, func(c *rules.Rule) bool { return c.ID == id })
	}
	var errs Errors
	for id, s := range p.Config.Rules {
		if !known(id) {
			errs = append(errs, &Error{File: p.Config.File, Line: s.Line, Msg: fmt.Sprintf("rule %q is neither built in (prodgrade rules lists them) nor a custom rule of the policy directories", id)})
		}
	}
	for _, w := range p.Config.Waivers {
		if w.Rule != "" && !known(w.Rule) {
			errs = append(errs, &Error{File: p.Config.File, Line: w.Line, Msg: fmt.Sprintf("rule %q is neither built in nor a custom rule of the policy directories", w.Rule)})
		}
	}
	if len(errs) == 0 {
		return nil
	}
	slices.SortFunc(errs, func(a, b *Error) int { return a.Line - b.Line })
	return errs
}

// Today is the local calendar day, as a date in UTC (how configuration
// dates are parsed), so a waiver ending today still waives today.
func Today() time.Time {
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Notes are what the policy has to say about the scan's inputs: inline
// suppressions that name no rule, or that suppress nothing.
func (p *Policy) Notes() []infra.Note {
	if p == nil || p.inline == nil {
		return nil
	}
	return p.inline.Notes()
}

// Suppressions reports every inline suppression found, as report waivers.
// Call it after every component was judged.
func (p *Policy) Suppressions() []report.Waiver {
	if p == nil || p.inline == nil {
		return nil
	}
	var out []report.Waiver
	for _, d := range p.inline.Directives() {
		out = append(out, d.Waiver(p.Today))
	}
	return out
}

// RuleOptions are the options the rules run with under this policy.
func (p *Policy) RuleOptions() rules.Options {
	opt := rules.Options{Params: p.Params, Extra: p.Custom}
	if p.Config != nil {
		opt.Skip = func(r *rules.Rule) bool {
			s := p.Config.Rules[r.ID]
			return s != nil && s.Disabled
		}
	}
	return opt
}

// Judged is one component's results as the policy judges them, and what
// the policy says of the component.
type Judged struct {
	Results []rules.Result
	// WaivedBy names the waiver of each waived result, by index in Results.
	WaivedBy map[int]string
	Tier     string
	Owner    string
	// Gates is, per item, the least severity of a gap that fails the gate
	// ("none" for an item the tier does not require); nil without a tier.
	Gates map[checklist.Item]string
	// Attested are the items with an attestation that has not expired.
	Attested map[checklist.Item]bool
}

// waive marks the i-th result waived by the waiver or suppression id.
func (j *Judged) waive(i int, x *rules.Result, id string) {
	x.Status = checklist.Waived
	if j.WaivedBy == nil {
		j.WaivedBy = map[int]string{}
	}
	j.WaivedBy[i] = id
}

// Apply judges a component's results: severity overrides, waivers (an
// expired one no longer waives, and its finding says so and names the
// owner), the component's tier and owner, and its attestations (an expired
// one is a gap of its own).
func (p *Policy) Apply(c *infra.Component, results []rules.Result) Judged {
	j := Judged{Results: results}
	if p == nil {
		return j
	}
	for i := range results {
		if r := p.severity[results[i].Rule.ID]; r != nil {
			results[i].Rule = r
		}
	}
	cfg := p.Config
	var comp *Component
	if cfg != nil {
		comp = cfg.component(c.Name)
	}
	tier := p.Tier
	if comp != nil {
		j.Owner = comp.Owner
		if tier == "" {
			tier = comp.Tier
		}
	}
	if tier == "" && cfg != nil {
		tier = cfg.Tier
	}
	if t := p.tier(tier); t != nil {
		j.Tier = tier
		j.Gates = map[checklist.Item]string{}
		for _, it := range checklist.Items {
			j.Gates[it], _ = t.Gate(it)
		}
	}
	if p.inline != nil {
		p.inline.Load(c)
		for i := range results {
			x := &results[i]
			d := p.inline.Match(*x)
			switch {
			case d == nil:
			case d.Expired(p.Today):
				if x.Status == checklist.Fail {
					x.Message += " (" + d.ExpiredMessage() + ")"
				}
			default:
				j.waive(i, x, d.ID())
			}
		}
	}
	if cfg == nil {
		return j
	}
	for i := range results {
		x := &results[i]
		if x.Status != checklist.Fail && x.Status != checklist.Unknown {
			continue
		}
		for _, w := range cfg.Waivers {
			if !w.matches(cfg, c.Name, x) {
				continue
			}
			p.mu.Lock()
			p.used[w]++
			p.mu.Unlock()
			if p.Today.After(w.Expires) {
				if x.Status == checklist.Fail {
					x.Message += fmt.Sprintf(" (the waiver at %s by %s expired on %s: renew it or fix this)",
						w.ID(cfg.File), w.Owner, w.Expires.Format(time.DateOnly))
				}
				break
			}
			j.waive(i, x, w.ID(cfg.File))
			break
		}
	}
	for _, a := range cfg.Attestations {
		if !Matches(a.Component, c.Name) {
			continue
		}
		p.mu.Lock()
		p.attested[a]++
		p.mu.Unlock()
		if !p.Today.After(a.Expires) {
			if j.Attested == nil {
				j.Attested = map[checklist.Item]bool{}
			}
			j.Attested[a.Item] = true
			continue
		}
		j.Results = append(j.Results, p.expired(a, c))
	}
	return j
}

// attestationRule is the rule an expired attestation fails: evidence that
// lapsed is a gap until someone renews it.
var attestationRule = &rules.Rule{
	ID:       "policy-attestation-current",
	Severity: checklist.Medium,
	Title:    "Attested evidence is current",
	Why:      "An attestation stands for evidence no code shows, such as a load test or a restore drill; once it expires, nobody has shown that the item still holds.",
	Fix:      "Repeat the exercise, then record it: prodgrade attest --item ITEM --component NAME --evidence LINK --by WHO",
}

func (p *Policy) expired(a *Attestation, c *infra.Component) rules.Result {
	r := *attestationRule
	r.Item = a.Item
	loc := infra.Location{File: p.Config.File, Pos: infra.Pos{Line: int32(a.Line), EndLine: int32(a.Line)}}
	res := &infra.Resource{Kind: "prodgrade/attestation", Address: "attestation/" + string(a.Item), Name: string(a.Item), Loc: loc}
	return rules.Result{Rule: &r, Resource: res, Status: checklist.Fail, Loc: loc,
		Message: fmt.Sprintf("the %s attestation for %s (by %s, evidence %s) expired on %s; renew it", a.Item, c.Name, a.By, a.Evidence, a.Expires.Format(time.DateOnly))}
}

func (p *Policy) tier(name string) *Tier {
	if name == "" || p.Config == nil {
		return nil
	}
	return p.Config.Tiers[name]
}

// matches tells whether the waiver covers a result of the named component.
func (w *Waiver) matches(cfg *Config, component string, x *rules.Result) bool {
	if w.Rule != "" && w.Rule != x.Rule.ID || w.Item != "" && w.Item != x.Rule.Item {
		return false
	}
	if w.Component != "" {
		if !Matches(w.Component, component) {
			return false
		}
	}
	if w.Resource != "" {
		if !Matches(w.Resource, x.Resource.Address) {
			return false
		}
	}
	if w.File != "" {
		rel := cfg.Rel(x.Loc.File)
		if rel == "" || !globMatch(w.File, rel) {
			return false
		}
	}
	return true
}

// component is the configured component of that name, if any.
func (c *Config) component(name string) *Component {
	i := slices.IndexFunc(c.Components, func(x *Component) bool { return x.Name == name })
	if i < 0 {
		return nil
	}
	return c.Components[i]
}

// WaiverStatus is what became of one configured waiver in the scan.
type WaiverStatus struct {
	Waiver *Waiver
	// Status is "active", "expiring", "expired" or "stale".
	Status  string
	Matched int
}

// Waivers reports every configured waiver's status, in file order. Call
// it after every component was judged.
func (p *Policy) Waivers() []WaiverStatus {
	if p == nil || p.Config == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []WaiverStatus
	for _, w := range p.Config.Waivers {
		n := p.used[w]
		out = append(out, WaiverStatus{Waiver: w, Status: Status(p.Today, w.Expires, n > 0), Matched: n})
	}
	return out
}

// Status words the state of something that expires, as of today:
// "expired" after its last day, "expiring" within Expiring of it, else
// "active" — or "stale" when it is still in force but applied to nothing.
func Status(today, expires time.Time, used bool) string {
	switch {
	case today.After(expires):
		return "expired"
	case !used:
		return "stale"
	case expires.Sub(today) < Expiring:
		return "expiring"
	}
	return "active"
}

// AttestationStatus is what one configured attestation counts for today.
type AttestationStatus struct {
	Attestation *Attestation
	// Status is "valid", "expiring", "expired" or "stale" (no component
	// of that name was graded).
	Status string
}

// Attestations reports every configured attestation's status, in file order.
func (p *Policy) Attestations() []AttestationStatus {
	if p == nil || p.Config == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []AttestationStatus
	for _, a := range p.Config.Attestations {
		s := Status(p.Today, a.Expires, p.attested[a] > 0)
		if s == "active" {
			s = "valid"
		}
		out = append(out, AttestationStatus{Attestation: a, Status: s})
	}
	return out
}
