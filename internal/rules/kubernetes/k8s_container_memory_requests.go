package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-memory-requests",
		Item:     checklist.Performance,
		Severity: checklist.Medium,
		Title:    "Containers request the memory they need",
		Why: "Without a memory request the scheduler reserves no memory for the container: it can be " +
			"placed on a node that has no room for it, and under memory pressure the kubelet evicts the " +
			"pods using most beyond their requests first. Each eviction is dropped requests and a cold start.",
		Fix: `containers:
  - name: web
    resources:
      requests:
        memory: 256Mi`,
		References: []string{
			doc("concepts/configuration/manage-resources-containers/"),
			"CKV_K8S_12", "AVD-KSV-0016", "Polaris: memoryRequestsMissing", "kube-score: container-resources",
		},
		Kinds:         podKinds,
		CrossResource: true, // a LimitRange of the namespace may give the default
		Check: func(c *rules.Check) {
			checkContainerResource(c, "requests.memory",
				"the scheduler reserves no memory for it, so it can land on a node without room and is among the first evicted under memory pressure")
		},
	})
}
