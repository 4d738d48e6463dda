package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ecs-task-logging",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "ECS task containers send their logs somewhere (logConfiguration with a logDriver)",
		Why: "A container without a logConfiguration writes its output to the Docker daemon's json-file on the " +
			"host, or, on Fargate, nowhere: when the task stops, its logs are gone, and during an incident " +
			"nobody can read them from the console or CloudWatch. A log driver (awslogs, awsfirelens, " +
			"splunk, fluentd…) ships them as they are written.",
		Fix: `container_definitions = jsonencode([{
  name  = "api"
  image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2"
  logConfiguration = {
    logDriver = "awslogs"
    options = {
      awslogs-group         = aws_cloudwatch_log_group.api.name
      awslogs-region        = "eu-west-1"
      awslogs-stream-prefix = "api"
    }
  }
}])`,
		CloudFormationFix: `TaskDefinition:
  Type: AWS::ECS::TaskDefinition
  Properties:
    # ...
    ContainerDefinitions:
      - Name: api
        Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2
        LogConfiguration:
          LogDriver: awslogs
          Options:
            awslogs-group: !Ref LogGroup
            awslogs-region: !Ref AWS::Region
            awslogs-stream-prefix: api
LogGroup:
  Type: AWS::Logs::LogGroup
  Properties:
    RetentionInDays: 30
`,
		References: []string{
			doc("aws_ecs_task_definition"),
			"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html",
			"https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html",
		},
		Kinds: []string{"aws_ecs_task_definition"},
		Check: func(c *rules.Check) {
			checkContainers(c, func(name string, ct map[string]any) (string, []any) {
				lc, _ := ct["logConfiguration"].(map[string]any)
				if lc == nil {
					return "container %s has no logConfiguration, so its logs stay on the host (or, on Fargate, are lost); add a logConfiguration with logDriver awslogs or awsfirelens", []any{name}
				}
				if d, _ := lc["logDriver"].(string); d == "" {
					return "container %s has a logConfiguration without a logDriver; set logDriver (awslogs, awsfirelens, splunk, fluentd…)", []any{name}
				}
				return "", nil
			}, "every container has a logConfiguration with a logDriver")
		},
	})
}
