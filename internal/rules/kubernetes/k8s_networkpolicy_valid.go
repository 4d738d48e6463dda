package kubernetes

import (
	"fmt"
	"net/netip"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-networkpolicy-valid",
		Item:     checklist.Networking,
		Severity: checklist.High,
		Title:    "NetworkPolicies are written as the API server accepts them",
		Why: "The API server refuses a NetworkPolicy with a policyType other than Ingress or Egress, a protocol " +
			"other than TCP, UDP or SCTP, an endPort below its port or without a numeric port, or an ipBlock whose " +
			"cidr does not parse or whose except ranges lie outside it. The apply fails, and the pods it was " +
			"meant to isolate stay open.",
		Fix: `egress:
- to: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.0.5.0/24]}}]
  ports: [{protocol: TCP, port: 32000, endPort: 32768}]`,
		References: []string{doc("concepts/services-networking/network-policies/")},
		Kinds:      []string{kindNetPol},
		Check:      checkNetworkPolicyValid,
	})
}

func checkNetworkPolicyValid(c *rules.Check) {
	spec := c.R.Attrs.Get("spec")
	if p, v, found := firstUnknown(spec, "spec"); found {
		c.Unknown(p, v)
		return
	}
	var problems []struct{ path, msg string }
	bad := func(path, format string, args ...any) {
		problems = append(problems, struct{ path, msg string }{path, fmt.Sprintf(format, args...)})
	}
	for i, t := range spec.Get("policyTypes").List() {
		if s := str(t); s != "Ingress" && s != "Egress" {
			bad(fmt.Sprintf("spec.policyTypes[%d]", i), "policyType %q is neither Ingress nor Egress", s)
		}
	}
	for _, dir := range []struct{ field, peers string }{{"ingress", "from"}, {"egress", "to"}} {
		for i, r := range spec.Get(dir.field).List() {
			at := fmt.Sprintf("spec.%s[%d]", dir.field, i)
			for j, p := range r.Get("ports").List() {
				checkPolicyPort(p, fmt.Sprintf("%s.ports[%d]", at, j), bad)
			}
			for j, peer := range r.Get(dir.peers).List() {
				if ip := peer.Get("ipBlock"); !ip.IsNull() {
					checkIPBlock(ip, fmt.Sprintf("%s.%s[%d].ipBlock", at, dir.peers, j), bad)
				}
			}
		}
	}
	for _, p := range problems {
		c.Fail(p.path, "%s; the API server refuses the NetworkPolicy", p.msg)
	}
	if len(problems) == 0 {
		c.Pass("its types, ports and address blocks are valid")
	}
}

func checkPolicyPort(p infra.Value, at string, bad func(string, string, ...any)) {
	switch proto := str(p.Get("protocol")); proto {
	case "", "TCP", "UDP", "SCTP":
	default:
		bad(at+".protocol", "protocol %q is not TCP, UDP or SCTP", proto)
	}
	end, hasEnd := p.Get("endPort").Number()
	if !hasEnd {
		return
	}
	if port, ok := p.Get("port").Number(); !ok {
		bad(at+".endPort", "endPort needs a numeric port to start the range")
	} else if end < port {
		bad(at+".endPort", "endPort %d is below port %d", int(end), int(port))
	}
}

func checkIPBlock(ip infra.Value, at string, bad func(string, string, ...any)) {
	cidr, err := netip.ParsePrefix(str(ip.Get("cidr")))
	if err != nil {
		bad(at+".cidr", "cidr %q is not an address range such as 10.0.0.0/16", str(ip.Get("cidr")))
		return
	}
	for k, e := range ip.Get("except").List() {
		ex, err := netip.ParsePrefix(str(e))
		switch {
		case err != nil:
			bad(fmt.Sprintf("%s.except[%d]", at, k), "except %q is not an address range", str(e))
		case ex.Bits() < cidr.Bits() || !cidr.Contains(ex.Addr()):
			bad(fmt.Sprintf("%s.except[%d]", at, k), "except %s is not inside cidr %s", ex, cidr)
		}
	}
}
