package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pdb-unhealthy-eviction",
		Item:     checklist.Availability,
		Severity: checklist.Low,
		Title:    "PodDisruptionBudgets let broken pods be evicted (unhealthyPodEvictionPolicy: AlwaysAllow)",
		Why: "By default a budget protects pods that are running but not ready, such as a pod in a crash loop: " +
			"when the budget is already used up by them, a node drain waits forever on a pod that serves nothing, " +
			"and cluster upgrades and autoscaler scale-downs stall. AlwaysAllow lets such pods be evicted while " +
			"the ready ones stay protected.",
		Fix: `spec:
  unhealthyPodEvictionPolicy: AlwaysAllow   # Kubernetes 1.27+, GA in 1.31`,
		References: []string{
			doc("tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy"),
			"kube-linter: pdb-unhealthy-pod-eviction-policy",
		},
		Kinds: []string{kindPDB},
		Check: func(c *rules.Check) {
			v := c.R.Attrs.Get("spec.unhealthyPodEvictionPolicy")
			switch p := str(v); {
			case !v.IsKnown():
				c.Unknown("spec.unhealthyPodEvictionPolicy", v)
			case p == "AlwaysAllow":
				c.Pass("pods that are not ready may always be evicted")
			case p == "IfHealthyBudget":
				// Written out, the default is a choice: some stateful
				// workloads must not lose a recovering member.
				c.Pass("unhealthyPodEvictionPolicy is set to IfHealthyBudget on purpose")
			case p == "":
				failNear(c, "spec.unhealthyPodEvictionPolicy", "unhealthyPodEvictionPolicy is not set, so a pod stuck not ready can block node drains once the budget is used up; set AlwaysAllow")
			default:
				c.Fail("spec.unhealthyPodEvictionPolicy", "unhealthyPodEvictionPolicy %q is neither AlwaysAllow nor IfHealthyBudget", p)
			}
		},
	})
}
