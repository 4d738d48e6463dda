package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-ephemeral-storage",
		Item:     checklist.Performance,
		Severity: checklist.Low,
		Title:    "Containers bound the local disk they may fill",
		Why: "A container without an ephemeral-storage limit can fill its node's disk with logs, caches or " +
			"emptyDir data; the kubelet then evicts pods of every application on that node, not only the " +
			"one at fault. A request also lets the scheduler place pods on nodes with room.",
		Fix: `resources:
  requests:
    ephemeral-storage: 1Gi
  limits:
    ephemeral-storage: 2Gi`,
		References: []string{
			doc("concepts/configuration/manage-resources-containers/#local-ephemeral-storage"),
			"kube-score: container-ephemeral-storage-request-and-limit",
		},
		Kinds: podKinds,
		Check: func(c *rules.Check) {
			failed := false
			for _, ct := range containers(c.R) {
				if ct.init {
					continue // runs to completion before the app starts
				}
				lim := ct.v.Get("resources.limits")
				if v := lim.Field("ephemeral-storage"); !v.IsKnown() {
					c.Unknown(ct.path+".resources.limits", v)
					failed = true
				} else if v.IsNull() {
					c.Fail(ct.path, "container %s has no ephemeral-storage limit, so it can fill the node's disk and get other pods evicted; set resources.limits.ephemeral-storage", ct.name)
					failed = true
				}
			}
			if !failed {
				c.Pass("every container limits its ephemeral storage")
			}
		},
	})
}
