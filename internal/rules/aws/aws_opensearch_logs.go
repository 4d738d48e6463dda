package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-opensearch-logs",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "OpenSearch domains publish their error (or audit) logs to CloudWatch Logs",
		Why: "The domain's error logs (ES_APPLICATION_LOGS) are the only record of failed shards, rejected " +
			"requests, mapping errors and garbage-collection pauses; unpublished, they are out of reach when " +
			"the domain misbehaves. Checkov's CKV_AWS_84 accepts any log type; this rule does not count slow " +
			"logs alone, which show slow queries, not failures.",
		Fix: `resource "aws_opensearch_domain" "search" {
  # ...
  log_publishing_options {
    log_type                 = "ES_APPLICATION_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
  }
}`,
		CloudFormationFix:   opensearchLogsCFN,
		CloudFormationFixes: opensearchLogsCFNByKind,
		References: []string{
			doc("aws_opensearch_domain"),
			doc("aws_elasticsearch_domain"),
			"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/createdomain-configure-slow-logs.html",
			"CKV_AWS_84",
		},
		Kinds: opensearchKinds,
		Check: func(c *rules.Check) {
			opts := c.R.Attrs.Get("log_publishing_options")
			if !opts.IsKnown() {
				c.Unknown("log_publishing_options", opts)
				return
			}
			slowOnly := false
			for _, o := range c.R.Attrs.Blocks("log_publishing_options") {
				if !o.IsKnown() {
					c.Unknown("log_publishing_options", o)
					return
				}
				t, en := o.Field("log_type"), o.Field("enabled")
				if !t.IsKnown() {
					c.Unknown("log_publishing_options.log_type", t)
					return
				}
				if !en.IsKnown() {
					c.Unknown("log_publishing_options.enabled", en)
					return
				}
				// enabled defaults to true.
				if b, isBool := en.Bool(); isBool && !b {
					continue
				}
				switch knownStr(t) {
				case "ES_APPLICATION_LOGS", "AUDIT_LOGS":
					c.Pass("log_publishing_options publishes %s", knownStr(t))
					return
				default:
					slowOnly = true
				}
			}
			if slowOnly {
				c.Fail("log_publishing_options", "log_publishing_options publishes only slow logs; add ES_APPLICATION_LOGS (error logs)")
				return
			}
			c.Fail("log_publishing_options", "log_publishing_options publishes no enabled log; publish ES_APPLICATION_LOGS (error logs) to a CloudWatch log group")
		},
	})
}

var opensearchLogsCFN, opensearchLogsCFNByKind = searchDomainCloudFormationFix(`SearchLogs:
  Type: AWS::Logs::LogGroup
  Properties:
    RetentionInDays: 30
# The log group's resource policy (AWS::Logs::ResourcePolicy) must let
# es.amazonaws.com write to it.
Search:
  Type: TYPE
  Properties:
    # ...
    LogPublishingOptions:
      ES_APPLICATION_LOGS:
        CloudWatchLogsLogGroupArn: !GetAtt SearchLogs.Arn
        Enabled: true # false unless written
`)
