package aws

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-sg-open-ingress",
		Item:     checklist.Networking,
		Severity: checklist.Critical,
		Title:    "Security groups admit the whole internet only on ports 80 and 443, unless all they protect is an internet-facing load balancer",
		Why: "An ingress rule from 0.0.0.0/0 or ::/0 puts the port in front of every scanner on the " +
			"internet within minutes: SSH and RDP are brute-forced, databases and admin consoles are " +
			"exploited. Only a public web entry point (HTTP/HTTPS, or a group that protects nothing but an " +
			"internet-facing load balancer, which answers only on its listeners) should be open to the world; " +
			"everything else admits known networks or security groups. So this rule reports any other port " +
			"open to the world, not only SSH (CKV_AWS_24) or RDP, and it accepts port 80, which CKV_AWS_260 reports; " +
			"self = true does not excuse a 0.0.0.0/0 source in the same rule.",
		Fix: `resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id            = aws_security_group.app.id
  referenced_security_group_id = aws_security_group.bastion.id # or cidr_ipv4 = "10.0.0.0/8"
  ip_protocol                  = "tcp"
  from_port                    = 22
  to_port                      = 22
}`,
		Fixes: map[string]string{
			"aws_security_group": `resource "aws_security_group" "app" {
  # ...
  ingress {
    protocol        = "tcp"
    from_port       = 22
    to_port         = 22
    security_groups = [aws_security_group.bastion.id] # or cidr_blocks = ["10.0.0.0/8"]
  }
}`,
			"aws_security_group_rule": `resource "aws_security_group_rule" "ssh" {
  type                     = "ingress"
  security_group_id        = aws_security_group.app.id
  source_security_group_id = aws_security_group.bastion.id # or cidr_blocks = ["10.0.0.0/8"]
  protocol                 = "tcp"
  from_port                = 22
  to_port                  = 22
}`,
		},
		CloudFormationFix: `SshFromBastion:
  Type: AWS::EC2::SecurityGroupIngress
  Properties:
    GroupId: !Ref AppSecurityGroup
    SourceSecurityGroupId: !Ref BastionSecurityGroup # or CidrIp: 10.0.0.0/8
    IpProtocol: tcp
    FromPort: 22
    ToPort: 22
`,
		CloudFormationFixes: map[string]string{
			"aws_security_group": `AppSecurityGroup:
  Type: AWS::EC2::SecurityGroup
  Properties:
    # ...
    SecurityGroupIngress:
      - IpProtocol: tcp
        FromPort: 22
        ToPort: 22
        SourceSecurityGroupId: !Ref BastionSecurityGroup # or CidrIp: 10.0.0.0/8
`,
		},
		References: []string{
			doc("aws_vpc_security_group_ingress_rule"),
			doc("aws_security_group_rule"),
			"https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
			"CKV_AWS_25", "CKV_AWS_277",
			"AVD-AWS-0107",
		},
		Kinds: []string{"aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"},
		Check: checkOpenIngress,
	})
}

// ingressRule is one rule to judge, with the attribute names its kind uses.
type ingressRule struct {
	v                      infra.Value
	prefix                 string // path prefix for messages: "ingress[0]." or ""
	cidrs4, cidrs6, protoA string
}

func checkOpenIngress(c *rules.Check) {
	var list []ingressRule
	switch c.R.Kind {
	case "aws_security_group":
		in := c.R.Attrs.Field("ingress")
		if !in.IsKnown() {
			c.Unknown("ingress", in)
			return
		}
		for i, b := range c.R.Attrs.Blocks("ingress") {
			list = append(list, ingressRule{b, fmt.Sprintf("ingress[%d].", i), "cidr_blocks", "ipv6_cidr_blocks", "protocol"})
		}
	case "aws_security_group_rule":
		t, ok := strAt(c, "type", "")
		if !ok || t != "ingress" {
			return // egress rules are not this rule's concern
		}
		list = append(list, ingressRule{c.R.Attrs, "", "cidr_blocks", "ipv6_cidr_blocks", "protocol"})
	case "aws_vpc_security_group_ingress_rule":
		list = append(list, ingressRule{c.R.Attrs, "", "cidr_ipv4", "cidr_ipv6", "ip_protocol"})
	}
	bad, unknown, fronted := 0, 0, 0
	for _, r := range list {
		switch judgeIngress(c, r) {
		case ingressFail:
			bad++
		case ingressUnknown:
			unknown++
		case ingressFronted:
			fronted++
		}
	}
	switch {
	case bad > 0 || unknown > 0:
	case fronted > 0:
		c.Pass("the group admits the internet only on ports 80 and 443, or protects nothing but an internet-facing load balancer, which answers only on its listeners")
	default:
		c.Pass("no ingress from 0.0.0.0/0 or ::/0 other than ports 80 and 443")
	}
}

// ingressVerdict is the result for one ingress rule. judgeIngress records
// fails and unknowns itself; the verdict tells the caller whether a pass
// remains to be recorded for the resource as a whole.
type ingressVerdict int

const (
	ingressOK ingressVerdict = iota
	ingressFail
	ingressUnknown
	// ingressFronted: open to the world, on a group that protects only
	// internet-facing load balancers.
	ingressFronted
)

