package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-service-external-ips",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Services do not claim external IP addresses (spec.externalIPs)",
		Why: "Every node routes traffic for a Service's externalIPs to that Service, whoever owns the address. " +
			"Anyone who can create a Service can so intercept traffic meant for another address, inside or " +
			"outside the cluster (CVE-2020-8554), which is why many clusters block the field with an admission " +
			"policy. Expose services through a LoadBalancer or an Ingress instead.",
		Fix: `spec:
  type: LoadBalancer   # or an Ingress; remove externalIPs`,
		References: []string{
			doc("concepts/services-networking/service/#external-ips"),
			"https://github.com/kubernetes/kubernetes/issues/97076",
		},
		Kinds: []string{kindService},
		Check: func(c *rules.Check) {
			v := c.R.Attrs.Get("spec.externalIPs")
			switch {
			case !v.IsKnown():
				c.Unknown("spec.externalIPs", v)
			case v.Len() > 0:
				c.Fail("spec.externalIPs", "the Service claims external IP addresses %s, which every node then routes to it; use a LoadBalancer or an Ingress", str(v.List()[0]))
			default:
				c.Pass("the Service claims no external IP address")
			}
		},
	})
}
