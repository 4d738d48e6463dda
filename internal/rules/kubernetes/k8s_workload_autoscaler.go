package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-workload-autoscaler",
		Item:     checklist.Scalability,
		Severity: checklist.Medium,
		Title:    "Services are scaled by a HorizontalPodAutoscaler or a KEDA ScaledObject",
		Why: "A fixed replica count is sized for one load: a traffic peak saturates it and requests queue " +
			"or fail, while quiet hours pay for idle pods. An autoscaler adds and removes pods as the load " +
			"changes, without anyone watching.",
		Fix: `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}`,
		References: []string{
			doc("tasks/run-application/horizontal-pod-autoscale/"),
			"https://keda.sh/docs/latest/concepts/scaling-deployments/",
		},
		Kinds:         []string{"apps/Deployment", kindStatefulSet, "argoproj.io/Rollout"},
		CrossResource: true,
		Check:         checkWorkloadAutoscaler,
	})
}

// checkWorkloadAutoscaler looks for an autoscaler that can change the
// replica count.
//
// A StatefulSet with volumeClaimTemplates is a data store (a database, a
// queue, a search cluster): it is scaled by capacity planning and by
// rebalancing its data, not by an autoscaler reacting to CPU, and adding a
// replica under load makes the load worse while the new member syncs. Such
// StatefulSets are skipped rather than reported; their sizing is judged by
// the performance rules. A StatefulSet without persistent volumes is a
// service that wants stable names and is checked like a Deployment.
func checkWorkloadAutoscaler(c *rules.Check) {
	if c.R.Kind == kindStatefulSet && c.R.Attrs.Get("spec.volumeClaimTemplates").Len() > 0 {
		return
	}
	// replicas: 0 switches the workload off; there is nothing to scale.
	if n, ok := c.R.Attrs.Get("spec.replicas").Number(); ok && n == 0 {
		return
	}
	// A single writer (Recreate, or a volume only one node can attach)
	// cannot run two copies at once: it is sized, not scaled out.
	if str(c.R.Attrs.Get("spec.strategy.type")) == "Recreate" {
		return
	}
	for _, t := range c.Graph.Targets(c.R, "") {
		if t.Kind == "core/PersistentVolumeClaim" && onlyOneNode(t.Attrs.Get("spec.accessModes")) {
			return
		}
	}
	as := autoscalers(c.Graph, c.R)
	var stuck []string
	for _, a := range as {
		lo, hi, v, path := autoscalerRange(a)
		if v != nil {
			c.UnknownIn(a, path, *v)
			return
		}
		if hi > lo {
			c.Pass("%s scales it between %d and %d replicas", a.Address, lo, hi)
			return
		}
		stuck = append(stuck, a.Address)
	}
	if len(stuck) > 0 {
		c.Fail("", "%s targets %s but its maximum is not above its minimum, so it never scales; raise maxReplicas", stuck[0], c.R.Address)
		return
	}
	c.Fail("", "no HorizontalPodAutoscaler or KEDA ScaledObject in namespace %s targets %s (looked for a scaleTargetRef naming it); add a HorizontalPodAutoscaler",
		c.R.Namespace, c.R.Address)
}

// autoscalerRange is the replica range of an HPA (minReplicas defaults to
// 1; maxReplicas is required) or a KEDA ScaledObject (minReplicaCount
// defaults to 0, maxReplicaCount to 100). An unknown bound is returned
// with its path.
func autoscalerRange(a *infra.Resource) (lo, hi int, unknown *infra.Value, path string) {
	loPath, hiPath, loDef, hiDef := "spec.minReplicas", "spec.maxReplicas", 1, 0
	if a.Kind == kindScaledObj {
		loPath, hiPath, loDef, hiDef = "spec.minReplicaCount", "spec.maxReplicaCount", 0, 100
	}
	read := func(p string, def int) (int, *infra.Value) {
		v := a.Attrs.Get(p)
		if !v.IsKnown() {
			return 0, &v
		}
		if n, ok := v.Number(); ok {
			return int(n), nil
		}
		return def, nil
	}
	lo, unknown = read(loPath, loDef)
	if unknown != nil {
		return 0, 0, unknown, loPath
	}
	hi, unknown = read(hiPath, hiDef)
	if unknown != nil {
		return 0, 0, unknown, hiPath
	}
	return lo, hi, nil, ""
}
