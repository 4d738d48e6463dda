package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-cloudwatch-log-group-kms",
		Item:     checklist.Security,
		Severity: checklist.Low,
		Title:    "CloudWatch log groups encrypt their events with a customer managed KMS key (kms_key_id)",
		Why: "CloudWatch Logs always encrypts log data at rest with keys it manages, so nothing is stored in " +
			"clear; the severity is low for that reason. A customer managed key adds what service keys cannot: " +
			"its key policy decides who may read the logs (which often hold tokens, personal data and request " +
			"bodies), every decryption is recorded in CloudTrail, and disabling the key makes the logs unreadable " +
			"at once. Audits (PCI DSS, HIPAA) commonly ask for it.",
		Fix: `resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/web"
  retention_in_days = 90
  kms_key_id        = aws_kms_key.logs.arn   # its key policy must allow the logs.<region>.amazonaws.com principal
}`,
		CloudFormationFix: `LogGroup:
  Type: AWS::Logs::LogGroup
  Properties:
    LogGroupName: /app/web
    RetentionInDays: 90
    KmsKeyId: !GetAtt LogsKey.Arn # its key policy must allow the logs.<region>.amazonaws.com principal
`,
		References: []string{
			doc("aws_cloudwatch_log_group"),
			"https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
			"CKV_AWS_158",
			"AVD-AWS-0017",
			"cfn-nag: W84",
		},
		Kinds:         []string{"aws_cloudwatch_log_group"},
		CrossResource: true, // a key id known only after apply is accepted when it comes from a KMS key of the stack
		Check:         checkLogGroupKMS,
	})
}

// logGroupKMSKinds are the kinds whose ARN or id, written into kms_key_id,
// name a customer managed key.
var logGroupKMSKinds = []string{"aws_kms_key", "aws_kms_replica_key", "aws_kms_alias", "data.aws_kms_key", "data.aws_kms_alias"}

func checkLogGroupKMS(c *rules.Check) {
	// kms_key_id: "The ARN of the KMS Key to use when encrypting log data";
	// when it is not set the log group uses CloudWatch Logs' own service
	// keys (provider docs; CloudWatch Logs user guide, "Encrypt log data in
	// CloudWatch Logs using AWS KMS").
	v := c.R.Attrs.Get("kms_key_id")
	switch {
	case !v.IsKnown():
		if keys := rules.ReferencedBy(c.Graph, c.R, "kms_key_id", logGroupKMSKinds...); len(keys) > 0 {
			c.Pass("kms_key_id is the ARN of %s (known after apply)", keys[0].Address)
			return
		}
		// A template that writes the ARN ("arn:aws:kms:…:${…}:key/…") is
		// never null or empty, whatever its unknown parts.
		if strings.HasPrefix(v.Expr(), `"arn:`) {
			c.Pass("kms_key_id is a KMS key ARN (%s)", v.Expr())
			return
		}
		c.Unknown("kms_key_id", v)
	case v.IsNull():
		c.Fail("kms_key_id", "kms_key_id is not set, so the log group is encrypted only with CloudWatch Logs' service keys; set it to a customer managed KMS key")
	case knownStr(v) == "":
		c.Fail("kms_key_id", "kms_key_id is empty, so the log group is encrypted only with CloudWatch Logs' service keys; set it to a customer managed KMS key")
	default:
		c.Pass("kms_key_id is %s", knownStr(v))
	}
}
