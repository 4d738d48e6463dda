package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-memory-limit",
		Item:     checklist.Performance,
		Severity: checklist.High,
		Title:    "Containers have a memory limit",
		Why: "Memory cannot be throttled: a container without a limit that leaks or spikes takes memory " +
			"from every pod on its node until the kernel's OOM killer or the kubelet's evictions start " +
			"killing them, so one bug becomes an outage of its neighbours. CPU limits are not required: CPU " +
			"is throttled, not killed, a request already guarantees each container its share, and a CPU " +
			"limit throttles the container even when the node has idle CPU.",
		Fix: `containers:
  - name: web
    resources:
      requests:
        memory: 256Mi
      limits:
        memory: 512Mi`,
		References: []string{
			doc("concepts/configuration/manage-resources-containers/"),
			"CKV_K8S_13", "AVD-KSV-0018", "Polaris: memoryLimitsMissing",
			"kube-score: container-resources", "kube-linter: unset-memory-requirements",
		},
		Kinds:         podKinds,
		CrossResource: true, // a LimitRange of the namespace may give the default
		Check: func(c *rules.Check) {
			checkContainerResource(c, "limits.memory",
				"a leak or spike can take all of its node's memory, and the kernel then kills processes of other pods too")
		},
	})
}
