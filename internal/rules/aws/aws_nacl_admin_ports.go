package aws

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:   "aws-nacl-admin-ports",
		Item: checklist.Networking,
		// Medium, as Security Hub EC2.21 and AVD-AWS-0105 rate it: the ACL is
		// the second layer; a security group that opens the port to the
		// world is aws-sg-open-ingress, critical.
		Severity: checklist.Medium,
		Title:    "Network ACLs do not admit SSH (22) or RDP (3389) from the whole internet",
		Why: "A network ACL is the subnet's own firewall, the layer that still holds when a security group is " +
			"opened by mistake. An ingress entry that allows 0.0.0.0/0 or ::/0 on port 22 or 3389 (or on all " +
			"protocols) leaves SSH and RDP to the security groups alone, and those are brute-forced within minutes " +
			"of being reachable. Entries are evaluated in rule-number order, so an allow that a lower-numbered deny " +
			"of the same traffic already answers is not reported (CKV_AWS_232/CKV_AWS_231 ignore that order for " +
			"aws_network_acl_rule, and AVD-AWS-0105 for every entry); aws_default_network_acl is judged too.",
		Fix: `resource "aws_network_acl_rule" "ssh_from_office" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 110
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "203.0.113.0/24" # a known network, not 0.0.0.0/0
  from_port      = 22
  to_port        = 22
}`,
		Fixes: map[string]string{
			"aws_network_acl": `resource "aws_network_acl" "public" {
  # ...
  ingress {
    rule_no    = 90
    action     = "deny"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
  # repeat for 3389, and for ::/0 if the entries below admit IPv6
}`,
			"aws_default_network_acl": `resource "aws_default_network_acl" "default" {
  # ...
  ingress {
    rule_no    = 90
    action     = "deny"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
  # repeat for 3389, and for ::/0 if the entries below admit IPv6
}`,
		},
		CloudFormationFix: `SshFromOffice:
  Type: AWS::EC2::NetworkAclEntry
  Properties:
    NetworkAclId: !Ref PublicAcl
    RuleNumber: 110
    Egress: false
    Protocol: 6 # TCP
    RuleAction: allow
    CidrBlock: 203.0.113.0/24 # a known network, not 0.0.0.0/0
    PortRange:
      From: 22
      To: 22
`,
		CloudFormationFixes: map[string]string{
			"aws_network_acl": `PublicAcl:
  Type: AWS::EC2::NetworkAcl
  Properties:
    # ...
DenySshFromInternet:
  Type: AWS::EC2::NetworkAclEntry
  Properties:
    NetworkAclId: !Ref PublicAcl
    RuleNumber: 90 # below the entries that allow 0.0.0.0/0
    Egress: false
    Protocol: 6 # TCP
    RuleAction: deny
    CidrBlock: 0.0.0.0/0
    PortRange:
      From: 22
      To: 22
# repeat for 3389, and with Ipv6CidrBlock ::/0 if the entries admit IPv6
`,
		},
		References: []string{
			doc("aws_network_acl"),
			doc("aws_network_acl_rule"),
			doc("aws_default_network_acl"),
			"https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html",
			"https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21",
			"CKV_AWS_232", "CKV_AWS_231", "AVD-AWS-0105",
		},
		Kinds:         []string{"aws_network_acl", "aws_default_network_acl", "aws_network_acl_rule"},
		CrossResource: true, // the other entries of the same ACL, which may deny first
		Check:         checkNACLAdminPorts,
	})
}

// naclEntry is one ingress entry of a network ACL, inline or a separate
// aws_network_acl_rule, with the attribute names its kind uses.
type naclEntry struct {
	owner          *infra.Resource
	v              infra.Value
	prefix         string // "ingress[0]." for inline entries, "" for a rule resource
	number, action string
}

func (e naclEntry) field(name string) infra.Value {
	switch name {
	case "number":
		return e.v.Field(e.number)
	case "action":
		return e.v.Field(e.action)
	}
	return e.v.Field(name)
}

func (e naclEntry) name() string {
	if e.prefix == "" {
		return "the entry"
	}
	return strings.TrimSuffix(e.prefix, ".")
}

