package kubernetes

import (
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-service-exposure",
		Item:     checklist.Networking,
		Severity: checklist.Medium,
		Title:    "Services are reachable from outside the cluster only through an internal or web-facing load balancer",
		Why: "A NodePort opens the service on every node's address, past any load balancer and its TLS; a " +
			"public LoadBalancer on a port such as 5432 or 6379 puts a database or an admin API on the internet; " +
			"externalIPs route outside traffic to it. Internal services belong on a ClusterIP behind an Ingress, " +
			"or on an internal load balancer.",
		Fix: `spec:
  type: ClusterIP      # the default; expose HTTP through an Ingress
# or keep a LoadBalancer private:
metadata:
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-scheme: internal   # networking.gke.io/load-balancer-type: Internal, service.beta.kubernetes.io/azure-load-balancer-internal: "true"`,
		References: []string{
			doc("concepts/services-networking/service/#publishing-services-service-types"),
			"kube-linter: exposed-services", "kube-score: service-type",
		},
		Kinds: []string{"core/Service"},
		Check: checkServiceExposure,
	})
}

// internalLB are the annotations with which cloud providers' controllers
// make a LoadBalancer Service's address private, and the value that does
// it ("" for any value but "false": the in-tree AWS annotation also took
// a CIDR).
var internalLB = []struct{ key, value string }{
	{"service.beta.kubernetes.io/aws-load-balancer-internal", ""},
	{"service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"},
	{"networking.gke.io/load-balancer-type", "internal"},
	{"cloud.google.com/load-balancer-type", "internal"},
	{"service.beta.kubernetes.io/azure-load-balancer-internal", "true"},
	{"service.beta.kubernetes.io/oci-load-balancer-internal", "true"},
	{"service.beta.kubernetes.io/openstack-internal-load-balancer", "true"},
	{"service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type", "private"},
	{"service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type", "intranet"},
}

// webPorts are the ports a public entry point is meant to listen on.
var webPorts = map[string]bool{"80": true, "443": true}

// checkServiceExposure judges how a Service is reachable from outside the
// cluster. type defaults to ClusterIP (inside the cluster only);
// ExternalName is only a DNS alias. A LoadBalancer passes when it is
// internal, limited to source ranges that are not the whole internet, or
// listens only on 80 and 443, as a web entry point does.
func checkServiceExposure(c *rules.Check) {
	t := c.R.Attrs.Get("spec.type")
	if !t.IsKnown() {
		c.Unknown("spec.type", t)
		return
	}
	ips := c.R.Attrs.Get("spec.externalIPs")
	if !ips.IsKnown() {
		c.Unknown("spec.externalIPs", ips)
		return
	}
	if ips.Len() > 0 {
		c.Fail("spec.externalIPs", "spec.externalIPs routes traffic for %s to this Service from outside the cluster; remove them and use an Ingress or an internal load balancer", strings.Join(stringsOf(ips), " "))
		return
	}
	switch typ := str(t); typ {
	case "NodePort":
		c.Fail("spec.type", "type NodePort opens %s on every node's address, bypassing any load balancer; use ClusterIP behind an Ingress, or an internal load balancer", nodePorts(c.R.Attrs.Get("spec.ports")))
	case "LoadBalancer":
		checkLoadBalancer(c)
	case "ExternalName":
		c.Pass("type ExternalName is a DNS alias for another host, reachable from nowhere itself")
	default:
		if typ == "" {
			typ = "ClusterIP"
		}
		c.Pass("type %s is reachable only inside the cluster", typ)
	}
}

func checkLoadBalancer(c *rules.Check) {
	for _, a := range internalLB {
		v, ok := c.R.Annotations[a.key]
		if !ok {
			continue
		}
		if a.value == "" && !strings.EqualFold(v, "false") || a.value != "" && strings.EqualFold(v, a.value) {
			c.Pass("the load balancer is internal (%s: %s)", a.key, v)
			return
		}
	}
	ranges := c.R.Attrs.Get("spec.loadBalancerSourceRanges")
	if !ranges.IsKnown() {
		c.Unknown("spec.loadBalancerSourceRanges", ranges)
		return
	}
	if ranges.Len() > 0 && !strings.Contains(" "+strings.Join(stringsOf(ranges), " ")+" ", "/0 ") {
		c.Pass("the load balancer admits only %s", strings.Join(stringsOf(ranges), " "))
		return
	}
	ports := c.R.Attrs.Get("spec.ports")
	var other []string
	for _, p := range ports.List() {
		port := p.Get("port")
		if !port.IsKnown() {
			c.Unknown("spec.ports", port)
			return
		}
		if n := str(port); !webPorts[n] {
			other = append(other, n)
		}
	}
	if len(other) == 0 && ports.Len() > 0 {
		c.Pass("the public load balancer listens only on web ports (80, 443)")
		return
	}
	what := "its ports"
	if len(other) > 0 {
		what = "port " + strings.Join(other, ", ")
	}
	c.Fail("spec.type", "type LoadBalancer puts %s on a public address open to the internet; make the load balancer internal, restrict spec.loadBalancerSourceRanges, or expose it through an Ingress", what)
}

// nodePorts describes the ports a NodePort Service opens on each node.
func nodePorts(ports infra.Value) string {
	var out []string
	for _, p := range ports.List() {
		if n := str(p.Get("nodePort")); n != "" {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return fmt.Sprintf("%d port(s) from the 30000-32767 range", max(ports.Len(), 1))
	}
	return "port " + strings.Join(out, ", ")
}
