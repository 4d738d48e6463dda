package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pod-pinned-to-node",
		Item:     checklist.Availability,
		Severity: checklist.Medium,
		Title:    "Pods are not pinned to one named node",
		Why: "spec.nodeName bypasses the scheduler and a nodeSelector on kubernetes.io/hostname allows a single " +
			"node: when that node is drained, upgraded, replaced by the autoscaler or lost, the pods cannot run " +
			"anywhere else and the service is down until someone edits the manifest. Nodes are cattle; pick them " +
			"by labels that many nodes share.",
		Fix: `spec:
  nodeSelector:
    node.kubernetes.io/instance-type: m6i.large   # a label many nodes have, not one node's name`,
		References: []string{doc("concepts/scheduling-eviction/assign-pod-node/")},
		// A DaemonSet's controller sets node affinity per pod itself.
		Kinds: []string{"apps/Deployment", "apps/StatefulSet", "apps/ReplicaSet", "argoproj.io/Rollout",
			"core/ReplicationController", "batch/Job", "batch/CronJob", "core/Pod"},
		Check: func(c *rules.Check) {
			spec, path := podSpec(c.R)
			name := spec.Get("nodeName")
			host := spec.Get("nodeSelector").Field("kubernetes.io/hostname")
			switch {
			case !name.IsKnown():
				c.Unknown(path+".nodeName", name)
			case !host.IsKnown():
				c.Unknown(path+`.nodeSelector["kubernetes.io/hostname"]`, host)
			case str(name) != "":
				c.Fail(path+".nodeName", "the pods are bound to node %s (nodeName), past the scheduler: when it goes away they run nowhere; select nodes by shared labels instead", str(name))
			case str(host) != "":
				c.Fail(path+`.nodeSelector["kubernetes.io/hostname"]`, "the pods may only run on node %s (nodeSelector kubernetes.io/hostname): when it goes away they run nowhere; select nodes by shared labels instead", str(host))
			default:
				c.Pass("the pods are not pinned to a single node")
			}
		},
	})
}
