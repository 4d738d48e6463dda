package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-aurora-scaling",
		Item:     checklist.Scalability,
		Severity: checklist.Low,
		Title:    "Aurora clusters can add capacity: reader autoscaling or Serverless v2 with room to grow",
		Why: "Aurora grows its storage by itself, but not its compute: a cluster of fixed instances serves " +
			"a traffic peak with what it has, and adding a reader or a larger class is a manual change made " +
			"during the incident. Reader autoscaling (Application Auto Scaling on ReadReplicaCount) or " +
			"Serverless v2 capacity with a maximum above its minimum lets it follow the load.",
		Fix: `resource "aws_appautoscaling_target" "readers" {
  service_namespace  = "rds"
  scalable_dimension = "rds:cluster:ReadReplicaCount"
  resource_id        = "cluster:${aws_rds_cluster.main.cluster_identifier}"
  min_capacity       = 1
  max_capacity       = 5
}

resource "aws_appautoscaling_policy" "readers_cpu" {
  name               = "readers-cpu"
  service_namespace  = aws_appautoscaling_target.readers.service_namespace
  scalable_dimension = aws_appautoscaling_target.readers.scalable_dimension
  resource_id        = aws_appautoscaling_target.readers.resource_id
  policy_type        = "TargetTrackingScaling"
  target_tracking_scaling_policy_configuration {
    predefined_metric_specification {
      predefined_metric_type = "RDSReaderAverageCPUUtilization"
    }
    target_value = 60
  }
}`,
		CloudFormationFix: `Cluster:
  Type: AWS::RDS::DBCluster
  # ...
ReaderScaling:
  Type: AWS::ApplicationAutoScaling::ScalableTarget
  Properties:
    ServiceNamespace: rds
    ScalableDimension: rds:cluster:ReadReplicaCount
    ResourceId: !Sub cluster:${Cluster}
    MinCapacity: 1
    MaxCapacity: 5
ReaderCpuScaling:
  Type: AWS::ApplicationAutoScaling::ScalingPolicy
  Properties:
    PolicyName: readers-cpu
    PolicyType: TargetTrackingScaling
    ScalingTargetId: !Ref ReaderScaling
    TargetTrackingScalingPolicyConfiguration:
      PredefinedMetricSpecification:
        PredefinedMetricType: RDSReaderAverageCPUUtilization
      TargetValue: 60
`,
		References: []string{
			doc("aws_appautoscaling_target"),
			"https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Integrating.AutoScaling.html",
			"https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.setting-capacity.html",
		},
		Kinds:         []string{"aws_rds_cluster"},
		CrossResource: true, // the Application Auto Scaling target on its readers
		Check:         checkAuroraScaling,
	})
}

func checkAuroraScaling(c *rules.Check) {
	// Only Aurora has readers and Serverless v2; Multi-AZ DB clusters
	// (engine mysql or postgres) are judged as RDS storage is.
	if !isAurora(c) {
		return
	}
	if knownStr(c.R.Attrs.Get("cluster_scalability_type")) == "limitless" {
		// Limitless Database scales its shard group between min_acu and max_acu.
		for _, g := range c.Graph.Referrers(c.R, "aws_rds_shard_group", "db_cluster_identifier") {
			c.Pass("Limitless Database: %s scales the shards", g.Address)
			return
		}
		c.Missing("%s is a Limitless Database cluster but no aws_rds_shard_group points at it", c.R.Address)
		return
	}
	if knownStr(c.R.Attrs.Get("engine_mode")) == "serverless" {
		// Serverless v1 scales between its scaling_configuration's
		// capacities, 1 and 16 by default (provider docs).
		lo, ok1 := numAt(c, "scaling_configuration.0.min_capacity", 1)
		hi, ok2 := numAt(c, "scaling_configuration.0.max_capacity", 16)
		if ok1 && ok2 && hi > lo {
			c.Pass("Aurora Serverless scales from %s to %s capacity units", num(lo), num(hi))
		} else if ok1 && ok2 {
			c.Fail("scaling_configuration.0.max_capacity", "scaling_configuration max_capacity (%s) is not above min_capacity (%s), so the cluster cannot grow", num(hi), num(lo))
		}
		return
	}
	if sv, ok := read(c, "serverlessv2_scaling_configuration"); ok && sv.Len() > 0 {
		lo, ok1 := numAt(c, "serverlessv2_scaling_configuration.0.min_capacity", 0)
		hi, ok2 := numAt(c, "serverlessv2_scaling_configuration.0.max_capacity", 0)
		if !ok1 || !ok2 {
			return // numAt recorded the unknown
		}
		if hi > lo {
			c.Pass("Serverless v2 capacity ranges from %s to %s ACUs", num(lo), num(hi))
		} else {
			c.Fail("serverlessv2_scaling_configuration.0.max_capacity", "Serverless v2 max_capacity (%s) is not above min_capacity (%s), so the cluster cannot grow; raise max_capacity", num(hi), num(lo))
		}
		return
	} else if !ok {
		return
	}
	for _, t := range c.Graph.Referrers(c.R, "aws_appautoscaling_target", "resource_id") {
		if knownStr(t.Attrs.Get("scalable_dimension")) != "rds:cluster:ReadReplicaCount" {
			continue
		}
		lo, ok1 := t.Attrs.Get("min_capacity").Number()
		hi, ok2 := t.Attrs.Get("max_capacity").Number()
		switch {
		case !ok1 || !ok2:
			c.UnknownIn(t, "max_capacity", t.Attrs.Get("max_capacity"))
		case hi > lo:
			c.Pass("%s scales the readers from %s to %s", t.Address, num(lo), num(hi))
		default:
			c.FailAt(attrLoc(t, "max_capacity"), "%s keeps max_capacity (%s) at min_capacity (%s), so no reader is ever added; raise max_capacity", t.Address, num(hi), num(lo))
		}
		return
	}
	c.Missing("no aws_appautoscaling_target scales the readers of %s (rds:cluster:ReadReplicaCount) and it has no Serverless v2 capacity range, so its compute is fixed", c.R.Address)
}
