package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-s3-access-logging",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "S3 buckets write server access logs to a log bucket",
		Why: "Server access logs are the record of who read, wrote or deleted which object. Without them " +
			"a leaked credential or a vanished object cannot be traced, and audits of data access have " +
			"nothing to go on.",
		Fix: `resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "s3/data/"
}`,
		CloudFormationFix: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    # ...
    LoggingConfiguration:
      DestinationBucketName: !Ref LogBucket
      LogFilePrefix: s3/data/
`,
		References: []string{
			doc("aws_s3_bucket_logging"),
			"https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html",
			"CKV_AWS_18",
			"AVD-AWS-0089",
			"cfn-nag: W35",
		},
		Kinds:         []string{"aws_s3_bucket"},
		CrossResource: true,
		Check: func(c *rules.Check) {
			if isLogBucket(c) {
				return // the log bucket itself: logging it would log its own log writes
			}
			if l := c.R.Attrs.Get("logging"); !l.IsKnown() {
				c.Unknown("logging", l) // a dynamic block, a condition: logging may be absent
				return
			}
			if v := c.R.Attrs.Get("logging.target_bucket"); !v.IsNull() {
				if !v.IsKnown() {
					// the target is unknown, but logging is configured
					c.Pass("logging sends access logs to %s", orDefault(v.Expr(), "a target bucket"))
					return
				}
				c.Pass("logging.target_bucket is %s", knownStr(v))
				return
			}
			if ls := bucketConfigs(c, "aws_s3_bucket_logging"); len(ls) > 0 {
				c.Pass("%s sends its access logs to a log bucket", ls[0].Address)
				return
			}
			missingUnlessUnresolved(c, "aws_s3_bucket_logging", "bucket", "bucket", "no aws_s3_bucket_logging sends access logs of %s to a log bucket", c.R.Address)
		},
	})
}
