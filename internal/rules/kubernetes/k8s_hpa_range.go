package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-hpa-range",
		Item:     checklist.Scalability,
		Severity: checklist.Medium,
		Title:    "Autoscalers have room to scale (maxReplicas above minReplicas)",
		Why: "An autoscaler whose maxReplicas is not above its minReplicas cannot add a single pod: the service " +
			"looks autoscaled in review, yet a traffic peak meets a fixed fleet. It usually comes from a value " +
			"raised in one place (minReplicas for availability) and not the other.",
		Fix: `spec:
  minReplicas: 2
  maxReplicas: 10   # above minReplicas, sized for the peak you expect`,
		References: []string{doc("tasks/run-application/horizontal-pod-autoscale/")},
		Kinds:      []string{kindHPA},
		Check:      checkHPARange,
	})
}

func checkHPARange(c *rules.Check) {
	minV, maxV := c.R.Attrs.Get("spec.minReplicas"), c.R.Attrs.Get("spec.maxReplicas")
	if !minV.IsKnown() {
		c.Unknown("spec.minReplicas", minV)
		return
	}
	if !maxV.IsKnown() {
		c.Unknown("spec.maxReplicas", maxV)
		return
	}
	lo := 1.0 // minReplicas defaults to 1
	if n, ok := minV.Number(); ok {
		lo = n
	}
	hi, ok := maxV.Number()
	switch {
	case !ok:
		failNear(c, "spec.maxReplicas", "the autoscaler has no maxReplicas, which it requires; set one above minReplicas")
	case hi <= lo:
		c.Fail("spec.maxReplicas", "maxReplicas (%d) is not above minReplicas (%d), so the autoscaler can never add a pod; raise maxReplicas", int(hi), int(lo))
	default:
		c.Pass("it may scale from %d to %d replicas", int(lo), int(hi))
	}
}
