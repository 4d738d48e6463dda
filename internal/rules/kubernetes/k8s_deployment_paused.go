package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-deployment-paused",
		Item:     checklist.Deploy,
		Severity: checklist.Medium,
		Title:    "Deployments are not committed paused",
		Why: "A paused Deployment ignores changes to its pod template: the manifest is applied, the deploy tool " +
			"reports success, and the old pods keep running the old version. Pausing is a tool for batching edits " +
			"by hand, not a state to keep in the source of truth.",
		Fix: `spec:
  paused: false   # or leave it out`,
		References: []string{doc("concepts/workloads/controllers/deployment/#pausing-and-resuming-a-deployment")},
		Kinds:      []string{"apps/Deployment", "argoproj.io/Rollout"},
		Check: func(c *rules.Check) {
			v := c.R.Attrs.Get("spec.paused")
			b, isBool := v.Bool()
			switch {
			case !v.IsKnown():
				c.Unknown("spec.paused", v)
			case isBool && b:
				c.Fail("spec.paused", "the %s is paused, so changes to its pods are never rolled out; remove spec.paused", short(c.R.Kind))
			default:
				c.Pass("the %s rolls out changes as they are applied", short(c.R.Kind))
			}
		},
	})
}
