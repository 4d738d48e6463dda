package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pdb-allows-disruption",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "PodDisruptionBudgets set a budget that still lets at least one pod be evicted",
		Why: "A budget that allows no eviction (maxUnavailable: 0, minAvailable: 100%, or minAvailable as " +
			"large as the replica count) blocks every node drain: cluster upgrades stall and nodes cannot be " +
			"replaced until someone deletes the budget by hand. A budget that sets neither field protects " +
			"nothing, though it looks as if it did.",
		Fix: `spec:
  maxUnavailable: 1   # or minAvailable below the workload's replica count`,
		References: []string{
			doc("tasks/run-application/configure-pdb/"),
			"kube-score: poddisruptionbudget-has-policy",
			"kube-linter: pdb-max-unavailable", "kube-linter: pdb-min-available",
			"Polaris: pdbDisruptionsIsZero", "Polaris: pdbMinAvailableGreaterThanHPAMinReplicas",
		},
		Kinds:         []string{kindPDB},
		CrossResource: true,
		Check:         checkPDBAllowsDisruption,
	})
}

func checkPDBAllowsDisruption(c *rules.Check) {
	minV, maxV := c.R.Attrs.Get("spec.minAvailable"), c.R.Attrs.Get("spec.maxUnavailable")
	if !minV.IsKnown() {
		c.Unknown("spec.minAvailable", minV)
		return
	}
	if !maxV.IsKnown() {
		c.Unknown("spec.maxUnavailable", maxV)
		return
	}
	switch {
	case minV.IsNull() && maxV.IsNull():
		// policy/v1 has no default: with neither field the disruption
		// controller allows every eviction (policy/v1beta1 defaulted
		// minAvailable to 1).
		c.Fail("spec", "sets neither minAvailable nor maxUnavailable, so it allows every eviction and protects nothing; set maxUnavailable: 1")
	case !minV.IsNull() && !maxV.IsNull():
		c.Fail("spec.minAvailable", "sets both minAvailable and maxUnavailable; the API server rejects a PodDisruptionBudget with both, set only one")
	case !maxV.IsNull():
		// Any positive percentage rounds up to at least one pod.
		n, _, ok := budget(maxV)
		switch {
		case !ok:
			c.Fail("spec.maxUnavailable", "spec.maxUnavailable is %s, neither an integer nor a percentage such as \"25%%\"", str(maxV))
		case n <= 0:
			c.Fail("spec.maxUnavailable", "spec.maxUnavailable is %s: no pod may ever be evicted, so every node drain blocks; allow at least 1", str(maxV))
		default:
			c.Pass("spec.maxUnavailable is %s", str(maxV))
		}
	default:
		checkMinAvailable(c, minV)
	}
}

// checkMinAvailable judges minAvailable against the pods of the workloads
// the budget selects: a budget that requires as many pods as run allows no
// eviction.
func checkMinAvailable(c *rules.Check, minV infra.Value) {
	n, pct, ok := budget(minV)
	switch {
	case !ok:
		c.Fail("spec.minAvailable", "spec.minAvailable is %s, neither an integer nor a percentage such as \"50%%\"", str(minV))
		return
	case pct && n >= 100:
		c.Fail("spec.minAvailable", "spec.minAvailable is %s: no pod may ever be evicted, so every node drain blocks; use maxUnavailable: 1", str(minV))
		return
	}
	compared := 0
	blocked := false
	for _, w := range c.Graph.Targets(c.R, "spec.selector") {
		// DaemonSet pods are not evicted by a drain, and Jobs and bare
		// Pods have no replica count to compare with.
		if !isService(w.Kind) {
			continue
		}
		f := replicaFloor(c.Graph, w)
		switch {
		case f.unknown != nil:
			c.UnknownIn(f.at, f.atPath, *f.unknown)
			return
		case f.notNumber:
			continue
		}
		compared++
		need := scaled(n, pct, f.n)
		switch {
		case need < f.n:
		case f.n <= 1:
			blocked = true
			c.Fail("spec.minAvailable", "spec.minAvailable is %s, but %s runs as few as one pod (%s): no pod may be evicted while it does; run at least 2 replicas or use maxUnavailable: 1",
				str(minV), w.Address, f.by)
		default:
			blocked = true
			c.Fail("spec.minAvailable", "spec.minAvailable is %s, which keeps %d pods, but %s runs as few as %d (%s): no pod may be evicted then; set minAvailable to at most %d or use maxUnavailable: 1",
				str(minV), need, w.Address, f.n, f.by, f.n-1)
		}
	}
	switch {
	case blocked:
	case compared > 0:
		c.Pass("spec.minAvailable is %s, below the pods of every workload it selects", str(minV))
	default:
		c.Pass("spec.minAvailable is %s (no selected workload in the scan to compare it with)", str(minV))
	}
}
