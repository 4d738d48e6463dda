package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-asg-scaling-policy",
		Item:     checklist.Scalability,
		Severity: checklist.Medium,
		Title:    "Auto Scaling groups have a scaling policy (or scheduled actions) and room to scale",
		Why: "Without a scaling policy an Auto Scaling group only replaces failed instances: a traffic " +
			"peak saturates the fixed fleet and someone has to raise the capacity by hand, after the " +
			"latency alarms. A target-tracking policy adds and removes instances with the load.",
		Fix: `resource "aws_autoscaling_policy" "cpu" {
  name                   = "cpu-target"
  autoscaling_group_name = aws_autoscaling_group.app.name
  policy_type            = "TargetTrackingScaling"
  target_tracking_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
    target_value = 50
  }
}`,
		CloudFormationFix: `Group:
  Type: AWS::AutoScaling::AutoScalingGroup
  # ...
CpuScaling:
  Type: AWS::AutoScaling::ScalingPolicy
  Properties:
    AutoScalingGroupName: !Ref Group
    PolicyType: TargetTrackingScaling
    TargetTrackingConfiguration:
      PredefinedMetricSpecification:
        PredefinedMetricType: ASGAverageCPUUtilization
      TargetValue: 50
`,
		References: []string{
			doc("aws_autoscaling_policy"),
			"https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html",
		},
		Kinds:         []string{"aws_autoscaling_group"},
		CrossResource: true,
		Check: func(c *rules.Check) {
			// Room to scale (max_size above min_size) is aws-asg-scaling-room's
			// to judge, with its own fix; this rule asks only for a policy.
			var enabled []string
			for _, p := range pointers(c, "aws_autoscaling_policy", "autoscaling_group_name", "name") {
				// enabled defaults to true (provider docs).
				if b, ok := p.Attrs.Get("enabled").Bool(); ok && !b {
					continue
				}
				enabled = append(enabled, p.Address)
			}
			if len(enabled) == 0 {
				// Scheduled actions resize the group for load that is known
				// in advance (business hours, batch windows).
				if sch := pointers(c, "aws_autoscaling_schedule", "autoscaling_group_name", "name"); len(sch) > 0 {
					c.Pass("%s resizes it on a schedule", sch[0].Address)
					return
				}
				missingUnlessUnresolved(c, "aws_autoscaling_policy", "autoscaling_group_name", "name", "no enabled aws_autoscaling_policy has autoscaling_group_name pointing at %s", c.R.Address)
				return
			}
			c.Pass("%s scales it", enabled[0])
		},
	})
}
