package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-default-security-group",
		Item:     checklist.Networking,
		Severity: checklist.Medium,
		Title:    "The VPC's default security group allows no traffic",
		Why: "Every resource launched without a security group lands in the VPC's default group, which by " +
			"default lets its members talk to each other and reach anywhere. Emptying it makes a forgotten " +
			"security group an obvious failure instead of silent open access.",
		Fix: `resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id
  # no ingress or egress blocks: all traffic denied
}`,
		References: []string{doc("aws_default_security_group"), "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html"},
		Kinds:      []string{"aws_default_security_group"},
		Check: func(c *rules.Check) {
			for _, dir := range []string{"ingress", "egress"} {
				v := c.R.Attrs.Get(dir)
				if !v.IsKnown() {
					c.Unknown(dir, v)
					return
				}
				if v.Len() > 0 {
					c.Fail(dir, "the default security group has %s rules; remove them so that resources without a security group of their own get no traffic", dir)
					return
				}
			}
			c.Pass("the default security group has no rules")
		},
	})
}
