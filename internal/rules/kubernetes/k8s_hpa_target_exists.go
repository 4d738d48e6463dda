package kubernetes

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-hpa-target-exists",
		Item:     checklist.Scalability,
		Severity: checklist.Medium,
		Title:    "Autoscalers target a workload of the scanned manifests",
		Why: "An autoscaler whose scaleTargetRef names a workload that does not exist (a typo, a renamed " +
			"Deployment, the wrong kind) scales nothing, and the workload it was meant for stays at a fixed size.",
		Fix: `spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web          # the workload's metadata.name, in the autoscaler's namespace`,
		References: []string{
			doc("tasks/run-application/horizontal-pod-autoscale/"),
			"kube-score: horizontalpodautoscaler-has-target", "kube-linter: dangling-horizontalpodautoscaler",
		},
		Kinds:         []string{kindHPA, kindScaledObj},
		CrossResource: true,
		Check:         checkHPATarget,
	})
}

// targetKinds are the kinds an autoscaler scales that the source links by
// scaleTargetRef: for these, no edge means the target is not in the scan.
var targetKinds = map[string]bool{
	"Deployment": true, "StatefulSet": true, "ReplicaSet": true, "ReplicationController": true, "Rollout": true,
}

// checkHPATarget checks the scaleTargetRef.
//
// The scan is taken to be the whole application: an autoscaler is shipped
// with the workload it scales (in one chart, one kustomization, one
// directory), so a target missing from the scan is reported as a fail, as
// kube-score and kube-linter do. A scan of only part of an application
// should include the workload's manifests, or waive this rule. A target of
// a kind the source does not link (a custom resource with a scale
// subresource) is looked for among the component's objects and is unknown
// when absent, since it may be defined elsewhere.
func checkHPATarget(c *rules.Check) {
	if checkScaleTarget(c) {
		c.Pass("scales %s", targetText(c))
	}
}

func targetText(c *rules.Check) string {
	return targetKind(c) + "/" + c.R.Namespace + "/" + str(c.R.Attrs.Get("spec.scaleTargetRef.name"))
}

// targetKind is scaleTargetRef.kind; KEDA defaults it to Deployment.
func targetKind(c *rules.Check) string {
	kind := str(c.R.Attrs.Get("spec.scaleTargetRef.kind"))
	if kind == "" && c.R.Kind == kindScaledObj {
		kind = "Deployment"
	}
	return kind
}

// checkScaleTarget reports whether the target exists, recording a finding
// when it does not or cannot be told.
func checkScaleTarget(c *rules.Check) bool {
	for _, p := range []string{"spec.scaleTargetRef.kind", "spec.scaleTargetRef.name"} {
		if v := c.R.Attrs.Get(p); !v.IsKnown() {
			c.Unknown(p, v)
			return false
		}
	}
	kind, name := targetKind(c), str(c.R.Attrs.Get("spec.scaleTargetRef.name"))
	if kind == "" || name == "" {
		c.Fail("spec.scaleTargetRef", "spec.scaleTargetRef does not name a kind and a name, so the autoscaler scales nothing")
		return false
	}
	if hasTargetEdge(c) {
		return true
	}
	if targetKinds[kind] {
		c.Fail("spec.scaleTargetRef.name", "spec.scaleTargetRef names %s %s, but the scanned manifests have no %s of that name in namespace %s, so the autoscaler scales nothing; fix the name or kind (or scan it with its workload)",
			kind, name, kind, c.R.Namespace)
		return false
	}
	for _, r := range c.Graph.Resources() {
		if r.Namespace == c.R.Namespace && r.Name == name && strings.HasSuffix(r.Kind, "/"+kind) {
			return true
		}
	}
	c.UnknownBecause("spec.scaleTargetRef names " + kind + " " + name + ", a kind prodgrade does not follow, and no such object is in this component; check it exists")
	return false
}

// hasTargetEdge reports the scaleTargetRef edge the source records when
// the target is in the scan.
func hasTargetEdge(c *rules.Check) bool {
	for _, ref := range c.R.Refs {
		if ref.Attr == "spec.scaleTargetRef" {
			return true
		}
	}
	return false
}
