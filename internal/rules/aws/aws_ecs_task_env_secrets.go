package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/secretname"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ecs-task-env-secrets",
		Item:     checklist.Configure,
		Severity: checklist.High,
		Title:    "ECS task definitions pass secrets through secrets (valueFrom), not plain environment values",
		Why: "A value in a container's environment is stored in the task definition in clear: every revision " +
			"keeps it, anyone who can describe task definitions reads it, and it lands in the Terraform state. " +
			"The secrets field takes it from Secrets Manager or Parameter Store at start-up instead.",
		Fix: `container_definitions = jsonencode([{
  name    = "api"
  secrets = [{ name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn }]
}])`,
		CloudFormationFix: `TaskDefinition:
  Type: AWS::ECS::TaskDefinition
  Properties:
    # ...
    ContainerDefinitions:
      - Name: api
        # ...
        Secrets: # read from Secrets Manager when the task starts, not stored in the task definition
          - Name: DB_PASSWORD
            ValueFrom: !Ref DatabaseSecret
`,
		References: []string{doc("aws_ecs_task_definition"), "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html", "AVD-AWS-0036"},
		Kinds:      []string{"aws_ecs_task_definition"},
		Check: func(c *rules.Check) {
			checkContainers(c, func(name string, ct map[string]any) (string, []any) {
				env, _ := ct["environment"].([]any)
				for _, e := range env {
					kv, _ := e.(map[string]any)
					n, _ := kv["name"].(string)
					v, _ := kv["value"].(string)
					if secretname.Is(n) && !secretname.IsReference(n) && !secretname.IsSwitch(n) &&
						!secretname.Switch(v) && !secretname.Injected(v) {
						return "container %s sets %s in its environment in clear; pass it through secrets with valueFrom (Secrets Manager or Parameter Store)", []any{name, n}
					}
				}
				return "", nil
			}, "no container carries a secret in its environment")
		},
	})
}
