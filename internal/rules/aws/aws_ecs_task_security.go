package aws

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ecs-task-non-root",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "ECS task containers run as a non-root user",
		Why: "A container with no user runs as the image's user, which is root unless the image says " +
			"otherwise: a flaw in the application becomes root in the container, with write access to all " +
			"it holds and one kernel bug from the host (on EC2 launch type, the instance and its other tasks).",
		Fix: `container_definitions = jsonencode([{
  name  = "api"
  image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2"
  user  = "10001:10001"
}])`,
		CloudFormationFix: `TaskDefinition:
  Type: AWS::ECS::TaskDefinition
  Properties:
    # ...
    ContainerDefinitions:
      - Name: api
        Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2
        User: "10001:10001" # a non-root UID:GID
`,
		References: []string{doc("aws_ecs_task_definition"), "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security"},
		Kinds:      []string{"aws_ecs_task_definition"},
		Check: func(c *rules.Check) {
			checkContainers(c, func(name string, ct map[string]any) (string, []any) {
				u, _ := ct["user"].(string)
				switch first, _, _ := strings.Cut(strings.TrimSpace(u), ":"); {
				case u == "":
					return "container %s sets no user, so it runs as its image's user, root unless the image sets another; set \"user\" to a non-root UID", []any{name}
				case first == "root" || first == "0":
					return "container %s runs as %s; set \"user\" to a non-root UID", []any{name, u}
				}
				return "", nil
			}, "every container runs as a non-root user")
		},
	})
	rules.Register(&rules.Rule{
		ID:       "aws-ecs-task-readonly-rootfs",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "ECS task containers run with a read-only root filesystem",
		Why: "A writable root filesystem lets an attacker who gets code execution drop tools, change binaries " +
			"and persist in the container. A read-only one, with volumes only where the application must " +
			"write, takes that away.",
		Fix: `container_definitions = jsonencode([{
  name                   = "api"
  readonlyRootFilesystem = true
  mountPoints            = [{ sourceVolume = "tmp", containerPath = "/tmp" }]
}])`,
		CloudFormationFix: `TaskDefinition:
  Type: AWS::ECS::TaskDefinition
  Properties:
    # ...
    Volumes:
      - Name: tmp
    ContainerDefinitions:
      - Name: api
        # ...
        ReadonlyRootFilesystem: true
        MountPoints: # writable only where the application must write
          - SourceVolume: tmp
            ContainerPath: /tmp
`,
		References: []string{doc("aws_ecs_task_definition"), "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_storage", "CKV_AWS_336"},
		Kinds:      []string{"aws_ecs_task_definition"},
		Check: func(c *rules.Check) {
			checkContainers(c, func(name string, ct map[string]any) (string, []any) {
				if b, _ := ct["readonlyRootFilesystem"].(bool); !b {
					return "container %s has a writable root filesystem (readonlyRootFilesystem is not true); set it to true and mount volumes where it writes", []any{name}
				}
				return "", nil
			}, "every container has a read-only root filesystem")
		},
	})
}

// checkContainers runs judge on each container of the task definition's
// container_definitions (a JSON document, as jsonencode writes it) and
// records a fail per container it objects to (judge gives the message's
// format and arguments, "" when the container is fine), or pass.
func checkContainers(c *rules.Check, judge func(name string, ct map[string]any) (string, []any), pass string) {
	v, ok := read(c, "container_definitions")
	if !ok {
		return
	}
	text, isStr := v.Str()
	if !isStr {
		return
	}
	var cts []map[string]any
	if err := json.Unmarshal([]byte(text), &cts); err != nil {
		return // the provider rejects it; not this rule's concern
	}
	failed := false
	for i, ct := range cts {
		name, _ := ct["name"].(string)
		if name == "" {
			name = fmt.Sprintf("#%d", i)
		}
		if format, args := judge(name, ct); format != "" {
			c.Fail("container_definitions", format, args...)
			failed = true
		}
	}
	if !failed && len(cts) > 0 {
		c.Pass(pass)
	}
}
