package aws

import (
	"sort"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ec2-service-multi-az",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "Services on EC2 instances run in at least two availability zones",
		Why: "When every instance of a service sits in one availability zone, a zone outage, or the failure of " +
			"the one instance, takes the whole service down, and nothing starts it elsewhere. Instances " +
			"behind one target group in two or more zones keep it answering; an Auto Scaling group over " +
			"subnets in several zones also replaces them.",
		Fix: `resource "aws_autoscaling_group" "app" {
  min_size            = 2
  vpc_zone_identifier = [aws_subnet.private_a.id, aws_subnet.private_b.id]
  target_group_arns   = [aws_lb_target_group.app.arn]
  # ...
}
# or at least a second instance in another zone, registered with the same target group`,
		CloudFormationFix: `# in place of the instance, with a launch template of its settings:
Group:
  Type: AWS::AutoScaling::AutoScalingGroup
  Properties:
    # ...
    MinSize: "2"
    MaxSize: "4"
    VPCZoneIdentifier: # subnets in two zones
      - !Ref PrivateSubnetA
      - !Ref PrivateSubnetB
    TargetGroupARNs:
      - !Ref TargetGroup
`,
		References: []string{
			doc("aws_instance"),
			"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html",
		},
		Kinds:         []string{"aws_instance"},
		CrossResource: true, // target groups and their members, subnets, what an instance is for (serviceWhy)
		Check:         checkEC2ServiceZones,
	})
}

func checkEC2ServiceZones(c *rules.Check) {
	if serviceWhy(c) == "" {
		return // a bastion, a NAT instance, a runner: not the service
	}
	tgs := ec2ServiceTargetGroups(c)
	if len(tgs) == 0 {
		// Served through an Elastic IP, a DNS record or an open port: the
		// service is this instance and its count/for_each siblings.
		judgeEC2ServiceZones(c, ec2ServiceSiblings(c), "")
		return
	}
	for _, tg := range tgs {
		if asg := ec2TargetGroupHasASG(c.Graph, tg); asg != nil {
			c.Pass("%s also serves %s through %s, whose zones aws-asg-multi-az judges", tg.Address, c.R.Address, asg.Address)
			continue
		}
		var members []*infra.Resource
		seen := map[*infra.Resource]bool{}
		for _, a := range c.Graph.Referrers(tg, "aws_lb_target_group_attachment", "target_group_arn") {
			for _, m := range c.Graph.Targets(a, "target_id") {
				if m.Kind == "aws_instance" && !seen[m] {
					seen[m] = true
					members = append(members, m)
				}
			}
		}
		sort.Slice(members, func(i, j int) bool { return members[i].Address < members[j].Address })
		judgeEC2ServiceZones(c, members, tg.Address)
	}
}

// ec2ServiceTargetGroups returns the target groups the instance is
// registered with.
func ec2ServiceTargetGroups(c *rules.Check) []*infra.Resource {
	var out []*infra.Resource
	seen := map[*infra.Resource]bool{}
	for _, a := range c.Graph.Referrers(c.R, "aws_lb_target_group_attachment", "target_id") {
		for _, tg := range c.Graph.Targets(a, "target_group_arn") {
			if tg.Kind == "aws_lb_target_group" && !seen[tg] {
				seen[tg] = true
				out = append(out, tg)
			}
		}
	}
	return out
}

// ec2TargetGroupHasASG returns an Auto Scaling group registered with the
// target group, inline or through an attachment: the instances are then
// not the target group's whole capacity.
func ec2TargetGroupHasASG(g *infra.Graph, tg *infra.Resource) *infra.Resource {
	if rs := g.Referrers(tg, "aws_autoscaling_group", "target_group_arns"); len(rs) > 0 {
		return rs[0]
	}
	for _, a := range g.Referrers(tg, "aws_autoscaling_attachment", "") {
		for _, t := range g.Targets(a, "autoscaling_group_name") {
			return t
		}
	}
	return nil
}

