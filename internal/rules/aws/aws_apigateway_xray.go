package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-apigateway-xray",
		Item:     checklist.Metrics,
		Severity: checklist.Low,
		Title:    "API Gateway REST API stages trace requests with X-Ray (xray_tracing_enabled)",
		Why: "With X-Ray on the stage, each sampled request is traced from the API through its integration " +
			"(a Lambda function, an HTTP backend), so latency and errors can be pinned to the hop that caused them; " +
			"it also starts the trace that Lambda functions behind the API continue. Without it, API latency is one " +
			"number with no breakdown.",
		Fix: `resource "aws_api_gateway_stage" "prod" {
  # ...
  xray_tracing_enabled = true
}`,
		CloudFormationFix: `# (an AWS::Serverless::Api takes the same TracingEnabled)
Stage:
  Type: AWS::ApiGateway::Stage
  Properties:
    # ...
    TracingEnabled: true
`,
		References: []string{
			doc("aws_api_gateway_stage"),
			"https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html",
			"CKV_AWS_73",
			"AVD-AWS-0003",
		},
		// HTTP and WebSocket APIs (aws_apigatewayv2_stage) do not support
		// X-Ray tracing, so only REST API stages are checked.
		Kinds: []string{"aws_api_gateway_stage"},
		Check: func(c *rules.Check) {
			// xray_tracing_enabled: "Whether active tracing with X-ray is
			// enabled. Defaults to false." (provider docs)
			requireBool(c, boolWant{
				path: "xray_tracing_enabled", def: false, want: true,
				pass:      "xray_tracing_enabled is true",
				failUnset: "xray_tracing_enabled is not set, and it defaults to false; set xray_tracing_enabled = true",
				fail:      "xray_tracing_enabled is false; set it to true",
			})
		},
	})
}
