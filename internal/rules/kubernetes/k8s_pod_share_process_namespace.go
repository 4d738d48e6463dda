package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pod-share-process-namespace",
		Item:     checklist.Security,
		Severity: checklist.Low,
		Title:    "Containers of a pod do not see each other's processes (shareProcessNamespace)",
		Why: "With shareProcessNamespace every container sees, and with the same user can signal and trace, the " +
			"processes of the others, and reads their files and environment through /proc/<pid>/root and " +
			"/proc/<pid>/environ: a compromised sidecar gets the main container's secrets. Keep it for debugging " +
			"sessions, not for running workloads.",
		Fix: `spec:
  shareProcessNamespace: false   # or leave it out; use kubectl debug for a one-off session`,
		References: []string{doc("tasks/configure-pod-container/share-process-namespace/#understanding-process-namespace-sharing")},
		Kinds:      podKinds,
		Check: func(c *rules.Check) {
			spec, path := podSpec(c.R)
			v := spec.Get("shareProcessNamespace")
			b, isBool := v.Bool()
			switch {
			case !v.IsKnown():
				c.Unknown(path+".shareProcessNamespace", v)
			case isBool && b:
				c.Fail(path+".shareProcessNamespace", "the pod's containers share one process namespace, so each can read the others' files, environment and secrets through /proc; remove shareProcessNamespace")
			default:
				c.Pass("each container has its own process namespace")
			}
		},
	})
}
