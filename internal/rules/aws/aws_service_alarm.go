package aws

import (
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-service-alarm",
		Item:     checklist.Metrics,
		Severity: checklist.Medium,
		Title:    "Load balancers, Auto Scaling groups, ECS services, Lambda functions and queues each have an alarm that notifies someone",
		Why: "Metrics only help when something watches them: a load balancer returning 5xx, a group with no " +
			"healthy instances, a service whose tasks keep crashing, a function that errors or a queue that " +
			"backs up hurt users until someone looks at a dashboard by chance. An alarm on the resource, with " +
			"an action that reaches on-call, is what turns the metric into a page.",
		Fix: `resource "aws_cloudwatch_metric_alarm" "lb_5xx" {
  alarm_name          = "web-5xx"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  dimensions          = { LoadBalancer = aws_lb.web.arn_suffix }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 5
  threshold           = 10
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [aws_sns_topic.oncall.arn]
}`,
		Fixes: map[string]string{
			"aws_autoscaling_group": alarmFix("app_cpu", "AWS/EC2", "CPUUtilization", "Average", "{ AutoScalingGroupName = aws_autoscaling_group.app.name }", 80, "GreaterThanThreshold"),
			"aws_ecs_service":       alarmFix("api_cpu", "AWS/ECS", "CPUUtilization", "Average", "{ ClusterName = aws_ecs_cluster.main.name, ServiceName = aws_ecs_service.api.name }", 80, "GreaterThanThreshold"),
			"aws_lambda_function":   alarmFix("worker_errors", "AWS/Lambda", "Errors", "Sum", "{ FunctionName = aws_lambda_function.worker.function_name }", 0, "GreaterThanThreshold"),
			"aws_sqs_queue":         alarmFix("jobs_backlog", "AWS/SQS", "ApproximateAgeOfOldestMessage", "Maximum", "{ QueueName = aws_sqs_queue.jobs.name }", 600, "GreaterThanThreshold"),
		},
		References: []string{doc("aws_cloudwatch_metric_alarm"), "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html"},
		CloudFormationFix: cfnAlarmFix("LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer", "web-5xx", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Sum",
			[][2]string{{"LoadBalancer", "!GetAtt LoadBalancer.LoadBalancerFullName"}}, 10, "GreaterThanThreshold"),
		CloudFormationFixes: map[string]string{
			"aws_autoscaling_group": cfnAlarmFix("Group", "AWS::AutoScaling::AutoScalingGroup", "app-cpu", "AWS/EC2", "CPUUtilization", "Average",
				[][2]string{{"AutoScalingGroupName", "!Ref Group"}}, 80, "GreaterThanThreshold"),
			"aws_ecs_service": cfnAlarmFix("Service", "AWS::ECS::Service", "api-cpu", "AWS/ECS", "CPUUtilization", "Average",
				[][2]string{{"ClusterName", "!Ref Cluster"}, {"ServiceName", "!GetAtt Service.Name"}}, 80, "GreaterThanThreshold"),
			"aws_lambda_function": cfnAlarmFix("Function", "AWS::Lambda::Function", "worker-errors", "AWS/Lambda", "Errors", "Sum",
				[][2]string{{"FunctionName", "!Ref Function"}}, 0, "GreaterThanThreshold"),
			"aws_sqs_queue": cfnAlarmFix("Queue", "AWS::SQS::Queue", "jobs-backlog", "AWS/SQS", "ApproximateAgeOfOldestMessage", "Maximum",
				[][2]string{{"QueueName", "!GetAtt Queue.QueueName"}}, 600, "GreaterThanThreshold"),
		},
		Kinds: []string{"aws_lb", "aws_alb", "aws_autoscaling_group", "aws_ecs_service",
			"aws_lambda_function", "aws_sqs_queue"},
		CrossResource: true, // alarms and monitors that point at it
		Check:         checkServiceAlarm,
	})
}

