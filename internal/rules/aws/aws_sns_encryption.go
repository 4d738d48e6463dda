package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-sns-encryption",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "SNS topics encrypt their messages at rest (kms_master_key_id)",
		Why: "SNS stores messages until they are delivered; without server-side encryption they sit in clear, " +
			"and alerts, events and notifications often carry customer data. Encryption with a KMS key also " +
			"puts who may publish and read under the key's policy.",
		Fix: `resource "aws_sns_topic" "orders" {
  name              = "orders"
  kms_master_key_id = aws_kms_key.main.arn   # or "alias/aws/sns"
}`,
		CloudFormationFix: `Topic:
  Type: AWS::SNS::Topic
  Properties:
    # ...
    KmsMasterKeyId: !Ref TopicKey # or alias/aws/sns
`,
		References: []string{
			doc("aws_sns_topic"), "https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html", "CKV_AWS_26", "AVD-AWS-0095",
			"cfn-nag: W47",
		},
		Kinds: []string{"aws_sns_topic"},
		Check: func(c *rules.Check) {
			v := c.R.Attrs.Get("kms_master_key_id")
			switch {
			case !v.IsKnown():
				// A key or alias of this stack (or one read by a data source)
				// is known after apply; a variable or parameter without a
				// value could be "", which leaves the topic unencrypted.
				if len(rules.ReferencedBy(c.Graph, c.R, "kms_master_key_id", "aws_kms_key", "aws_kms_alias", "data.aws_kms_key", "data.aws_kms_alias")) > 0 {
					c.Pass("kms_master_key_id names a key (known after apply)")
					return
				}
				c.Unknown("kms_master_key_id", v)
			case v.IsNull() || knownStr(v) == "":
				c.Fail("", "kms_master_key_id is not set, so the topic's messages are stored unencrypted; set it to a KMS key (or alias/aws/sns)")
			default:
				c.Pass("messages are encrypted with %s", knownStr(v))
			}
		},
	})
}