// ec2ServiceSiblings returns the instance and the other instances of its
// resource block (count or for_each), sorted by address.
func ec2ServiceSiblings(c *rules.Check) []*infra.Resource {
	base := ec2BlockAddress(c.R.Address)
	var out []*infra.Resource
	for _, r := range c.Graph.OfKind("aws_instance") {
		if r == c.R || ec2BlockAddress(r.Address) == base {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out
}

// ec2BlockAddress is a resource address without its instance key:
// aws_instance.web[1] → aws_instance.web.
func ec2BlockAddress(addr string) string {
	if strings.HasSuffix(addr, "]") {
		if i := strings.LastIndex(addr, "["); i > strings.LastIndex(addr, ".") {
			return addr[:i]
		}
	}
	return addr
}

// judgeEC2ServiceZones records the result for c.R, one of members, the
// instances that together serve (the members of target group tg, or the
// instances of one block when tg is "").
func judgeEC2ServiceZones(c *rules.Check, members []*infra.Resource, tg string) {
	zones := map[string][]string{}
	var unknown *infra.Resource
	for _, m := range members {
		z, ok := ec2InstanceZone(c.Graph, m)
		if !ok {
			if unknown == nil || m == c.R {
				unknown = m
			}
			continue
		}
		zones[z] = append(zones[z], m.Address)
	}
	names := make([]string, 0, len(zones))
	for z := range zones {
		names = append(names, z)
	}
	sort.Strings(names)
	what := "the service"
	if tg != "" {
		what = tg
	}
	switch {
	case len(zones) >= 2:
		c.Pass("%s runs on %d instances in %s", what, len(members), strings.Join(names, ", "))
	case len(members) == 1:
		at := "availability_zone"
		if c.R.Attrs.Get(at).IsNull() {
			at = "subnet_id"
		}
		zone := "its one zone"
		if len(names) == 1 {
			zone = names[0]
		}
		c.Fail(at, "%s is the only instance serving %s, in %s: the loss of that instance or zone stops the service; run it in an Auto Scaling group over two zones", c.R.Address, what, zone)
	case unknown != nil:
		ec2ZoneUnknown(c, unknown)
	default:
		at := "availability_zone"
		if c.R.Attrs.Get(at).IsNull() {
			at = "subnet_id"
		}
		c.Fail(at, "all %d instances serving %s (%s) are in %s: a zone outage stops the service; put instances in at least two zones", len(members), what, ec2InstanceList(members), names[0])
	}
}

// ec2InstanceZone is the zone of an instance: its availability_zone, else
// the zone of its subnet when that subnet is in the graph with a known zone.
func ec2InstanceZone(g *infra.Graph, r *infra.Resource) (string, bool) {
	if z := r.Attrs.Get("availability_zone"); !z.IsNull() {
		s, ok := z.Str()
		return s, ok && z.IsKnown()
	}
	for _, s := range g.Targets(r, "subnet_id") {
		if s.Kind != "aws_subnet" {
			continue
		}
		if zs := subnetZones([]*infra.Resource{s}); len(zs) == 1 {
			return zs[0], true
		}
	}
	return "", false
}

// ec2ZoneUnknown records why the zone of instance m cannot be read.
func ec2ZoneUnknown(c *rules.Check, m *infra.Resource) {
	z, sub := m.Attrs.Get("availability_zone"), m.Attrs.Get("subnet_id")
	switch {
	case !z.IsKnown():
		c.UnknownIn(m, "availability_zone", z)
	case !sub.IsKnown() && len(c.Graph.Targets(m, "subnet_id")) == 0:
		c.UnknownIn(m, "subnet_id", sub)
	case sub.IsNull():
		c.UnknownBecause(m.Address + " sets neither availability_zone nor subnet_id, so EC2 picks its zone (in the default VPC); the zones of the service's instances cannot be told from the code")
	default:
		c.UnknownBecause(m.Address + "'s subnet is not a resource with a known zone in this stack, so the zones of the service's instances cannot be told from the code")
	}
}

// ec2InstanceList names instances for a message: the block when they are
// all instances of one (count, for_each), else their addresses.
func ec2InstanceList(rs []*infra.Resource) string {
	base := ec2BlockAddress(rs[0].Address)
	for _, r := range rs[1:] {
		if ec2BlockAddress(r.Address) != base {
			return addresses(rs)
		}
	}
	if len(rs) > 1 {
		return "the instances of " + base
	}
	return base
}