// naclAdminPorts are the ports the rule guards, with their service.
var naclAdminPorts = []struct {
	port    float64
	service string
}{{22, "SSH"}, {3389, "RDP"}}

// naclFamilies are the two address families and the attribute of each.
var naclFamilies = []string{"cidr_block", "ipv6_cidr_block"}

func checkNACLAdminPorts(c *rules.Check) {
	var own []naclEntry
	var acl *infra.Resource
	switch c.R.Kind {
	case "aws_network_acl_rule":
		// egress defaults to false: an ingress entry.
		eg, ok := boolAt(c, "egress", false)
		if !ok || eg {
			return
		}
		own = []naclEntry{{owner: c.R, v: c.R.Attrs, number: "rule_number", action: "rule_action"}}
		for _, t := range c.Graph.Targets(c.R, "network_acl_id") {
			if t.Kind == "aws_network_acl" || t.Kind == "aws_default_network_acl" {
				acl = t
			}
		}
	default:
		in := c.R.Attrs.Field("ingress")
		if !in.IsKnown() {
			c.Unknown("ingress", in)
			return
		}
		for i, b := range c.R.Attrs.Blocks("ingress") {
			own = append(own, naclEntry{owner: c.R, v: b, prefix: fmt.Sprintf("ingress[%d].", i), number: "rule_no", action: "action"})
		}
		if len(own) == 0 {
			if c.R.Kind == "aws_default_network_acl" {
				// Terraform removes every entry of the default ACL that is
				// not written here, so none admits anything.
				c.Pass("the default network ACL has no ingress entries, so it denies all inbound traffic")
			}
			return // its entries, if any, are aws_network_acl_rule resources, judged on their own
		}
		acl = c.R
	}
	all := own
	if acl != nil {
		all = naclEntriesOf(c, acl)
	}
	bad, unknown := false, false
	for _, e := range own {
		switch naclJudge(c, e, all) {
		case ingressFail:
			bad = true
		case ingressUnknown:
			unknown = true
		}
	}
	if !bad && !unknown {
		c.Pass("no ingress entry admits 0.0.0.0/0 or ::/0 on port 22 or 3389 ahead of a deny")
	}
}

// naclEntriesOf lists every ingress entry of acl: its inline ingress blocks
// and the aws_network_acl_rule resources (egress false) that point at it.
func naclEntriesOf(c *rules.Check, acl *infra.Resource) []naclEntry {
	var out []naclEntry
	for i, b := range acl.Attrs.Blocks("ingress") {
		out = append(out, naclEntry{owner: acl, v: b, prefix: fmt.Sprintf("ingress[%d].", i), number: "rule_no", action: "action"})
	}
	for _, r := range c.Graph.Referrers(acl, "aws_network_acl_rule", "network_acl_id") {
		eg := r.Attrs.Field("egress")
		if b, _ := eg.Bool(); eg.IsKnown() && b {
			continue
		}
		out = append(out, naclEntry{owner: r, v: r.Attrs, number: "rule_number", action: "rule_action"})
	}
	return out
}

// naclNumber reads a number written as a number or as a string (a
// list(map(string)) input gives "100").
func naclNumber(v infra.Value) (float64, bool) {
	if n, ok := v.Number(); ok {
		return n, true
	}
	if s, ok := v.Str(); ok {
		if n, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			return n, true
		}
	}
	return 0, false
}

// naclMatch says whether an entry applies to traffic from the whole
// internet of one family on a TCP port. unknownAt names the attribute that
// could not be resolved (then the answer is not known).
func naclMatch(e naclEntry, family string, port float64) (match bool, unknownAt string) {
	cv := e.field(family)
	if !cv.IsKnown() {
		return false, family
	}
	cidr, _ := cv.Str()
	if cidr == "" || !isWorldCIDR(cidr) || naclFamilyOf(cidr) != family {
		return false, ""
	}
	pv := e.field("protocol")
	if !pv.IsKnown() {
		return false, "protocol"
	}
	proto := strings.ToLower(strings.TrimSpace(knownStr(pv)))
	switch proto {
	case "-1", "all":
		return true, "" // every protocol and port, whatever the ports say
	case "tcp", "6":
	default:
		return false, ""
	}
	fv, tv := e.field("from_port"), e.field("to_port")
	if !fv.IsKnown() {
		return false, "from_port"
	}
	if !tv.IsKnown() {
		return false, "to_port"
	}
	from, ok1 := naclNumber(fv)
	to, ok2 := naclNumber(tv)
	if !ok1 || !ok2 {
		return false, ""
	}
	return from <= port && port <= to, ""
}

