package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-asg-elb-health-check",
		Item:     checklist.Availability,
		Severity: checklist.Medium,
		Title:    "Auto Scaling groups behind a load balancer replace instances the load balancer finds unhealthy",
		Why: "With the default EC2 health check an instance whose application hangs or crashes stays in " +
			"service as long as the virtual machine runs: the load balancer stops sending it traffic, but " +
			"the group never replaces it, so capacity quietly shrinks until the service falls over.",
		Fix: `resource "aws_autoscaling_group" "app" {
  # ...
  target_group_arns         = [aws_lb_target_group.app.arn]
  health_check_type         = "ELB"
  health_check_grace_period = 120
}`,
		CloudFormationFix: `Group:
  Type: AWS::AutoScaling::AutoScalingGroup
  Properties:
    # ...
    TargetGroupARNs:
      - !Ref TargetGroup
    HealthCheckType: ELB
    HealthCheckGracePeriod: 120
`,
		References: []string{
			doc("aws_autoscaling_group"),
			"https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html",
		},
		Kinds:         []string{"aws_autoscaling_group"},
		CrossResource: true,
		Check: func(c *rules.Check) {
			behind := ""
			for _, a := range []string{"target_group_arns", "load_balancers"} {
				v := c.R.Attrs.Get(a)
				if !v.IsKnown() {
					// Known only after apply, but built from load balancer resources.
					if len(rules.ReferencedBy(c.Graph, c.R, a, "aws_lb_target_group", "aws_alb_target_group", "aws_elb")) > 0 {
						behind = a
						continue
					}
					c.Unknown(a, v)
					return
				}
				if v.Len() > 0 {
					behind = a
				}
			}
			if behind == "" {
				// Attached by a separate resource instead of an argument.
				if at := pointers(c, "aws_autoscaling_attachment", "autoscaling_group_name", "name"); len(at) > 0 {
					behind = at[0].Address
				}
			}
			if behind == "" {
				return // not behind a load balancer: the EC2 check is all there is
			}
			// health_check_type is Optional+Computed; the API default is "EC2".
			t, ok := strAt(c, "health_check_type", "EC2")
			switch {
			case !ok:
			case t == "ELB":
				c.Pass("health_check_type is ELB")
			case c.R.Attrs.Get("health_check_type").IsNull():
				c.Fail("health_check_type", "health_check_type is not set (default EC2) although the group is behind a load balancer (%s); set health_check_type = \"ELB\"", behind)
			default:
				c.Fail("health_check_type", "health_check_type is %s although the group is behind a load balancer (%s); set health_check_type = \"ELB\"", t, behind)
			}
		},
	})
}
