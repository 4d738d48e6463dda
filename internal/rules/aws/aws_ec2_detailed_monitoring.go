package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ec2-detailed-monitoring",
		Item:     checklist.Metrics,
		Severity: checklist.Low,
		Title:    "Service instances and launch templates turn on EC2 detailed monitoring (1-minute metrics)",
		Why: "Basic monitoring sends EC2 metrics every five minutes: a CPU spike that lasts three minutes never " +
			"shows, alarms need five to fifteen minutes to fire, and target-tracking scaling reacts late. " +
			"Detailed monitoring sends them every minute. Unlike CKV_AWS_126, which judges every aws_instance, " +
			"this rule judges the instances that serve (see aws-ec2-standalone-service), not bastions or NAT " +
			"instances, and also launch templates, whose instances start with basic monitoring unless " +
			"monitoring { enabled = true } is set.",
		Fix: `resource "aws_launch_template" "app" {
  # ...
  monitoring {
    enabled = true
  }
}

resource "aws_instance" "web" {
  # ...
  monitoring = true
}`,
		Fixes: map[string]string{
			"aws_instance": `resource "aws_instance" "web" {
  # ...
  monitoring = true
}`,
			"aws_launch_template": `resource "aws_launch_template" "app" {
  # ...
  monitoring {
    enabled = true
  }
}`,
		},
		CloudFormationFix: `LaunchTemplate:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      # ...
      Monitoring:
        Enabled: true
`,
		CloudFormationFixes: map[string]string{
			"aws_instance": `Instance:
  Type: AWS::EC2::Instance
  Properties:
    # ...
    Monitoring: true
`,
		},
		References: []string{
			doc("aws_instance"),
			doc("aws_launch_template"),
			"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/manage-detailed-monitoring.html",
			"CKV_AWS_126",
		},
		Kinds:         []string{"aws_instance", "aws_launch_template"},
		CrossResource: true, // which instances serve (see serviceWhy)
		Check: func(c *rules.Check) {
			if c.R.Kind == "aws_instance" {
				if serviceWhy(c) == "" {
					return // a bastion, a NAT instance, a runner: basic metrics are enough
				}
				// monitoring defaults to false (basic, 5-minute metrics).
				requireBool(c, boolWant{path: "monitoring", def: false, want: true,
					pass:      "monitoring is true: EC2 sends metrics every minute",
					fail:      "monitoring is false, so EC2 sends metrics every five minutes; set monitoring = true",
					failUnset: "monitoring is not set and defaults to false, so EC2 sends metrics every five minutes; set monitoring = true"})
				return
			}
			// An aws_launch_template without a monitoring block leaves
			// detailed monitoring off (the RunInstances default).
			m := c.R.Attrs.Get("monitoring")
			if !m.IsKnown() {
				c.Unknown("monitoring", m)
				return
			}
			blocks := c.R.Attrs.Blocks("monitoring")
			if len(blocks) == 0 {
				c.Fail("", "the launch template has no monitoring block, so its instances send metrics every five minutes; add monitoring { enabled = true }")
				return
			}
			v := blocks[0].Get("enabled")
			if !v.IsKnown() {
				c.Unknown("monitoring.enabled", v)
				return
			}
			if b, _ := v.Bool(); b {
				c.Pass("monitoring.enabled is true: instances send metrics every minute")
				return
			}
			// enabled omitted in the block is false as well.
			c.Fail("monitoring", "monitoring.enabled is false or not set, so its instances send metrics every five minutes; set monitoring { enabled = true }")
		},
	})
}