// judgeIngress records a fail or unknown for one rule and returns which.
func judgeIngress(c *rules.Check, r ingressRule) ingressVerdict {
	// A rule whose protocol and ports are known to be HTTP/HTTPS (or ICMP)
	// is fine whoever it admits, so CIDRs that cannot be resolved (an
	// allow-list variable of a load balancer module, say) do not matter.
	if open, _, unknownAt := worldPorts(r); !open && unknownAt == "" {
		return ingressOK
	}
	var world []string
	var worldAt infra.Value
	for _, attr := range []string{r.cidrs4, r.cidrs6} {
		v := r.v.Field(attr)
		if !v.IsKnown() {
			c.Unknown(r.prefix+attr, v)
			return ingressUnknown
		}
		items := v.List()
		if v.Kind() == infra.String {
			items = []infra.Value{v}
		}
		for _, it := range items {
			if !it.IsKnown() {
				c.Unknown(r.prefix+attr, it)
				return ingressUnknown
			}
			if s, _ := it.Str(); isWorldCIDR(s) {
				if len(world) == 0 {
					worldAt = v
				}
				world = append(world, s)
			}
		}
	}
	if len(world) == 0 {
		return ingressOK
	}
	open, detail, unknownAt := worldPorts(r)
	if unknownAt != "" {
		c.Unknown(r.prefix+unknownAt, r.v.Field(unknownAt))
		return ingressUnknown
	}
	if !open {
		return ingressOK
	}
	if listenerFront(c, r) != "" {
		// The group protects only a public load balancer, which is what
		// the internet is meant to reach.
		return ingressFronted
	}
	at := worldAt
	if at.Loc.Line == 0 {
		at = r.v
	}
	c.FailAt(c.R.LocOf(at), "%s admits %s on %s; admit only known networks or security groups", ruleSubject(r), world[0], detail)
	return ingressFail
}

func ruleSubject(r ingressRule) string {
	if r.prefix != "" {
		return strings.TrimSuffix(r.prefix, ".")
	}
	return "the rule"
}

// lbKinds are the load balancers a security group can front.
var lbKinds = []string{"aws_lb", "aws_alb"}

// sgRuleKinds are the resources that only add rules to a group; they
// reference it without being protected by it.
var sgRuleKinds = map[string]bool{
	"aws_security_group_rule": true, "aws_vpc_security_group_ingress_rule": true, "aws_vpc_security_group_egress_rule": true,
}

// listenerFront returns the internet-facing load balancer the rule's
// security group protects when it protects nothing else, or "". A load
// balancer answers only on its listeners' ports, so ingress from the
// internet to such a group reaches nothing but what the load balancer is
// there to serve, whatever ports the rule opens (terraform-aws-alb's
// examples open 80-82 and 443-445 for listeners on those ports).
func listenerFront(c *rules.Check, r ingressRule) string {
	for _, sg := range ruleGroups(c) {
		if lb := onlyLoadBalancer(c, sg); lb != "" {
			return lb
		}
	}
	return ""
}

// onlyLoadBalancer returns the internet-facing load balancer sg is attached
// to when that is all it protects, or "".
func onlyLoadBalancer(c *rules.Check, sg *infra.Resource) string {
	front := ""
	for _, ref := range c.Graph.AllReferrers(sg) {
		switch {
		case sgRuleKinds[ref.Kind]:
		case slices.Contains(lbKinds, ref.Kind) && internetFacing(ref):
			front = ref.Address
		default:
			return "" // it also protects an instance, a database, …
		}
	}
	return front
}

// internetFacing reports a load balancer known to face the internet:
// internal defaults to false.
func internetFacing(lb *infra.Resource) bool {
	v := lb.Attrs.Field("internal")
	b, _ := v.Bool()
	return v.IsKnown() && !b
}

// ruleGroups are the security groups a rule belongs to: the group itself,
// or the group a separate rule resource names.
func ruleGroups(c *rules.Check) []*infra.Resource {
	if c.R.Kind == "aws_security_group" {
		return []*infra.Resource{c.R}
	}
	return c.Graph.Targets(c.R, "security_group_id")
}

// worldPorts decides whether a rule open to the world exposes more than
// HTTP/HTTPS. ICMP is allowed: it carries no service and path MTU discovery
// needs it.
func worldPorts(r ingressRule) (bad bool, detail, unknownAt string) {
	pv := r.v.Field(r.protoA)
	if !pv.IsKnown() {
		return false, "", r.protoA
	}
	proto, _ := pv.Str()
	switch proto {
	case "-1", "all":
		return true, "all protocols and ports", ""
	case "icmp", "1", "icmpv6", "58":
		return false, "", ""
	case "tcp", "6", "udp", "17":
	default:
		return true, "protocol " + proto, ""
	}
	fv, tv := r.v.Field("from_port"), r.v.Field("to_port")
	if !fv.IsKnown() {
		return false, "", "from_port"
	}
	if !tv.IsKnown() {
		return false, "", "to_port"
	}
	from, ok1 := fv.Number()
	to, ok2 := tv.Number()
	if !ok1 || !ok2 {
		return true, "all ports", ""
	}
	tcp := proto == "tcp" || proto == "6"
	if from == to && ((from == 80 && tcp) || from == 443) { // udp/443 is HTTP/3
		return false, "", ""
	}
	if from == to {
		return true, fmt.Sprintf("%s port %s", proto, num(from)), ""
	}
	return true, fmt.Sprintf("%s ports %s-%s", proto, num(from), num(to)), ""
}

// isWorldCIDR reports a CIDR block whose prefix length is 0, which matches
// every address of its family however the address part is written:
// 0.0.0.0/0, ::/0, and also 0000:0000:0000:0000:0000:0000:0000:0000/0 or
// 1.0.0.0/0 (the provider rejects host bits in a network address, but a /0
// still means the whole internet to anyone reading it).
func isWorldCIDR(s string) bool {
	p, err := netip.ParsePrefix(strings.TrimSpace(s))
	return err == nil && p.Bits() == 0
}
