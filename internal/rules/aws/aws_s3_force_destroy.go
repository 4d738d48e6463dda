package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
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
			if c.R.Origin == infra.OriginCloudFormation {
				// The loader sets force_destroy from a
				// Custom::S3AutoDeleteObjects resource (the CDK's
				// autoDeleteObjects); CloudFormation itself deletes only
				// empty buckets.
				if on, _ := c.R.Attrs.Get("force_destroy").Bool(); on {
					c.Fail("force_destroy", "a Custom::S3AutoDeleteObjects resource (the CDK's autoDeleteObjects: true) empties the bucket before CloudFormation deletes it, so deleting the stack, or the bucket from the app, deletes every object in it; remove autoDeleteObjects")
					return
				}
				c.Pass("nothing empties the bucket first, and CloudFormation deletes a bucket only when it is empty")
				return
			}
			// force_destroy defaults to false (provider docs).
			requireBool(c, boolWant{
				path: "force_destroy", def: false, want: false,
				pass: "force_destroy is false: Terraform will not delete the bucket while it holds objects",
				fail: "force_destroy is true, so destroying or replacing the bucket deletes every object and version in it; remove force_destroy",
			})
		},
	})
}
