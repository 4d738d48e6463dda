package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-lb-cross-zone",
		Item:     checklist.Availability,
		Severity: checklist.Medium,
		Title:    "Network and Gateway Load Balancers spread traffic across zones",
		Why: "Without cross-zone load balancing each load balancer node sends traffic only to targets in its own " +
			"zone: a zone with fewer healthy targets takes the same share of traffic and overloads, and a zone " +
			"left with none drops its share. Application Load Balancers always balance across zones; Network " +
			"and Gateway Load Balancers do not unless told to.",
		Fix: `resource "aws_lb" "nlb" {
  load_balancer_type               = "network"
  enable_cross_zone_load_balancing = true
}`,
		CloudFormationFix: `LoadBalancer:
  Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  Properties:
    # ...
    Type: network
    LoadBalancerAttributes:
      - Key: load_balancing.cross_zone.enabled
        Value: "true"
`,
		References: []string{
			doc("aws_lb"),
			"https://docs.aws.amazon.com/elasticloadbalancing/latest/network/network-load-balancers.html#cross-zone-load-balancing",
		},
		Kinds: []string{"aws_lb"},
		Check: func(c *rules.Check) {
			typ, ok := strAt(c, "load_balancer_type", "application")
			if !ok || typ == "application" {
				return // always cross-zone
			}
			requireBool(c, boolWant{
				path: "enable_cross_zone_load_balancing", def: false, want: true,
				pass:      "cross-zone load balancing is on",
				failUnset: "enable_cross_zone_load_balancing is not set, so a " + typ + " load balancer keeps each zone's traffic in that zone; set it to true",
				fail:      "enable_cross_zone_load_balancing is false; set it to true",
			})
		},
	})
}