// checkServiceAlarm looks for a CloudWatch alarm whose dimensions (or a
// metric-math query's) reference the resource, or a Datadog monitor whose
// query does, and wants one whose actions reach someone. Evidence an
// unexpanded module might hold makes it unknown, not a gap.
func checkServiceAlarm(c *rules.Check) {
	var alarms []*infra.Resource
	seen := map[*infra.Resource]bool{}
	// A group or service behind a load balancer is watched through it too:
	// an alarm on its target group or load balancer (5xx, unhealthy hosts)
	// sees it fail.
	for _, r := range append([]*infra.Resource{c.R}, frontsOf(c)...) {
		for _, attr := range []string{"dimensions", "metric_query"} {
			for _, a := range c.Graph.Referrers(r, "aws_cloudwatch_metric_alarm", attr) {
				if !seen[a] {
					seen[a] = true
					alarms = append(alarms, a)
				}
			}
		}
	}
	if len(alarms) == 0 {
		if dd := c.Graph.Referrers(c.R, "datadog_monitor", "query"); len(dd) > 0 {
			c.Pass("%s monitors it", dd[0].Address)
			return
		}
		c.Missing("no aws_cloudwatch_metric_alarm (or Datadog monitor) points at %s", c.R.Address)
		return
	}
	judgeAlarms(c, alarms)
}

// frontsOf are the target groups an Auto Scaling group or ECS service is
// registered with, and the load balancers whose listeners forward to them.
func frontsOf(c *rules.Check) []*infra.Resource {
	var tgs []*infra.Resource
	switch c.R.Kind {
	case "aws_autoscaling_group":
		tgs = append(tgs, c.Graph.Targets(c.R, "target_group_arns")...)
		for _, att := range c.Graph.Referrers(c.R, "aws_autoscaling_attachment", "autoscaling_group_name") {
			tgs = append(tgs, c.Graph.Targets(att, "lb_target_group_arn")...)
		}
	case "aws_ecs_service":
		tgs = append(tgs, c.Graph.Targets(c.R, "load_balancer")...)
	}
	out := tgs
	for _, tg := range tgs {
		for _, lk := range []string{"aws_lb_listener", "aws_alb_listener"} {
			for _, l := range c.Graph.Referrers(tg, lk, "default_action") {
				out = append(out, c.Graph.Targets(l, "load_balancer_arn")...)
			}
		}
	}
	return out
}

// alarmFix writes the fix snippet for one kind: a CloudWatch alarm on one of
// its metrics that notifies the on-call topic.
func alarmFix(name, namespace, metric, statistic, dimensions string, threshold int, operator string) string {
	return fmt.Sprintf(`resource "aws_cloudwatch_metric_alarm" %q {
  alarm_name          = %q
  namespace           = %q
  metric_name         = %q
  dimensions          = %s
  statistic           = %q
  period              = 60
  evaluation_periods  = 5
  threshold           = %d
  comparison_operator = %q
  alarm_actions       = [aws_sns_topic.oncall.arn]
}`, name, strings.ReplaceAll(name, "_", "-"), namespace, metric, dimensions, statistic, threshold, operator)
}

// cfnAlarmFix is alarmFix in CloudFormation: the resource (its properties
// elided) and an AWS::CloudWatch::Alarm whose Dimensions name it with the
// value the metric is published under (Ref or GetAtt of it, which is also
// how the loader links the alarm to the resource).
func cfnAlarmFix(id, typ, name, namespace, metric, statistic string, dims [][2]string, threshold int, operator string) string {
	var d strings.Builder
	for _, kv := range dims {
		fmt.Fprintf(&d, "      - Name: %s\n        Value: %s\n", kv[0], kv[1])
	}
	return fmt.Sprintf(`%s:
  Type: %s
  Properties:
    # ...
%sAlarm:
  Type: AWS::CloudWatch::Alarm
  Properties:
    AlarmName: %s
    Namespace: %s
    MetricName: %s
    Dimensions:
%s    Statistic: %s
    Period: 60
    EvaluationPeriods: 5
    Threshold: %d
    ComparisonOperator: %s
    AlarmActions:
      - !Ref OncallTopic # an SNS topic someone is subscribed to
`, id, typ, id, name, namespace, metric, d.String(), statistic, threshold, operator)
}
