package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-workload-selector-matches",
		Item:     checklist.Deploy,
		Severity: checklist.High,
		Title:    "Workloads select the pods their own template makes",
		Why: "A controller manages the pods its selector matches. When the pod template's labels do not match " +
			"the selector, the API server refuses the object and the deploy fails; when the selector is looser " +
			"than intended it adopts pods of other workloads. Labels renamed in one place and not the other are " +
			"the usual cause, often in a kustomize overlay or a chart upgrade.",
		Fix: `spec:
  selector:
    matchLabels: {app.kubernetes.io/name: web}
  template:
    metadata:
      labels: {app.kubernetes.io/name: web}   # every selector label, with the same value`,
		References: []string{
			doc("concepts/workloads/controllers/deployment/#selector"),
			"kube-score: deployment-pod-selector-labels-match-template-metadata-labels",
			"kube-score: statefulset-pod-selector-labels-match-template-metadata-labels",
			"kube-linter: mismatching-selector",
		},
		Kinds: []string{"apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet", "argoproj.io/Rollout"},
		Check: checkSelectorMatches,
	})
}

// checkSelectorMatches tests the workload's selector against its pod
// template's labels. apps/v1 requires a selector; the older API groups
// defaulted it from the template, which is why only apps/v1 kinds (and
// Rollouts, which copy them) are checked.
func checkSelectorMatches(c *rules.Check) {
	sel := c.R.Attrs.Get("spec.selector")
	labels := c.R.Attrs.Get("spec.template.metadata.labels")
	switch {
	case !sel.IsKnown():
		c.Unknown("spec.selector", sel)
		return
	case !labels.IsKnown():
		c.Unknown("spec.template.metadata.labels", labels)
		return
	case sel.IsNull():
		if c.R.Kind == "argoproj.io/Rollout" && !c.R.Attrs.Get("spec.workloadRef").IsNull() {
			return // the pods are those of the referenced Deployment
		}
		failNear(c, "spec.selector", "%s has no selector; apps/v1 requires one that matches spec.template.metadata.labels", short(c.R.Kind))
		return
	}
	if p, v, found := firstUnknown(sel, "spec.selector"); found {
		c.Unknown(p, v)
		return
	}
	if p, v, found := firstUnknown(labels, "spec.template.metadata.labels"); found {
		c.Unknown(p, v)
		return
	}
	if k8s.IsEmptySelector(sel) {
		c.Fail("spec.selector", "the selector is empty; apps/v1 requires one that matches spec.template.metadata.labels")
		return
	}
	if !k8s.Selects(sel, k8s.PodLabels(c.R)) {
		c.Fail("spec.selector", "the selector does not match the pod template's labels, so the API server refuses the %s; give the template every label the selector asks for", short(c.R.Kind))
		return
	}
	c.Pass("the selector matches the pod template's labels")
}
