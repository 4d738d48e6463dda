package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ec2-standalone-service",
		Item:     checklist.Scalability,
		Severity: checklist.High,
		Title:    "Services run in an Auto Scaling group (or ECS, EKS, Lambda), not on standalone EC2 instances",
		Why: "A service on a standalone aws_instance cannot add capacity when load grows, is not replaced when " +
			"its host fails, and every change to its image or user data means downtime while it is rebuilt. " +
			"An Auto Scaling group with a launch template gives all three: scaling, self-healing, and rolling " +
			"replacement (instance refresh).",
		Fix:               standaloneFix,
		CloudFormationFix: standaloneCloudFormationFix,
		References: []string{
			doc("aws_autoscaling_group"),
			"https://docs.aws.amazon.com/autoscaling/ec2/userguide/what-is-amazon-ec2-auto-scaling.html",
		},
		Kinds:         []string{"aws_instance", "aws_autoscaling_group"},
		CrossResource: true, // target groups, Elastic IPs, DNS records and security groups say what an instance is for
		Check: func(c *rules.Check) {
			if c.R.Kind == "aws_autoscaling_group" {
				c.Pass("the service runs in an Auto Scaling group, which can scale and replaces failed instances")
				return
			}
			if why := serviceWhy(c); why != "" {
				c.Fail("", "%s runs the service on a standalone instance (taken for the service because %s): it cannot scale and is not replaced when it fails; run it in an Auto Scaling group with a launch template", c.R.Address, why)
			}
		},
	})
}
