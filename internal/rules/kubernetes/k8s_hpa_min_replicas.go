package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-hpa-min-replicas",
		Item:     checklist.Availability,
		Severity: checklist.Medium,
		Title:    "Autoscalers keep at least two replicas",
		Why: "An HPA allowed down to one replica turns every quiet hour into a single point of failure: " +
			"the one pod's crash, eviction or node drain is an outage until a new pod is ready.",
		Fix: `spec:
  minReplicas: 2`,
		References: []string{
			doc("tasks/run-application/horizontal-pod-autoscale/"),
			"kube-score: horizontalpodautoscaler-replicas", "kube-linter: hpa-minimum-three-replicas",
			"Polaris: hpaMinAvailability",
		},
		// A KEDA ScaledObject that scales to zero does so by design (an
		// idle queue consumer); only HPAs are held to a floor.
		Kinds: []string{kindHPA},
		Params: []rules.Param{{Name: "min_replicas", Default: 2,
			Doc: "the fewest replicas an HPA may scale down to; 2 survives the loss of one pod (kube-linter asks for 3)"}},
		Check: func(c *rules.Check) {
			if checkHPAMin(c) {
				n, _ := c.R.Attrs.Get("spec.minReplicas").Number()
				c.Pass("spec.minReplicas is %d", int(n))
			}
		},
	})
}

// checkHPAMin checks that an HPA keeps enough replicas; minReplicas
// defaults to 1.
func checkHPAMin(c *rules.Check) bool {
	want := int(c.Param("min_replicas"))
	v := c.R.Attrs.Get("spec.minReplicas")
	if !v.IsKnown() {
		c.Unknown("spec.minReplicas", v)
		return false
	}
	n, isNum := v.Number()
	switch {
	case v.IsNull():
		c.Fail("spec", "spec.minReplicas is not set, so the HPA may scale down to one replica (the default); set minReplicas: %d", want)
		return false
	case !isNum:
		c.Fail("spec.minReplicas", "spec.minReplicas is not a number")
		return false
	case int(n) < want:
		c.Fail("spec.minReplicas", "spec.minReplicas is %d; keep at least %d so that losing one pod is not an outage", int(n), want)
		return false
	}
	return true
}
