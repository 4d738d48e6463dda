package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-deployment-surge",
		Item:     checklist.Deploy,
		Severity: checklist.High,
		Title:    "Rolling updates may either add or remove a pod (maxSurge and maxUnavailable not both 0)",
		Why: "A rolling update replaces pods by starting extra ones (maxSurge) or stopping some first " +
			"(maxUnavailable). With both at 0 it can do neither, so the API server refuses the Deployment and " +
			"the deploy fails. It usually comes from setting maxUnavailable: 0 for safety and maxSurge: 0 to " +
			"save capacity in the same edit.",
		Fix: `strategy:
  rollingUpdate:
    maxUnavailable: 0
    maxSurge: 1          # at least one of the two above 0`,
		References: []string{doc("concepts/workloads/controllers/deployment/#max-surge")},
		Kinds:      []string{"apps/Deployment"},
		Check: func(c *rules.Check) {
			ru := c.R.Attrs.Get("spec.strategy.rollingUpdate")
			if !ru.IsKnown() {
				c.Unknown("spec.strategy.rollingUpdate", ru)
				return
			}
			if t := str(c.R.Attrs.Get("spec.strategy.type")); t != "" && t != "RollingUpdate" {
				return
			}
			surge, unavail := ru.Get("maxSurge"), ru.Get("maxUnavailable")
			if !surge.IsKnown() {
				c.Unknown("spec.strategy.rollingUpdate.maxSurge", surge)
				return
			}
			if !unavail.IsKnown() {
				c.Unknown("spec.strategy.rollingUpdate.maxUnavailable", unavail)
				return
			}
			if isZero(surge) && isZero(unavail) {
				c.Fail("spec.strategy.rollingUpdate", "maxSurge and maxUnavailable are both 0, so a rollout can neither add nor remove a pod and the API server refuses the Deployment; set maxSurge: 1")
				return
			}
			c.Pass("a rolling update can replace pods")
		},
	})
}

// isZero reports an IntOrString set to 0 or "0%"; an unset one takes its
// default (25%), which is not zero.
func isZero(v infra.Value) bool {
	n, _, ok := intOrPercent(v)
	return ok && n == 0
}
