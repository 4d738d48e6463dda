package aws

import (
	"fmt"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-rds-alarm",
		Item:     checklist.Metrics,
		Severity: checklist.Medium,
		Title:    "Every RDS database has an alarm that notifies someone",
		Why: "A database that runs out of storage, CPU or connections takes the service down with it, " +
			"and without an alarm the first signal is users complaining. An alarm on the database's own " +
			"metrics with an action that reaches a person turns that into a page before the outage.",
		Fix: `resource "aws_cloudwatch_metric_alarm" "db_free_storage" {
  alarm_name          = "db-free-storage-low"
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 10737418240
  comparison_operator = "LessThanThreshold"
  dimensions          = { DBInstanceIdentifier = aws_db_instance.main.identifier }
  alarm_actions       = [aws_sns_topic.alarms.arn]
}`,
		Fixes: map[string]string{
			"aws_rds_cluster": `resource "aws_cloudwatch_metric_alarm" "db_cpu" {
  alarm_name          = "db-cpu-high"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  dimensions          = { DBClusterIdentifier = aws_rds_cluster.main.cluster_identifier }
  alarm_actions       = [aws_sns_topic.alarms.arn]
}`,
		},
		CloudFormationFix: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
DatabaseFreeStorageAlarm:
  Type: AWS::CloudWatch::Alarm
  Properties:
    AlarmName: db-free-storage-low
    Namespace: AWS/RDS
    MetricName: FreeStorageSpace
    Statistic: Minimum
    Period: 300
    EvaluationPeriods: 1
    Threshold: 10737418240 # 10 GiB, in bytes
    ComparisonOperator: LessThanThreshold
    Dimensions:
      - Name: DBInstanceIdentifier
        Value: !Ref Database # Ref of a DB instance is its identifier
    AlarmActions:
      - !Ref AlarmTopic # an SNS topic someone is subscribed to
`,
		CloudFormationFixes: map[string]string{
			"aws_rds_cluster": `Cluster:
  Type: AWS::RDS::DBCluster
  Properties:
    # ...
ClusterCpuAlarm:
  Type: AWS::CloudWatch::Alarm
  Properties:
    AlarmName: db-cpu-high
    Namespace: AWS/RDS
    MetricName: CPUUtilization
    Statistic: Average
    Period: 300
    EvaluationPeriods: 3
    Threshold: 80
    ComparisonOperator: GreaterThanThreshold
    Dimensions:
      - Name: DBClusterIdentifier
        Value: !Ref Cluster # Ref of a DB cluster is its identifier
    AlarmActions:
      - !Ref AlarmTopic # an SNS topic someone is subscribed to
`,
		},
		References: []string{
			doc("aws_cloudwatch_metric_alarm"),
			"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/monitoring-cloudwatch.html",
		},
		Kinds:         []string{"aws_db_instance", "aws_rds_cluster"},
		CrossResource: true,
		Check:         checkRDSAlarm,
	})
}

func checkRDSAlarm(c *rules.Check) {
	dim, nameAttr := "DBInstanceIdentifier", "identifier"
	if c.R.Kind == "aws_rds_cluster" {
		dim, nameAttr = "DBClusterIdentifier", "cluster_identifier"
	} else if isAurora(c) {
		return // Aurora members are watched through their cluster
	}
	var alarms []*infra.Resource
	seen := map[*infra.Resource]bool{}
	add := func(rs []*infra.Resource) {
		for _, r := range rs {
			if !seen[r] {
				seen[r] = true
				alarms = append(alarms, r)
			}
		}
	}
	// A single-metric alarm names the database in dimensions; a metric-math
	// alarm in metric_query[*].metric.dimensions.
	add(pointers(c, "aws_cloudwatch_metric_alarm", "dimensions."+dim, nameAttr))
	add(c.Graph.Referrers(c.R, "aws_cloudwatch_metric_alarm", "dimensions"))
	add(c.Graph.Referrers(c.R, "aws_cloudwatch_metric_alarm", "metric_query"))
	if len(alarms) == 0 {
		// Evidence from other monitoring tools counts too: a Datadog monitor
		// whose query names the database.
		if dd := c.Graph.Referrers(c.R, "datadog_monitor", "query"); len(dd) > 0 {
			c.Pass("%s monitors it", dd[0].Address)
			return
		}
		missingUnlessUnresolved(c, "aws_cloudwatch_metric_alarm", "dimensions."+dim, nameAttr, "no aws_cloudwatch_metric_alarm has a %s dimension pointing at %s", dim, c.R.Address)
		return
	}
	judgeAlarms(c, alarms)
}

// judgeAlarms passes when one of the alarms that watch c.R notifies
// someone, is unknown when that cannot be resolved, and fails otherwise,
// at the first silent alarm's alarm_actions.
func judgeAlarms(c *rules.Check, alarms []*infra.Resource) {
	var silent []*infra.Resource
	for _, a := range alarms {
		switch notifies(c.Graph, a) {
		case notifiesSomeone:
			c.Pass("%s watches it", a.Address)
			return
		case notifiesUnknown:
			c.UnknownBecause(fmt.Sprintf("%s watches it, but whether its alarm_actions reach anyone cannot be resolved without running Terraform", a.Address))
			return
		}
		silent = append(silent, a)
	}
	c.FailAt(attrLoc(silent[0], "alarm_actions"), "%s watches %s but notifies no one: set alarm_actions (e.g. an SNS topic) and keep actions_enabled true", addresses(silent), c.R.Address)
}

// notifyResult is whether an alarm's actions reach someone; an alarm that
// notifies no one does not count as monitoring.
type notifyResult int

const (
	notifiesNoOne notifyResult = iota
	notifiesSomeone
	notifiesUnknown // cannot be resolved without running Terraform
)

// notifies says whether an alarm has actions that reach someone.
// actions_enabled defaults to true (provider docs).
func notifies(g *infra.Graph, a *infra.Resource) notifyResult {
	en := a.Attrs.Get("actions_enabled")
	if !en.IsKnown() {
		return notifiesUnknown
	}
	if b, ok := en.Bool(); ok && !b {
		return notifiesNoOne
	}
	acts := a.Attrs.Get("alarm_actions")
	if !acts.IsKnown() {
		// Known only after apply, but built from resources (an SNS topic, a policy).
		if len(rules.ReferencedBy(g, a, "alarm_actions")) > 0 {
			return notifiesSomeone
		}
		return notifiesUnknown
	}
	if acts.Len() > 0 {
		return notifiesSomeone
	}
	return notifiesNoOne
}
