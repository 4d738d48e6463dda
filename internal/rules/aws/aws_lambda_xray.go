package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-lambda-xray",
		Item:     checklist.Metrics,
		Severity: checklist.Low,
		Title:    "Lambda functions trace their invocations with X-Ray (tracing_config.mode = \"Active\")",
		Why: "Without active tracing a function is traced only when an upstream service has already sampled the " +
			"request, so a slow or failing dependency call (a database, another API, a queue) shows up as a long " +
			"duration with no breakdown. Active tracing samples every entry point and shows where the time went. " +
			"Checkov's CKV_AWS_50 also accepts mode = \"PassThrough\"; this rule does not, because PassThrough is " +
			"what the function does when tracing_config is omitted.",
		Fix: `resource "aws_lambda_function" "api" {
  # ...
  tracing_config {
    mode = "Active"
  }
}`,
		CloudFormationFix: `Function:
  Type: AWS::Lambda::Function
  Properties:
    # ...
    TracingConfig:
      Mode: Active
`,
		References: []string{
			doc("aws_lambda_function"),
			"https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html",
			"CKV_AWS_50",
			"AVD-AWS-0066", "AVD-AWS-0125", // 0125: the same check for SAM functions
		},
		Kinds: []string{"aws_lambda_function"},
		Check: func(c *rules.Check) {
			// tracing_config.mode: the Lambda API's TracingConfig defaults to
			// PassThrough when it is not given (Lambda API reference,
			// TracingConfig), so an omitted block traces only requests an
			// upstream service sampled.
			mode, ok := strAt(c, "tracing_config.mode", "")
			switch {
			case !ok:
			case mode == "Active":
				c.Pass("tracing_config.mode is Active")
			case mode == "":
				c.Fail("tracing_config", "tracing_config is not set, so the mode is PassThrough and only requests an upstream service sampled are traced; set tracing_config { mode = \"Active\" }")
			default:
				c.Fail("tracing_config.mode", "tracing_config.mode is %s, so only requests an upstream service sampled are traced; set it to Active", mode)
			}
		},
	})
}
