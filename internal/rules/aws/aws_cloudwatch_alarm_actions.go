package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-cloudwatch-alarm-actions",
		Item:     checklist.Metrics,
		Severity: checklist.Medium,
		Title:    "CloudWatch alarms notify someone or act when they fire",
		Why: "An alarm with no alarm_actions, or with actions disabled, changes state in the console and nothing " +
			"else: nobody is paged and nothing scales or recovers. It looks like monitoring in review and is " +
			"silent in an incident.",
		Fix: `resource "aws_cloudwatch_metric_alarm" "cpu" {
  # ...
  alarm_actions = [aws_sns_topic.oncall.arn]
  ok_actions    = [aws_sns_topic.oncall.arn]
}`,
		CloudFormationFix: `Alarm:
  Type: AWS::CloudWatch::Alarm
  Properties:
    # ...
    AlarmActions:
      - !Ref OncallTopic
    OKActions:
      - !Ref OncallTopic
`,
		CloudFormationFixes: map[string]string{
			"aws_cloudwatch_composite_alarm": `Alarm:
  Type: AWS::CloudWatch::CompositeAlarm
  Properties:
    # ...
    AlarmActions:
      - !Ref OncallTopic
    OKActions:
      - !Ref OncallTopic
`,
		},
		References: []string{doc("aws_cloudwatch_metric_alarm"), "CKV_AWS_319"},
		Kinds:      []string{"aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"},
		Check: func(c *rules.Check) {
			enabled, ok := boolAt(c, "actions_enabled", true) // defaults to true
			if !ok {
				return
			}
			if !enabled {
				c.Fail("actions_enabled", "actions_enabled is false, so the alarm notifies no one when it fires; remove it or set it to true")
				return
			}
			v := c.R.Attrs.Get("alarm_actions")
			if v.IsKnown() && v.Len() == 0 {
				for _, w := range alarmWatchers {
					if rs := c.Graph.Pointing(c.R, w.kind, w.attr, "alarm_name"); len(rs) > 0 {
						c.Pass("the alarm has no actions of its own, but %s %s when it fires", rs[0].Address, w.does)
						return
					}
				}
			}
			if !v.IsKnown() {
				// A list of ARNs known after apply still names its
				// targets: an edge to a topic says there is an action.
				if ts := c.Graph.Targets(c.R, "alarm_actions"); len(ts) > 0 {
					c.Pass("the alarm notifies %s when it fires", ts[0].Address)
					return
				}
				c.Unknown("alarm_actions", v)
				return
			}
			if v.Len() == 0 {
				c.Fail("alarm_actions", "the alarm has no alarm_actions, so it fires without notifying anyone; send it to an SNS topic with a subscription (or an Auto Scaling or EC2 action)")
				return
			}
			c.Pass("the alarm has %d action(s) when it fires", v.Len())
		},
	})
}

// alarmWatchers are the resources that act on an alarm themselves: an
// alarm that only gates a rollout, feeds a composite alarm or a health
// check is doing its job without actions of its own.
var alarmWatchers = []struct{ kind, attr, does string }{
	{"aws_cloudwatch_composite_alarm", "alarm_rule", "combines it into an alarm of its own"},
	{"aws_codedeploy_deployment_group", "alarm_configuration.alarms", "stops and rolls back a deployment"},
	{"aws_ecs_service", "alarms.alarm_names", "rolls back a deployment"},
	{"aws_route53_health_check", "cloudwatch_alarm_name", "turns it into a health check"},
}
