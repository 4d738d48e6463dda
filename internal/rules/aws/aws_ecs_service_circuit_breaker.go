package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ecs-service-circuit-breaker",
		Item:     checklist.Deploy,
		Severity: checklist.Medium,
		Title:    "ECS services roll back failed deployments with the deployment circuit breaker",
		Why: "Without the circuit breaker a deployment whose tasks never become healthy keeps " +
			"launching and killing tasks for hours, blocking the next deploy and eating capacity, until " +
			"someone notices. With rollback on, ECS stops after repeated failures and returns to the last " +
			"working task definition.",
		Fix: `resource "aws_ecs_service" "app" {
  # ...
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
}`,
		CloudFormationFix: `Service:
  Type: AWS::ECS::Service
  Properties:
    # ...
    DeploymentConfiguration:
      DeploymentCircuitBreaker:
        Enable: true
        Rollback: true # a deployment that keeps failing returns to the last working task definition
`,
		References: []string{
			doc("aws_ecs_service"),
			"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html",
		},
		Kinds: []string{"aws_ecs_service"},
		Check: func(c *rules.Check) {
			// The circuit breaker belongs to the rolling-update (ECS) deployment
			// controller, the default; CODE_DEPLOY and EXTERNAL roll out and
			// back by other means.
			ctl, ok := strAt(c, "deployment_controller.type", "ECS")
			if !ok || ctl != "ECS" {
				return
			}
			if c.R.Attrs.Get("deployment_circuit_breaker").IsNull() {
				c.Fail("deployment_circuit_breaker", "no deployment_circuit_breaker block; add one with enable = true and rollback = true")
				return
			}
			en, ok := boolAt(c, "deployment_circuit_breaker.enable", false)
			if !ok {
				return
			}
			if !en {
				// A disabled breaker fails whatever rollback says.
				c.Fail("deployment_circuit_breaker.enable", "deployment_circuit_breaker.enable is false; set enable = true and rollback = true")
				return
			}
			rb, ok := boolAt(c, "deployment_circuit_breaker.rollback", false)
			if !ok {
				return
			}
			switch {
			case !rb:
				c.Fail("deployment_circuit_breaker.rollback", "deployment_circuit_breaker.rollback is false, so a failed deployment stops without returning to the last working version; set rollback = true")
			default:
				c.Pass("deployment_circuit_breaker enables rollback")
			}
		},
	})
}
