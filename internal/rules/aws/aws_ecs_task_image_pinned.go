package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ecs-task-image-pinned",
		Item:     checklist.Install,
		Severity: checklist.Medium,
		Title:    "ECS task containers pin their image to a version tag or, better, a digest (no :latest, no missing tag)",
		Why: "An image without a tag is image:latest, and latest is whatever was pushed last: two tasks of one " +
			"revision can run different code, a scale-out or a replaced task picks up an untested build, and " +
			"rolling back to the previous task definition brings back nothing. A version tag names one build " +
			"(if the repository's tags are immutable); a digest (@sha256:…) cannot change at all.",
		Fix: `container_definitions = jsonencode([{
  name  = "api"
  image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
  # or at least a version tag: ".../api:1.4.2"
}])`,
		CloudFormationFix: `TaskDefinition:
  Type: AWS::ECS::TaskDefinition
  Properties:
    # ...
    ContainerDefinitions:
      - Name: api
        # ...
        Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/api@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
        # or at least a version tag: .../api:1.4.2
`,
		References: []string{
			doc("aws_ecs_task_definition"),
			"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_image",
			"https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html",
		},
		Kinds: []string{"aws_ecs_task_definition"},
		Check: func(c *rules.Check) {
			checkContainers(c, func(name string, ct map[string]any) (string, []any) {
				image, _ := ct["image"].(string)
				if image == "" {
					return "", nil // the API requires an image; not this rule's concern
				}
				switch _, tag, digest := ecsImageRef(image); {
				case digest:
					return "", nil
				case tag == "":
					return "container %s uses image %s with no tag, which means :latest; pin a version tag or a digest (@sha256:…)", []any{name, image}
				case tag == "latest":
					return "container %s uses image %s; pin a version tag or a digest (@sha256:…) instead of :latest", []any{name, image}
				}
				return "", nil
			}, "every container's image is pinned to a version tag or a digest")
		},
	})
}

// ecsImageRef splits a container image reference into its repository and
// tag, and reports whether it carries a digest. A registry host may have a
// port ("registry:5000/app"), so the tag is what follows the last ':'
// after the last '/'.
func ecsImageRef(image string) (repo, tag string, digest bool) {
	if at := strings.Index(image, "@"); at >= 0 {
		return image[:at], "", strings.Contains(image[at+1:], ":")
	}
	slash := strings.LastIndex(image, "/")
	if colon := strings.LastIndex(image, ":"); colon > slash {
		return image[:colon], image[colon+1:], false
	}
	return image, "", false
}
