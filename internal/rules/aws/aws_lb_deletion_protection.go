package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-lb-deletion-protection",
		Item:     checklist.Availability,
		Severity: checklist.Medium,
		Title:    "Load balancers have deletion protection enabled",
		Why: "The load balancer is the front door: deleting it by a mistaken destroy or a forced " +
			"replacement takes the service offline, and the new one gets a new DNS name that clients and " +
			"DNS records must learn. Deletion protection makes such a change fail instead.",
		Fix: `resource "aws_lb" "app" {
  # ...
  enable_deletion_protection = true
}`,
		CloudFormationFix: `LoadBalancer:
  Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  Properties:
    # ...
    LoadBalancerAttributes:
      - Key: deletion_protection.enabled
        Value: "true"
`,
		References: []string{
			doc("aws_lb"),
			"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection",
			"CKV_AWS_150",
		},
		Kinds: []string{"aws_lb", "aws_alb"},
		Check: func(c *rules.Check) {
			// enable_deletion_protection defaults to false (provider docs).
			requireBool(c, boolWant{
				path: "enable_deletion_protection", def: false, want: true,
				pass:      "enable_deletion_protection is true",
				failUnset: "enable_deletion_protection is not set (default false); set it to true",
				fail:      "enable_deletion_protection is false; set it to true",
			})
		},
	})
}
