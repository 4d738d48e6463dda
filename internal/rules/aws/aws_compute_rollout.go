package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-compute-rollout",
		Item:     checklist.Deploy,
		Severity: checklist.High,
		Title:    "Services roll out new versions without downtime: Auto Scaling groups refresh their instances, standalone instances are not the service",
		Why: "A new launch template version reaches no running instance of an Auto Scaling group until the " +
			"instances are replaced, so without instance_refresh a deploy changes nothing until someone " +
			"cycles them by hand. A service on a standalone instance is worse: a new AMI or user data " +
			"replaces the only instance, and the service is down until the new one is up.",
		Fix: `resource "aws_autoscaling_group" "app" {
  # ...
  instance_refresh {
    strategy = "Rolling"
    preferences {
      min_healthy_percentage = 90
    }
  }
}`,
		Fixes: map[string]string{
			"aws_instance": standaloneFix,
		},
		CloudFormationFix: `Group:
  Type: AWS::AutoScaling::AutoScalingGroup
  UpdatePolicy:
    # CloudFormation replaces the instances, one at a time, when the launch template changes
    AutoScalingRollingUpdate:
      MaxBatchSize: 1
      MinInstancesInService: 1
  # ...
`,
		CloudFormationFixes: map[string]string{
			"aws_instance": standaloneCloudFormationFix,
		},
		References: []string{
			doc("aws_autoscaling_group"),
			"https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-instance-refresh.html",
		},
		Kinds:         []string{"aws_autoscaling_group", "aws_instance"},
		CrossResource: true, // what an instance is for (see serviceWhy)
		Check: func(c *rules.Check) {
			if c.R.Kind == "aws_instance" {
				if why := serviceWhy(c); why != "" {
					c.Fail("", "%s runs the service on a standalone instance (taken for the service because %s): a new AMI or user data replaces it with downtime; run it in an Auto Scaling group with instance_refresh", c.R.Address, why)
				}
				return
			}
			ir := c.R.Attrs.Get("instance_refresh")
			switch {
			case !ir.IsKnown():
				c.Unknown("instance_refresh", ir)
			case ir.IsNull() || ir.Len() == 0: // a plan writes an absent block as []
				c.Fail("", "the group has no instance_refresh, so a new launch template version reaches no running instance until they are replaced by hand; add instance_refresh { strategy = \"Rolling\" }")
			default:
				c.Pass("instance_refresh replaces instances when the launch template changes")
			}
		},
	})
}
