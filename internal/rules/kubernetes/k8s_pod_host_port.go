package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pod-host-port",
		Item:     checklist.Networking,
		Severity: checklist.Medium,
		Title:    "Application pods do not bind ports on the node",
		Why: "A hostPort opens the port on the node's own address, outside the Service and, with many network " +
			"plugins, outside NetworkPolicy; it also allows one such pod per node, so a rollout or a scale-up " +
			"stalls once every node has one. Node agents run as DaemonSets are the exception.",
		Fix: `ports:
  - containerPort: 8080   # no hostPort: reach the pods through a Service`,
		References: []string{doc("concepts/configuration/overview/#services"), "Polaris: hostPortSet"},
		// A DaemonSet is a node agent: one per node is its design, and some
		// (node exporters, log shippers) must listen on the node.
		Kinds: []string{"apps/Deployment", "apps/StatefulSet", "apps/ReplicaSet", "argoproj.io/Rollout",
			"core/ReplicationController", "batch/Job", "batch/CronJob", "core/Pod"},
		Check: func(c *rules.Check) {
			failed := false
			for _, ct := range containers(c.R) {
				for i, p := range ct.v.Get("ports").List() {
					if n, ok := p.Get("hostPort").Number(); ok && n > 0 {
						c.Fail(ct.path+".ports["+itoa(i)+"].hostPort", "container %s binds hostPort %d on the node; reach it through a Service instead", ct.name, int(n))
						failed = true
					}
				}
			}
			if !failed {
				c.Pass("no container binds a port on the node")
			}
		},
	})
}
