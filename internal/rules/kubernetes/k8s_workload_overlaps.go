package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

// Three rules about two objects claiming what only one may: two budgets
// for one pod, two autoscalers for one workload, two controllers for one
// set of pods.
func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pdb-overlap",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "Each pod is covered by at most one PodDisruptionBudget",
		Why: "The eviction API refuses to evict a pod that more than one PodDisruptionBudget selects: it cannot " +
			"tell which budget applies. Every node drain, cluster upgrade and autoscaler scale-down then waits on " +
			"those pods until someone deletes a budget by hand.",
		Fix: `# Keep one PodDisruptionBudget per workload, with a selector that matches
# only that workload's pods.`,
		References:    []string{doc("tasks/run-application/configure-pdb/#arbitrary-controllers-and-selectors")},
		Kinds:         serviceKinds,
		CrossResource: true,
		Check: func(c *rules.Check) {
			pdbs := referrers(c, kindPDB)
			switch {
			case len(pdbs) > 1:
				c.Fail("", "%s all select the pods of %s, so the eviction API refuses to evict them and node drains block; keep one budget per workload", addresses(pdbs), c.R.Address)
			case len(pdbs) == 1:
				c.Pass("one budget, %s, covers its pods", pdbs[0].Address)
			}
		},
	})
	rules.Register(&rules.Rule{
		ID:       "k8s-hpa-overlap",
		Item:     checklist.Scalability,
		Severity: checklist.High,
		Title:    "Each workload is scaled by one autoscaler",
		Why: "Two HorizontalPodAutoscalers, or an HPA and a KEDA ScaledObject (which makes an HPA of its own), " +
			"that target one workload each set its replicas from their own metrics: the count flaps between " +
			"their answers, pods start and stop for nothing, and neither scales as intended.",
		Fix: `# One HorizontalPodAutoscaler (or one ScaledObject) per workload; put all
# the metrics it should follow into that one.`,
		References:    []string{doc("tasks/run-application/horizontal-pod-autoscale/#support-for-multiple-metrics")},
		Kinds:         serviceKinds,
		CrossResource: true,
		Check: func(c *rules.Check) {
			as := autoscalers(c.Graph, c.R)
			switch {
			case len(as) > 1:
				c.Fail("", "%s all scale %s, and each sets its replicas from its own metrics; merge them into one autoscaler", addresses(as), c.R.Address)
			case len(as) == 1:
				c.Pass("one autoscaler, %s, scales it", as[0].Address)
			}
		},
	})
	rules.Register(&rules.Rule{
		ID:       "k8s-workload-selector-overlap",
		Item:     checklist.Deploy,
		Severity: checklist.High,
		Title:    "No two controllers select the same pods",
		Why: "A controller adopts every pod its selector matches that no other controller owns, and counts it as " +
			"its own. Two workloads whose selectors overlap, or a bare Pod with a workload's labels, end up with " +
			"pods adopted by the wrong one: replica counts are off, a rollout deletes the other's pods, and a " +
			"scale-down removes pods that were not its to remove.",
		Fix: `# Give each workload a label the others do not have, and select on it:
selector:
  matchLabels: {app.kubernetes.io/name: web, app.kubernetes.io/component: api}`,
		References: []string{doc("concepts/workloads/controllers/deployment/#label-selector-updates")},
		Kinds: []string{"apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet",
			"core/ReplicationController", "argoproj.io/Rollout"},
		CrossResource: true,
		Check:         checkSelectorOverlap,
	})
}

// checkSelectorOverlap compares c.R's selector with the pod labels of the
// other workloads and bare Pods of its namespace in the component. Jobs
// and CronJobs select by a generated controller-uid label and never
// overlap; a Rollout that takes its pod template from a Deployment
// (workloadRef) matches that Deployment's pods by design.
func checkSelectorOverlap(c *rules.Check) {
	sel := c.R.Attrs.Get("spec.selector")
	if !sel.IsKnown() {
		c.Unknown("spec.selector", sel)
		return
	}
	if sel.IsNull() || k8s.IsEmptySelector(sel) {
		return // k8s-workload-selector-matches reports it
	}
	var others []*infra.Resource
	for _, r := range c.Graph.Resources() {
		switch {
		case r == c.R || r.Namespace != c.R.Namespace || !k8s.IsWorkload(r.Kind):
		case r.Kind == "batch/Job" || r.Kind == "batch/CronJob":
		case r.Kind == c.R.Kind && r.Name == c.R.Name:
			// The same object written in two files: one definition
			// replaces the other when applied, it is not a second controller.
		case workloadRefPair(c.R, r) || workloadRefPair(r, c.R):
		case k8s.Selects(sel, k8s.PodLabels(r)):
			others = append(others, r)
		}
	}
	if len(others) > 0 {
		c.Fail("spec.selector", "the selector also matches the pods of %s, so the controllers adopt each other's pods; select on a label only %s's pods carry", addresses(others), c.R.Name)
		return
	}
	c.Pass("its selector matches no other workload's pods")
}

// workloadRefPair reports a Rollout whose pods come from Deployment d.
func workloadRefPair(rollout, d *infra.Resource) bool {
	return rollout.Kind == "argoproj.io/Rollout" && d.Kind == "apps/Deployment" &&
		str(rollout.Attrs.Get("spec.workloadRef.name")) == d.Name
}
