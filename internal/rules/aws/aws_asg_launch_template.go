package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-asg-launch-template",
		Item:     checklist.Deploy,
		Severity: checklist.Medium,
		Title:    "Auto Scaling groups launch from launch templates, not launch configurations",
		Why: "Launch configurations are deprecated: they get no new instance types or features, cannot be " +
			"versioned (every change replaces them), do not support mixed instances, IMDSv2 defaults or " +
			"instance refresh with a new version, and accounts created since 2024 cannot create them at all, " +
			"so the stack stops being deployable in a new account.",
		Fix: `resource "aws_launch_template" "app" {
  image_id      = data.aws_ami.app.id
  instance_type = "m7g.large"
}

resource "aws_autoscaling_group" "app" {
  launch_template {
    id      = aws_launch_template.app.id
    version = aws_launch_template.app.latest_version
  }
}`,
		CloudFormationFix: `LaunchTemplate:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      ImageId: '{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64}}'
      InstanceType: m7g.large
Group:
  Type: AWS::AutoScaling::AutoScalingGroup
  Properties:
    # ... (in place of LaunchConfigurationName)
    LaunchTemplate:
      LaunchTemplateId: !Ref LaunchTemplate
      Version: !GetAtt LaunchTemplate.LatestVersionNumber
`,
		References: []string{
			doc("aws_launch_configuration"),
			"https://docs.aws.amazon.com/autoscaling/ec2/userguide/launch-configurations.html",
			"CKV_AWS_315",
		},
		Kinds: []string{"aws_autoscaling_group"},
		Check: func(c *rules.Check) {
			// Which configuration it names may be unknown (a computed
			// name); that it names one is enough.
			switch {
			case !c.R.Attrs.Get("launch_configuration").IsNull():
				c.Fail("launch_configuration", "the group launches from a launch configuration, which AWS has deprecated; use an aws_launch_template")
			case !c.R.Attrs.Get("launch_template").IsNull() || !c.R.Attrs.Get("mixed_instances_policy").IsNull():
				c.Pass("the group launches from a launch template")
			}
		},
	})
}
