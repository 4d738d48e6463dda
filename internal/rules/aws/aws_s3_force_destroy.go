package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-s3-force-destroy",
		Item:     checklist.Backup,
		Severity: checklist.Medium,
		Title:    "S3 buckets are not deleted with their objects (force_destroy)",
		Why: "With force_destroy = true, a terraform destroy, a renamed resource or a replacement deletes every " +
			"object in the bucket, versions included, without asking. Without it, Terraform refuses to delete " +
			"a bucket that still holds data, which is what a bucket of data needs.",
		Fix: `resource "aws_s3_bucket" "data" {
  bucket        = "shop-orders"
  force_destroy = false   # the default
}`,
		CloudFormationFix: `# CloudFormation deletes only empty buckets: a stack deletion that meets a
# bucket holding objects fails and leaves it. Leave out what empties it first
# (CDK's autoDeleteObjects, a Custom::S3AutoDeleteObjects resource), and keep
# the bucket when the stack or the resource goes:
Bucket:
  Type: AWS::S3::Bucket
  DeletionPolicy: Retain
  UpdateReplacePolicy: Retain
  Properties:
    # ...
`,
		References: []string{doc("aws_s3_bucket")},
		Kinds:      []string{"aws_s3_bucket"},
		Check: func(c *rules.Check) {
			// force_destroy defaults to false (provider docs).
			requireBool(c, boolWant{
				path: "force_destroy", def: false, want: false,
				pass: "force_destroy is false: Terraform will not delete the bucket while it holds objects",
				fail: "force_destroy is true, so destroying or replacing the bucket deletes every object and version in it; remove force_destroy",
			})
		},
	})
}
