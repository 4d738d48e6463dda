package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-apigateway-access-logs",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "API Gateway stages write access logs (access_log_settings with a destination)",
		Why: "Access logs record every request to the API with its caller, route, status, latency and integration " +
			"error. Without them, when clients report errors or an abuse is suspected there is no per-request " +
			"record of who called what: metrics only give totals.",
		Fix: `resource "aws_api_gateway_stage" "prod" {
  # ...
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format          = jsonencode({ requestId = "$context.requestId", ip = "$context.identity.sourceIp", status = "$context.status", routeKey = "$context.resourcePath", latency = "$context.responseLatency" })
  }
}`,
		CloudFormationFix: `# (an AWS::Serverless::Api takes the same AccessLogSetting)
ApiAccessLogs:
  Type: AWS::Logs::LogGroup
  Properties:
    RetentionInDays: 90
Stage:
  Type: AWS::ApiGateway::Stage
  Properties:
    # ...
    AccessLogSetting: # the account's API Gateway CloudWatch role (AWS::ApiGateway::Account) must be set
      DestinationArn: !GetAtt ApiAccessLogs.Arn
      Format: '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status","resourcePath":"$context.resourcePath","latency":"$context.responseLatency"}'
`,
		CloudFormationFixes: map[string]string{
			"aws_apigatewayv2_stage": `# (an AWS::Serverless::HttpApi takes the same AccessLogSettings)
ApiAccessLogs:
  Type: AWS::Logs::LogGroup
  Properties:
    RetentionInDays: 90
Stage:
  Type: AWS::ApiGatewayV2::Stage
  Properties:
    # ...
    AccessLogSettings:
      DestinationArn: !GetAtt ApiAccessLogs.Arn
      Format: '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status","routeKey":"$context.routeKey","latency":"$context.responseLatency"}'
`,
		},
		References: []string{
			doc("aws_api_gateway_stage"),
			doc("aws_apigatewayv2_stage"),
			"https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
			"https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html",
			"CKV_AWS_76",
			"AVD-AWS-0001",
			"cfn-nag: W69",
			"cfn-nag: W46",
		},
		Kinds: []string{"aws_api_gateway_stage", "aws_apigatewayv2_stage"},
		Check: func(c *rules.Check) {
			// access_log_settings is optional and has no default: without it
			// the stage writes no access logs (provider docs; API Gateway
			// developer guide).
			block := c.R.Attrs.Get("access_log_settings")
			if !block.IsKnown() {
				c.Unknown("access_log_settings", block)
				return
			}
			if block.IsNull() || block.Kind() == infra.List && block.Len() == 0 {
				c.Fail("access_log_settings", "access_log_settings is not set, so the stage writes no access logs; add access_log_settings with a destination_arn and a format")
				return
			}
			dest := c.R.Attrs.Get("access_log_settings.destination_arn")
			switch {
			case !dest.IsKnown():
				// The ARN of a log group or Firehose stream of this stack is
				// known only after apply: that it points at one is what matters.
				if len(c.Graph.Targets(c.R, "access_log_settings.destination_arn")) > 0 {
					c.Pass("access_log_settings.destination_arn is set (known after apply)")
					return
				}
				c.Unknown("access_log_settings.destination_arn", dest)
			case knownStr(dest) == "":
				c.Fail("access_log_settings", "access_log_settings.destination_arn is empty, so the stage writes no access logs; set it to a log group or Firehose ARN")
			default:
				c.Pass("access logs go to %s", knownStr(dest))
			}
		},
	})
}
