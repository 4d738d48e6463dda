package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-cpu-requests",
		Item:     checklist.Performance,
		Severity: checklist.Medium,
		Title:    "Containers request the CPU they need",
		Why: "Without a CPU request the scheduler reserves no CPU for the container: it can be placed on a " +
			"node that is already busy, and under contention it gets the smallest share, so latency climbs " +
			"exactly when load does. A HorizontalPodAutoscaler's CPU target is also a percentage of the request.",
		Fix: `containers:
  - name: web
    resources:
      requests:
        cpu: 250m`,
		References: []string{
			doc("concepts/configuration/manage-resources-containers/"),
			"CKV_K8S_10", "AVD-KSV-0015", "Polaris: cpuRequestsMissing",
			"kube-score: container-resources", "kube-linter: unset-cpu-requirements",
		},
		Kinds:         podKinds,
		CrossResource: true, // a LimitRange of the namespace may give the default
		Check: func(c *rules.Check) {
			checkContainerResource(c, "requests.cpu",
				"the scheduler reserves no CPU for it, so it can land on a busy node and is starved under contention")
		},
	})
}
