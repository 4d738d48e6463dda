package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ecs-deployment-capacity",
		Item:     checklist.Deploy,
		Severity: checklist.High,
		Title:    "ECS deployments keep tasks running while new ones start (deployment_minimum_healthy_percent)",
		Why: "deployment_minimum_healthy_percent is the share of tasks a rolling deployment must keep running. " +
			"At 0, ECS may stop every task of the service before the new ones are healthy: each deploy is an " +
			"outage, and a deploy of a broken version leaves nothing serving.",
		Fix: `resource "aws_ecs_service" "api" {
  # ...
  deployment_minimum_healthy_percent = 100   # the default
  deployment_maximum_percent         = 200
}`,
		CloudFormationFix: `Service:
  Type: AWS::ECS::Service
  Properties:
    # ...
    DeploymentConfiguration:
      MinimumHealthyPercent: 100 # the default
      MaximumPercent: 200
`,
		References: []string{doc("aws_ecs_service"), "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html"},
		Kinds:      []string{"aws_ecs_service"},
		Check: func(c *rules.Check) {
			if knownStr(c.R.Attrs.Get("scheduling_strategy")) == "DAEMON" {
				return // one task per instance: replaced in place by design
			}
			if t := knownStr(c.R.Attrs.Get("deployment_controller.type")); t == "CODE_DEPLOY" || t == "EXTERNAL" {
				return // blue/green or an external controller decides
			}
			min, ok := numAt(c, "deployment_minimum_healthy_percent", 100) // ECS's default for REPLICA services
			if !ok {
				return
			}
			if min == 0 {
				c.Fail("deployment_minimum_healthy_percent", "deployment_minimum_healthy_percent is 0, so a deployment may stop every task before new ones are healthy; keep it at 50–100")
				return
			}
			c.Pass("deployments keep at least %s%% of the tasks running", num(min))
		},
	})
}
