package aws

import (
	"regexp"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// Standalone EC2 instances are the most common production gap there is:
// a service on an aws_instance has no way to scale and no replacement
// without downtime. Not every instance is a service, though (a bastion, a
// NAT instance, a build runner), so this file decides from the graph what
// an instance is for, and says why.

// notAService matches names of instances that serve people or other
// machines' plumbing, not the application: the last resort of serviceWhy.
var notAService = regexp.MustCompile(`(?i)(^|[-_.])(bastion|jump(host|box)?|nat|vpn|runner|build|ci|agent|openvpn|wireguard)([-_.]|$)`)

// serviceWhy says why the aws_instance c.R is taken for (part of) the
// service, or "" when nothing shows it is: registered with a target group,
// given an Elastic IP, named by a DNS record, or open to the internet on a
// web port. A NAT instance (source_dest_check = false) or one named like a
// bastion or runner is not a service unless a target group says so.
func serviceWhy(c *rules.Check) string {
	if tgs := c.Graph.Referrers(c.R, "aws_lb_target_group_attachment", "target_id"); len(tgs) > 0 {
		return "it is registered with a load balancer target group (" + tgs[0].Address + ")"
	}
	if b, ok := c.R.Attrs.Get("source_dest_check").Bool(); ok && !b {
		return "" // routes other machines' traffic: a NAT instance
	}
	if notAService.MatchString(c.R.Name) || notAService.MatchString(knownStr(c.R.Attrs.Get(`tags["Name"]`))) {
		return ""
	}
	for _, k := range []string{"aws_eip", "aws_eip_association"} {
		if rs := c.Graph.Referrers(c.R, k, ""); len(rs) > 0 {
			return "it has an Elastic IP (" + rs[0].Address + ")"
		}
	}
	if rs := c.Graph.Referrers(c.R, "aws_route53_record", "records"); len(rs) > 0 {
		return "a DNS record names it (" + rs[0].Address + ")"
	}
	for _, sg := range c.Graph.Targets(c.R, "vpc_security_group_ids") {
		if port := webPortOpen(sg, c.Graph); port != "" {
			return "its security group " + sg.Address + " admits the internet on port " + port
		}
	}
	return ""
}

// webPortOpen returns 80 or 443 when the group admits the whole internet
// on that port, inline or through a separate rule resource.
func webPortOpen(sg *infra.Resource, g *infra.Graph) string {
	var rules []infra.Value
	rules = append(rules, sg.Attrs.Blocks("ingress")...)
	for _, k := range []string{"aws_security_group_rule", "aws_vpc_security_group_ingress_rule"} {
		for _, r := range g.Referrers(sg, k, "security_group_id") {
			if k == "aws_security_group_rule" && knownStr(r.Attrs.Get("type")) != "ingress" {
				continue
			}
			rules = append(rules, r.Attrs)
		}
	}
	for _, r := range rules {
		world := false
		for _, a := range []string{"cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6"} {
			v := r.Get(a)
			items := v.List()
			if v.Kind() == infra.String {
				items = []infra.Value{v}
			}
			for _, it := range items {
				world = world || isWorldCIDR(knownStr(it))
			}
		}
		if !world {
			continue
		}
		from, ok1 := r.Get("from_port").Number()
		to, ok2 := r.Get("to_port").Number()
		if !ok1 || !ok2 {
			continue
		}
		for _, p := range []float64{443, 80} {
			if from <= p && p <= to {
				return num(p)
			}
		}
	}
	return ""
}
