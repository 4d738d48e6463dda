package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:   "k8s-deployment-min-ready-seconds",
		Item: checklist.Deploy,
		// Info: advice. A readiness probe already gates the rollout; this
		// only closes the gap of a pod that fails soon after its first
		// successful probe, and many sound setups live without it.
		Severity: checklist.Info,
		Title:    "Rollouts wait a while after a new pod becomes ready (minReadySeconds)",
		Why: "With minReadySeconds at 0 (the default) a new pod counts as available the moment its first " +
			"readiness probe passes, and the rollout moves on to replace the next old pod. A version that " +
			"crashes a few seconds after starting (a bad config read lazily, a leak, a failing first request) " +
			"is rolled out to every replica before it falls over; a short minReadySeconds makes the rollout " +
			"stop at the first pod instead.",
		Fix: `spec:
  minReadySeconds: 10`,
		References: []string{doc("concepts/workloads/controllers/deployment/#min-ready-seconds")},
		Kinds:      []string{"apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "argoproj.io/Rollout"},
		Check:      checkMinReadySeconds,
	})
}

// checkMinReadySeconds grades only workloads with a readiness probe:
// without one the readiness rule reports the larger gap.
func checkMinReadySeconds(c *rules.Check) {
	cts, ok := podContainers(c)
	if !ok {
		return
	}
	probed := false
	for _, ct := range cts {
		if !ct.init && !ct.v.Get("readinessProbe").IsNull() {
			probed = true
		}
	}
	if !probed {
		return
	}
	v := c.R.Attrs.Get("spec.minReadySeconds")
	if !v.IsKnown() {
		c.Unknown("spec.minReadySeconds", v)
		return
	}
	n, isNum := v.Number()
	switch {
	case v.IsNull():
		// minReadySeconds defaults to 0.
		c.Fail("spec", "minReadySeconds is not set (0): a new pod counts as available on its first passing readiness probe; set a few seconds so a pod that crashes right after starting stops the rollout")
	case !isNum:
		c.Fail("spec.minReadySeconds", "minReadySeconds is not a number")
	case n <= 0:
		c.Fail("spec.minReadySeconds", "minReadySeconds is %d: a new pod counts as available on its first passing readiness probe; set a few seconds so a pod that crashes right after starting stops the rollout", int(n))
	default:
		c.Pass("minReadySeconds is %d", int(n))
	}
}
