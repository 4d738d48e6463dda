package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-cloudwatch-log-retention",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "CloudWatch log groups keep logs for a defined retention period",
		Why: "A log group without retention keeps every event forever: storage cost grows without bound, " +
			"and personal data in logs is kept longer than any policy allows. A defined retention makes " +
			"how far back an investigation can look a decision instead of an accident. retention_in_days = 0 " +
			"means never expire and is reported too, although CKV_AWS_66 accepts any value; no minimum is " +
			"imposed (CKV_AWS_338 wants a year), since how long to keep logs is a compliance decision.",
		Fix: `resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/web"
  retention_in_days = 90
}`,
		CloudFormationFix: `LogGroup:
  Type: AWS::Logs::LogGroup
  Properties:
    LogGroupName: /app/web
    RetentionInDays: 90
`,
		References: []string{
			doc("aws_cloudwatch_log_group"),
			"https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention",
			"CKV_AWS_66",
			"cfn-nag: W86",
		},
		Kinds: []string{"aws_cloudwatch_log_group"},
		Check: func(c *rules.Check) {
			// retention_in_days: "If you select 0, the events in the log group
			// are always retained and never expire"; omitted means the same.
			days, ok := numAt(c, "retention_in_days", 0)
			switch {
			case !ok:
			case days > 0:
				c.Pass("retention_in_days is %s", num(days))
			case c.R.Attrs.Get("retention_in_days").IsNull():
				c.Fail("retention_in_days", "retention_in_days is not set, so logs never expire; set a retention such as 90 days")
			default:
				c.Fail("retention_in_days", "retention_in_days is 0, so logs never expire; set a retention such as 90 days")
			}
		},
	})
}
