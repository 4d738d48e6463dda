package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-networkpolicy-allows-dns",
		Item:     checklist.Networking,
		Severity: checklist.High,
		Title:    "Pods whose egress NetworkPolicies restrict can still resolve names (DNS on port 53)",
		Why: "Once a NetworkPolicy restricts a pod's egress, only what some policy allows gets out, and that " +
			"includes the DNS queries to the cluster's DNS service. Forgetting port 53 is the classic mistake of " +
			"a default-deny rollout: every connection by name fails, the pods crash-loop or report their " +
			"dependencies down, and the outage looks like a DNS incident.",
		Fix: `egress:
- to:
  - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
    podSelector: {matchLabels: {k8s-app: kube-dns}}
  ports:
  - {protocol: UDP, port: 53}
  - {protocol: TCP, port: 53}`,
		References:    []string{doc("concepts/services-networking/network-policies/#default-deny-all-egress-traffic")},
		Kinds:         podKinds,
		CrossResource: true, // the NetworkPolicies that select the pods
		Check:         checkAllowsDNS,
	})
}

// checkAllowsDNS looks, among the policies that restrict the pods' egress,
// for an egress rule that lets DNS out: one with no ports (every port to
// its peers; which peers is not judged, so a rule to some pods only still
// counts), or one listing port 53 or a port named like the DNS server's
// (dns, dns-tcp). Pods on the node's network use the node's resolver.
func checkAllowsDNS(c *rules.Check) {
	spec, _ := podSpec(c.R)
	if b, _ := spec.Get("hostNetwork").Bool(); b {
		return
	}
	var egress []*infra.Resource
	for _, np := range referrers(c, kindNetPol) {
		_, eg, ok := policyTypes(c, np)
		if !ok {
			return
		}
		if eg {
			egress = append(egress, np)
		}
	}
	if len(egress) == 0 {
		return // egress is not restricted
	}
	for _, np := range egress {
		rulesV := np.Attrs.Get("spec.egress")
		if !rulesV.IsKnown() {
			c.UnknownIn(np, "spec.egress", rulesV)
			return
		}
		for i, r := range rulesV.List() {
			ports := r.Get("ports")
			if !ports.IsKnown() {
				c.UnknownIn(np, "spec.egress["+itoa(i)+"].ports", ports)
				return
			}
			if ports.Len() == 0 {
				c.Pass("%s allows egress on every port (egress[%d])", np.Address, i)
				return
			}
			for _, p := range ports.List() {
				if allowsDNS(p) {
					c.Pass("%s allows DNS (egress[%d])", np.Address, i)
					return
				}
			}
		}
	}
	c.Fail("", "NetworkPolicies %s restrict the egress of the pods of %s but no egress rule allows port 53, so they cannot resolve names; allow UDP and TCP 53 to the cluster DNS",
		addresses(egress), c.R.Address)
}

// allowsDNS reports a NetworkPolicyPort that admits port 53: no port (all
// ports of the protocol), 53, a range through 53, or a DNS port name.
func allowsDNS(p infra.Value) bool {
	port := p.Get("port")
	if port.IsNull() || !port.IsKnown() {
		return true // every port; an unknown one is not taken for a gap
	}
	if n, ok := port.Number(); ok {
		end, hasEnd := p.Get("endPort").Number()
		return n == 53 || hasEnd && n <= 53 && 53 <= end
	}
	switch str(port) {
	case "dns", "dns-tcp", "domain":
		return true
	}
	return false
}
