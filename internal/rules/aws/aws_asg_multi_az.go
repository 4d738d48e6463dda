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
		ID:       "aws-asg-multi-az",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "Auto Scaling groups spread instances over at least two availability zones",
		Why: "An Auto Scaling group confined to one zone goes down with that zone, and cannot even " +
			"replace its instances until the zone recovers. With subnets in two or more zones it " +
			"rebalances and relaunches capacity in the zones that are still healthy.",
		Fix: `resource "aws_autoscaling_group" "app" {
  # ...
  vpc_zone_identifier = [aws_subnet.private_a.id, aws_subnet.private_b.id, aws_subnet.private_c.id]
}`,
		CloudFormationFix: `Group:
  Type: AWS::AutoScaling::AutoScalingGroup
  Properties:
    # ...
    VPCZoneIdentifier: # subnets in different zones
      - !Ref PrivateSubnetA
      - !Ref PrivateSubnetB
      - !Ref PrivateSubnetC
`,
		References: []string{
			doc("aws_autoscaling_group"),
			"https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-benefits.html#arch-AutoScalingMultiAZ",
		},
		Kinds:         []string{"aws_autoscaling_group"},
		CrossResource: true,
		Check:         checkASGZones,
	})
}

func checkASGZones(c *rules.Check) {
	subnets := c.R.Attrs.Get("vpc_zone_identifier")
	zones := c.R.Attrs.Get("availability_zones")
	if !subnets.IsKnown() {
		// A plan leaves subnet ids unknown, but says which subnets they are.
		if zones := subnetZones(rules.ReferencedBy(c.Graph, c.R, "vpc_zone_identifier", "aws_subnet")); len(zones) >= 2 {
			c.Pass("vpc_zone_identifier refers to subnets in %s", strings.Join(zones, ", "))
			return
		}
		c.Unknown("vpc_zone_identifier", subnets)
		return
	}
	if subnets.IsNull() || subnets.Len() == 0 {
		if !zones.IsKnown() {
			c.Unknown("availability_zones", zones)
			return
		}
		n := zones.Len()
		switch {
		case n >= 2:
			c.Pass("availability_zones lists %d zones", n)
		case n == 1:
			c.Fail("availability_zones", "availability_zones lists one zone; use subnets in at least two zones")
		default:
			c.Fail("vpc_zone_identifier", "neither vpc_zone_identifier nor availability_zones is set; use subnets in at least two zones")
		}
		return
	}
	if subnets.Len() < 2 {
		c.Fail("vpc_zone_identifier", "vpc_zone_identifier lists one subnet, so all instances share one zone; use subnets in at least two zones")
		return
	}
	// When the subnets are resources of this component, count their zones:
	// two subnets can sit in the same zone.
	targets := c.Graph.Targets(c.R, "vpc_zone_identifier")
	if len(targets) < subnets.Len() {
		c.Pass("vpc_zone_identifier lists %d subnets", subnets.Len())
		return
	}
	az := map[string]bool{}
	for _, s := range targets {
		if s.Kind != "aws_subnet" {
			c.Pass("vpc_zone_identifier lists %d subnets", subnets.Len())
			return
		}
		z := s.Attrs.Get("availability_zone")
		if z.IsNull() {
			z = s.Attrs.Get("availability_zone_id")
		}
		if !z.IsKnown() || z.IsNull() {
			c.Pass("vpc_zone_identifier lists %d subnets", subnets.Len())
			return
		}
		name, _ := z.Str()
		az[name] = true
	}
	names := make([]string, 0, len(az))
	for z := range az {
		names = append(names, z)
	}
	sort.Strings(names)
	if len(az) < 2 {
		c.Fail("vpc_zone_identifier", "the %d subnets in vpc_zone_identifier are all in %s; use subnets in at least two zones", subnets.Len(), names[0])
		return
	}
	c.Pass("subnets span %s", strings.Join(names, ", "))
}

// subnetZones returns the distinct known zones of subnets, sorted; nil if
// any zone is not known.
func subnetZones(subnets []*infra.Resource) []string {
	az := map[string]bool{}
	for _, s := range subnets {
		z := s.Attrs.Get("availability_zone")
		if z.IsNull() {
			z = s.Attrs.Get("availability_zone_id")
		}
		name, ok := z.Str()
		if !ok {
			return nil
		}
		az[name] = true
	}
	names := make([]string, 0, len(az))
	for z := range az {
		names = append(names, z)
	}
	sort.Strings(names)
	return names
}
