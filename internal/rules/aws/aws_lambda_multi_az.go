package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-lambda-multi-az",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "Lambda functions in a VPC use subnets in at least two availability zones",
		Why: "A function attached to a VPC can only run in the zones of its subnets: with subnets in one zone, " +
			"that zone's outage stops every invocation, although Lambda itself would have run elsewhere. A function " +
			"outside a VPC is spread over the region's zones by Lambda and needs nothing here.",
		Fix: `resource "aws_lambda_function" "worker" {
  # ...
  vpc_config {
    subnet_ids         = [aws_subnet.private_a.id, aws_subnet.private_b.id]
    security_group_ids = [aws_security_group.worker.id]
  }
}`,
		CloudFormationFix: `Function:
  Type: AWS::Lambda::Function
  Properties:
    # ...
    VpcConfig:
      SubnetIds: # in at least two availability zones
        - !Ref PrivateSubnetA
        - !Ref PrivateSubnetB
      SecurityGroupIds:
        - !Ref FunctionSecurityGroup
`,
		References: []string{
			doc("aws_lambda_function"),
			"https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html",
			"https://docs.aws.amazon.com/lambda/latest/dg/security-resilience.html",
		},
		Kinds:         []string{"aws_lambda_function"},
		CrossResource: true, // the zones of the subnets it names
		Check:         checkLambdaZones,
	})
}

func checkLambdaZones(c *rules.Check) {
	vpc := c.R.Attrs.Get("vpc_config")
	if !vpc.IsKnown() {
		c.Unknown("vpc_config", vpc)
		return
	}
	subnets := c.R.Attrs.Get("vpc_config.subnet_ids")
	if vpc.IsNull() || vpc.Kind() == infra.List && vpc.Len() == 0 || subnets.IsKnown() && subnets.Len() == 0 {
		// Without vpc_config (or with empty subnet_ids, which detaches the
		// function from the VPC) Lambda runs the function in several zones
		// of the region by itself (Lambda developer guide, resilience).
		c.Pass("no vpc_config: Lambda runs the function across the region's availability zones")
		return
	}
	referenced := lambdaSubnetTargets(c)
	if !subnets.IsKnown() {
		// A plan leaves the ids unknown, but says which subnets they are.
		if zones := subnetZones(referenced); len(zones) >= 2 {
			c.Pass("vpc_config.subnet_ids refers to subnets in %s", strings.Join(zones, ", "))
			return
		}
		c.Unknown("vpc_config.subnet_ids", subnets)
		return
	}
	if subnets.Len() == 1 && len(referenced) <= 1 {
		c.Fail("vpc_config.subnet_ids", "vpc_config.subnet_ids lists one subnet, so the function runs in one availability zone only; use subnets in at least two zones")
		return
	}
	// Count the zones of the subnets this component declares: two subnets
	// can sit in the same zone.
	var known []*infra.Resource
	for _, s := range referenced {
		if z := subnetZones([]*infra.Resource{s}); len(z) == 1 {
			known = append(known, s)
		}
	}
	zones := subnetZones(known)
	switch {
	case len(zones) >= 2:
		c.Pass("vpc_config.subnet_ids spans %s", strings.Join(zones, ", "))
	case len(known) == len(referenced) && len(referenced) >= subnets.Len() && len(zones) == 1:
		c.Fail("vpc_config.subnet_ids", "the %d subnets in vpc_config.subnet_ids are all in %s, so the function runs in one availability zone only; use subnets in at least two zones", subnets.Len(), zones[0])
	default:
		c.UnknownBecause("the availability zones of the " + plural(subnets.Len(), "subnet") + " in vpc_config.subnet_ids cannot be resolved from the code; two subnets may share a zone")
	}
}

// lambdaSubnetTargets are the aws_subnet resources the function's
// vpc_config.subnet_ids refers to.
func lambdaSubnetTargets(c *rules.Check) []*infra.Resource {
	return rules.ReferencedBy(c.Graph, c.R, "vpc_config.subnet_ids", "aws_subnet")
}
