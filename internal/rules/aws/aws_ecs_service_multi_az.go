package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ecs-service-multi-az",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "ECS services place their tasks in subnets of at least two availability zones",
		Why: "ECS spreads a service's tasks over the zones of the subnets it is given; with subnets in one " +
			"zone every task goes down with that zone, and ECS cannot start replacements until it recovers. " +
			"Services on EC2 without awsvpc networking take their zones from the cluster's instances, " +
			"which aws-asg-multi-az judges.",
		Fix: `resource "aws_ecs_service" "api" {
  # ...
  network_configuration {
    subnets = [aws_subnet.private_a.id, aws_subnet.private_b.id]
  }
}`,
		CloudFormationFix: `Service:
  Type: AWS::ECS::Service
  Properties:
    # ...
    NetworkConfiguration:
      AwsvpcConfiguration:
        Subnets: # in at least two availability zones
          - !Ref PrivateSubnetA
          - !Ref PrivateSubnetB
`,
		References: []string{
			doc("aws_ecs_service"),
			"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-strategies.html",
		},
		Kinds:         []string{"aws_ecs_service"},
		CrossResource: true, // the subnets' zones
		Check:         checkECSServiceZones,
	})
}

func checkECSServiceZones(c *rules.Check) {
	// A daemon runs one task per container instance: its zones are the
	// instances'.
	if knownStr(c.R.Attrs.Get("scheduling_strategy")) == "DAEMON" {
		return
	}
	const path = "network_configuration.subnets"
	subnets := c.R.Attrs.Get(path)
	if subnets.IsNull() {
		// No awsvpc network configuration: tasks run on the cluster's
		// instances, in their zones (aws-asg-multi-az).
		return
	}
	if subnets.IsKnown() && subnets.Len() == 0 {
		return // the API refuses an awsvpc service without subnets
	}
	if subnets.IsKnown() && subnets.Len() == 1 {
		c.Fail(path, "network_configuration.subnets lists one subnet, so every task runs in one zone; give subnets in at least two zones")
		return
	}
	targets := rules.ReferencedBy(c.Graph, c.R, path, "aws_subnet")
	if subnets.IsKnown() && len(targets) < subnets.Len() {
		// Some subnets are not resources of this stack: their zones
		// cannot be read here.
		c.UnknownBecause("network_configuration.subnets names subnets that are not defined in this configuration, so their zones cannot be read")
		return
	}
	zones := subnetZones(targets)
	switch {
	case len(targets) == 0 && !subnets.IsKnown():
		c.Unknown(path, subnets)
	case zones == nil:
		c.UnknownBecause("the availability zones of the subnets in network_configuration.subnets are not known without running Terraform")
	case len(zones) == 1:
		c.Fail(path, "the subnets in network_configuration.subnets are all in %s, so every task runs in one zone; add subnets in other zones", zones[0])
	default:
		c.Pass("tasks are spread over subnets in %s", strings.Join(zones, ", "))
	}
}
