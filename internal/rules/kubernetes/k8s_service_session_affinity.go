package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-service-session-affinity",
		Item:     checklist.Scalability,
		Severity: checklist.Low,
		Title:    "Services of stateless workloads spread clients over every pod instead of pinning each to one (sessionAffinity)",
		Why: "sessionAffinity: ClientIP sends all traffic from one address to the same pod for hours. Behind a " +
			"load balancer, a NAT gateway or another service's pods, a handful of addresses carry everyone, so a " +
			"few pods take the load while new replicas stay idle: scaling out does not help, and losing a pod " +
			"drops every session it held. Sticky sessions usually mean session state kept in the pod; keep it in " +
			"a shared store instead. Services in front of StatefulSets are left alone: there, pinning a client " +
			"to one replica keeps what it reads consistent.",
		Fix: `spec:
  sessionAffinity: None   # the default; keep session state in Redis or a database`,
		References:    []string{doc("reference/networking/virtual-ips/#session-affinity")},
		Kinds:         []string{kindService},
		CrossResource: true, // the workloads the Service selects
		Check:         checkSessionAffinity,
	})
}

// checkSessionAffinity judges Services in front of stateless workloads
// only. Replicas of a StatefulSet each hold their own data (Prometheus
// servers of an HA pair, database replicas), and pinning a client to one
// of them keeps what it reads consistent: that is a choice, not a gap.
func checkSessionAffinity(c *rules.Check) {
	stateless := false
	for _, w := range c.Graph.Targets(c.R, "spec.selector") {
		stateless = stateless || isService(w.Kind) && w.Kind != kindStatefulSet
	}
	if !stateless {
		return
	}
	v := c.R.Attrs.Get("spec.sessionAffinity")
	if !v.IsKnown() {
		c.Unknown("spec.sessionAffinity", v)
		return
	}
	switch a := str(v); a {
	case "", "None":
		c.Pass("sessionAffinity is None: every connection may go to any pod")
	default:
		c.Fail("spec.sessionAffinity", "sessionAffinity is %s: each client address sticks to one pod, so load stays on a few pods and new replicas take little of it; keep session state out of the pods and remove it", a)
	}
}
