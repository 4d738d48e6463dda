package aws

import (
	"fmt"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-launch-template-public-ip",
		Item:     checklist.Networking,
		Severity: checklist.Medium,
		Title:    "Application instances launched from templates get no public IP address",
		Why: "A public address puts every instance of the group directly on the internet, past the load " +
			"balancer, the WAF and the security review of what is exposed: one security group rule too wide " +
			"and the application port is reachable by anyone. Application instances belong in private subnets " +
			"behind the load balancer, reaching out through NAT.",
		Fix: `resource "aws_launch_template" "app" {
  network_interfaces {
    associate_public_ip_address = false
    security_groups             = [aws_security_group.app.id]
  }
}`,
		CloudFormationFix: `LaunchTemplate:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      # ...
      NetworkInterfaces:
        - DeviceIndex: 0
          AssociatePublicIpAddress: false
          Groups:
            - !Ref AppSecurityGroup
`,
		References: []string{doc("aws_launch_template")},
		Kinds:      []string{"aws_launch_template"},
		Check: func(c *rules.Check) {
			failed := false
			for i, ni := range c.R.Attrs.Blocks("network_interfaces") {
				path := fmt.Sprintf("network_interfaces[%d].associate_public_ip_address", i)
				// The provider takes "true"/"false" strings here as well.
				public, ok := boolOf(c, ni.Get("associate_public_ip_address"), path, false)
				if !ok {
					return
				}
				if public {
					c.Fail(path, "instances launched from this template get a public IP address; set associate_public_ip_address = false and run them in private subnets")
					failed = true
				}
			}
			if !failed {
				c.Pass("the template asks for no public IP address (the subnet's setting applies)")
			}
		},
	})
}
