package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-workload-replicas",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "Services run at least two replicas, or are scaled by an autoscaler",
		Why: "With one replica, every node drain, eviction, crash or rollout is an outage: there is no " +
			"other pod to take the traffic while the only one is replaced.",
		Fix: `spec:
  replicas: 2   # or more; or let a HorizontalPodAutoscaler with minReplicas: 2 own it`,
		References: []string{
			doc("concepts/workloads/controllers/deployment/"),
			"kube-score: deployment-replicas", "Polaris: deploymentMissingReplicas", "kube-linter: minimum-three-replicas",
		},
		Kinds:         serviceKinds,
		CrossResource: true,
		Check:         checkReplicas,
	})
}

func checkReplicas(c *rules.Check) {
	// An autoscaler owns the replica count; replicas in the manifest is
	// only its starting point.
	if as := referrers(c, "autoscaling/HorizontalPodAutoscaler", "keda.sh/ScaledObject"); len(as) > 0 {
		c.Pass("%s scales it", as[0].Address)
		return
	}
	v := c.R.Attrs.Get("spec.replicas")
	if !v.IsKnown() {
		c.Unknown("spec.replicas", v)
		return
	}
	n, ok := v.Number()
	switch {
	case v.IsNull():
		// replicas defaults to 1 for every controller.
		c.Fail("spec", "spec.replicas is not set, so one pod runs (the default); set replicas: 2 or more, or add a HorizontalPodAutoscaler")
	case !ok:
		c.Fail("spec.replicas", "spec.replicas is not a number")
	case n < 2:
		c.Fail("spec.replicas", "spec.replicas is %d; run at least 2, or add a HorizontalPodAutoscaler", int(n))
	default:
		c.Pass("spec.replicas is %d", int(n))
	}
}
