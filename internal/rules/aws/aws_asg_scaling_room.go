package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-asg-scaling-room",
		Item:     checklist.Scalability,
		Severity: checklist.Medium,
		Title:    "Auto Scaling groups have room to scale (max_size above min_size)",
		Why: "A group whose max_size equals its min_size can never add an instance: scaling policies fire and " +
			"nothing happens, and a traffic peak meets a fixed fleet.",
		Fix: `resource "aws_autoscaling_group" "app" {
  min_size = 2
  max_size = 10   # above min_size
}`,
		CloudFormationFix: `Group:
  Type: AWS::AutoScaling::AutoScalingGroup
  Properties:
    # ...
    MinSize: "2"
    MaxSize: "10" # above MinSize
`,
		References: []string{doc("aws_autoscaling_group")},
		Kinds:      []string{"aws_autoscaling_group"},
		Check: func(c *rules.Check) {
			min, ok1 := numAt(c, "min_size", 0)
			max, ok2 := numAt(c, "max_size", 0)
			if !ok1 || !ok2 {
				return
			}
			if max <= min {
				c.Fail("max_size", "max_size (%s) is not above min_size (%s), so the group can never add an instance; raise max_size", num(max), num(min))
				return
			}
			c.Pass("the group may grow from %s to %s instances", num(min), num(max))
		},
	})
}
