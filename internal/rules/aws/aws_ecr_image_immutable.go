package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ecr-image-immutable",
		Item:     checklist.Install,
		Severity: checklist.Medium,
		Title:    "ECR repositories make image tags immutable",
		Why: "With mutable tags, pushing v1.4.2 again silently changes what every new task, scale-out " +
			"and rollback runs, so the version in the deployment no longer says what is deployed. " +
			"Immutable tags make each tag name one image forever.",
		Fix: `resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
}`,
		CloudFormationFix: `Repository:
  Type: AWS::ECR::Repository
  Properties:
    RepositoryName: app
    ImageTagMutability: IMMUTABLE
`,
		References: []string{
			doc("aws_ecr_repository"),
			"https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html",
			"CKV_AWS_51",
			"AVD-AWS-0031",
		},
		Kinds: []string{"aws_ecr_repository"},
		Check: func(c *rules.Check) {
			// image_tag_mutability defaults to MUTABLE (provider docs).
			m, ok := strAt(c, "image_tag_mutability", "MUTABLE")
			switch {
			case !ok:
			case strings.HasPrefix(m, "IMMUTABLE"):
				c.Pass("image_tag_mutability is %s", m)
			case c.R.Attrs.Get("image_tag_mutability").IsNull():
				c.Fail("image_tag_mutability", "image_tag_mutability is not set (default MUTABLE); set it to \"IMMUTABLE\"")
			default:
				c.Fail("image_tag_mutability", "image_tag_mutability is %s; set it to \"IMMUTABLE\"", m)
			}
		},
	})
}
