// Package policy is the step between rules and verdicts: what a team has
// decided "production grade" means for its components. Rules say what the
// code does; policy says what counts. Today it carries rule parameters; the
// configuration file (tiers, waivers with owners and expiry, baselines,
// inline suppressions, attestations) lands here, so that scan's flow stays
// rules → policy → verdicts → report.
package policy

import (
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// Policy is the policy of one scan. The zero Policy changes nothing.
type Policy struct {
	// Params set rule parameters (thresholds) for this run.
	Params rules.Params
	// Custom are a team's own rules for this run (internal/policy/custom),
	// run beside the registered ones.
	Custom []*rules.Rule
}

// RuleOptions are the options the rules run with under this policy.
func (p *Policy) RuleOptions() rules.Options {
	return rules.Options{Params: p.Params, Extra: p.Custom}
}

// Apply returns a component's results as policy judges them. No waiver,
// suppression or attestation exists yet, so every result stands as the
// rules recorded it.
func (p *Policy) Apply(_ *infra.Component, results []rules.Result) []rules.Result {
	return results
}
