package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-secretsmanager-kms",
		Item:     checklist.Security,
		Severity: checklist.Low,
		Title:    "Secrets Manager secrets are encrypted with a customer-managed KMS key",
		Why: "Without kms_key_id a secret is encrypted with the AWS-managed key aws/secretsmanager: it is encrypted, " +
			"but anyone the account's IAM policies allow to read the secret can decrypt it, the key policy cannot be " +
			"changed, and the secret cannot be shared with another account. A customer-managed key adds a second, " +
			"separately audited gate on every read.",
		Fix: `resource "aws_secretsmanager_secret" "db" {
  name       = "shop/db"
  kms_key_id = aws_kms_key.secrets.arn
}`,
		CloudFormationFix: `Secret:
  Type: AWS::SecretsManager::Secret
  Properties:
    # ...
    KmsKeyId: !Ref SecretsKey # a customer managed AWS::KMS::Key
`,
		References: []string{
			doc("aws_secretsmanager_secret"),
			"https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html",
			"CKV_AWS_149", "AVD-AWS-0098",
			"cfn-nag: W77",
		},
		Kinds: []string{"aws_secretsmanager_secret"},
		Check: func(c *rules.Check) {
			v := c.R.Attrs.Get("kms_key_id")
			switch {
			case !v.IsKnown():
				// The ARN of a key or alias of this stack is known after apply.
				if len(rules.ReferencedBy(c.Graph, c.R, "kms_key_id", "aws_kms_key", "aws_kms_alias")) > 0 {
					c.Pass("kms_key_id names a customer-managed key (known after apply)")
					return
				}
				c.Unknown("kms_key_id", v)
			case v.IsNull() || knownStr(v) == "":
				// Without kms_key_id, Secrets Manager uses aws/secretsmanager (provider docs).
				c.Fail("", "kms_key_id is not set, so the secret is encrypted with the AWS-managed key aws/secretsmanager; set it to a customer-managed KMS key")
			case strings.Contains(knownStr(v), "alias/aws/"):
				c.Fail("kms_key_id", "kms_key_id is %s, an AWS-managed key; set it to a customer-managed KMS key", knownStr(v))
			default:
				c.Pass("kms_key_id is %s", knownStr(v))
			}
		},
	})
}
