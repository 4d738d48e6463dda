package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-deployment-replicas-with-hpa",
		Item:     checklist.Scalability,
		Severity: checklist.Medium,
		Title:    "Workloads an autoscaler owns leave replicas to it",
		Why: "When a HorizontalPodAutoscaler scales a Deployment whose manifest also sets spec.replicas, every " +
			"apply of the manifest resets the count to that number: a deploy during a traffic peak scales the " +
			"service down at the worst moment, until the autoscaler catches up.",
		Fix: `spec:
  # replicas: 3   # remove: the HorizontalPodAutoscaler owns the count
  selector: …`,
		References: []string{
			doc("tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling"),
			"kube-score: deployment-targeted-by-hpa-does-not-have-replicas-configured",
		},
		Kinds:         []string{"apps/Deployment", "apps/StatefulSet", "argoproj.io/Rollout"},
		CrossResource: true,
		Check: func(c *rules.Check) {
			hpas := referrers(c, "autoscaling/HorizontalPodAutoscaler", "keda.sh/ScaledObject")
			if len(hpas) == 0 {
				return // not autoscaled: replicas is the rule's concern elsewhere
			}
			v := c.R.Attrs.Get("spec.replicas")
			switch {
			case !v.IsKnown():
				c.Unknown("spec.replicas", v)
			case v.IsNull():
				c.Pass("spec.replicas is left to %s", hpas[0].Address)
			default:
				c.Fail("spec.replicas", "spec.replicas is set although %s scales this workload: every apply resets the count; remove replicas from the manifest", hpas[0].Address)
			}
		},
	})
}
