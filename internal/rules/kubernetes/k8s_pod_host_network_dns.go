package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pod-host-network-dns",
		Item:     checklist.Networking,
		Severity: checklist.Low,
		Title:    "Pods on the node's network still resolve cluster names (dnsPolicy ClusterFirstWithHostNet)",
		Why: "A pod with hostNetwork uses the node's resolver unless its dnsPolicy is ClusterFirstWithHostNet: " +
			"the default ClusterFirst silently falls back to the node's DNS, so Service names such as " +
			"db.shop.svc.cluster.local do not resolve from it. Node agents that talk to in-cluster services " +
			"(a log shipper sending to Loki, an exporter pushing to a gateway) fail only once deployed.",
		Fix: `spec:
  hostNetwork: true
  dnsPolicy: ClusterFirstWithHostNet`,
		References: []string{doc("concepts/services-networking/dns-pod-service/#pod-s-dns-policy")},
		Kinds:      podKinds,
		Check: func(c *rules.Check) {
			spec, path := podSpec(c.R)
			host := spec.Get("hostNetwork")
			if !host.IsKnown() {
				c.Unknown(path+".hostNetwork", host)
				return
			}
			if b, _ := host.Bool(); !b {
				return // the pod has its own network and the cluster's DNS
			}
			v := spec.Get("dnsPolicy")
			switch p := str(v); {
			case !v.IsKnown():
				c.Unknown(path+".dnsPolicy", v)
			case p == "ClusterFirstWithHostNet" || p == "None":
				c.Pass("dnsPolicy is %s", p)
			case p == "Default":
				c.Pass("dnsPolicy is Default: the pod uses the node's resolver on purpose")
			default:
				failNear(c, path+".dnsPolicy", "the pod runs on the node's network with dnsPolicy ClusterFirst (the default), so it falls back to the node's resolver and cannot resolve Service names; set dnsPolicy: ClusterFirstWithHostNet")
			}
		},
	})
}