// naclFamilyOf is the attribute a CIDR belongs in.
func naclFamilyOf(cidr string) string {
	if p, err := netip.ParsePrefix(strings.TrimSpace(cidr)); err == nil && p.Addr().Is6() {
		return "ipv6_cidr_block"
	}
	return "cidr_block"
}

// naclJudge records a fail or an unknown for one entry and says which.
func naclJudge(c *rules.Check, e naclEntry, all []naclEntry) ingressVerdict {
	act := e.field("action")
	if !act.IsKnown() {
		c.UnknownIn(e.owner, e.prefix+e.action, act)
		return ingressUnknown
	}
	if !strings.EqualFold(knownStr(act), "allow") {
		return ingressOK
	}
	for _, fam := range naclFamilies {
		for _, p := range naclAdminPorts {
			match, at := naclMatch(e, fam, p.port)
			if at != "" {
				c.UnknownIn(e.owner, e.prefix+at, e.field(at))
				return ingressUnknown
			}
			if !match {
				continue
			}
			nv := e.field("number")
			if !nv.IsKnown() {
				c.UnknownIn(e.owner, e.prefix+e.number, nv)
				return ingressUnknown
			}
			n, _ := naclNumber(nv)
			denied, u := naclDeniedBefore(e, n, all, fam, p.port)
			if u != nil {
				c.UnknownIn(u.owner, u.prefix+u.attr, u.v)
				return ingressUnknown
			}
			if denied {
				continue
			}
			cidr := knownStr(e.field(fam))
			c.FailAt(e.owner.LocOf(e.field(fam)), "%s (rule number %s) allows %s on %s, which reaches port %s (%s), and no lower-numbered entry denies it; admit only known networks or deny %s first",
				e.name(), num(n), cidr, naclPorts(e), num(p.port), p.service, num(p.port))
			return ingressFail
		}
	}
	return ingressOK
}

// naclUnresolved is an attribute of another entry that decides whether it
// denies the traffic first.
type naclUnresolved struct {
	owner        *infra.Resource
	prefix, attr string
	v            infra.Value
}

// naclDeniedBefore says whether an entry numbered below n denies the same
// traffic; NACL entries are evaluated in rule-number order and the first
// that matches decides. A deny of a narrower CIDR leaves the rest of the
// internet admitted, so only a deny of the whole family counts.
func naclDeniedBefore(self naclEntry, n float64, all []naclEntry, family string, port float64) (bool, *naclUnresolved) {
	for _, d := range all {
		if d.owner == self.owner && d.prefix == self.prefix {
			continue
		}
		act := d.field("action")
		if !act.IsKnown() {
			return false, &naclUnresolved{d.owner, d.prefix, d.action, act}
		}
		if !strings.EqualFold(knownStr(act), "deny") {
			continue
		}
		match, at := naclMatch(d, family, port)
		if at != "" {
			return false, &naclUnresolved{d.owner, d.prefix, at, d.field(at)}
		}
		if !match {
			continue
		}
		dv := d.field("number")
		if !dv.IsKnown() {
			return false, &naclUnresolved{d.owner, d.prefix, d.number, dv}
		}
		if dn, ok := naclNumber(dv); ok && dn < n {
			return true, nil
		}
	}
	return false, nil
}

// naclPorts describes what an entry admits: "all protocols" or "tcp ports 0-1024".
func naclPorts(e naclEntry) string {
	proto := strings.ToLower(knownStr(e.field("protocol")))
	if proto == "-1" || proto == "all" {
		return "all protocols and ports"
	}
	from, _ := naclNumber(e.field("from_port"))
	to, _ := naclNumber(e.field("to_port"))
	if from == to {
		return "tcp port " + num(from)
	}
	return "tcp ports " + num(from) + "-" + num(to)
}
