resource "aws_sns_topic" "alarms" {
  name = "db-alarms"
}

resource "aws_db_instance" "pass_watched" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}

resource "aws_cloudwatch_metric_alarm" "orders_cpu" {
  alarm_name          = "orders-cpu"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  dimensions = {
    DBInstanceIdentifier = aws_db_instance.pass_watched.identifier
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
}

resource "aws_db_instance" "fail_no_alarm" {
  identifier        = "users"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}

# An alarm without actions reaches no one.
resource "aws_db_instance" "fail_silent_alarm" {
  identifier        = "audit"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}

resource "aws_cloudwatch_metric_alarm" "audit_storage" {
  alarm_name          = "audit-storage"
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1000000000
  comparison_operator = "LessThanThreshold"
  dimensions = {
    DBInstanceIdentifier = aws_db_instance.fail_silent_alarm.id
  }
}

# One alarm per instance of a for_each set, through a local map.
locals {
  shards = toset(["a", "b"])
}

resource "aws_db_instance" "pass_shard" {
  for_each          = local.shards
  identifier        = "shard-${each.key}"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}

resource "aws_cloudwatch_metric_alarm" "shard_cpu" {
  for_each            = aws_db_instance.pass_shard
  alarm_name          = "shard-${each.key}-cpu"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  dimensions = {
    DBInstanceIdentifier = each.value.identifier
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
}

resource "aws_rds_cluster" "pass_cluster_watched" {
  cluster_identifier = "reports"
  engine             = "aurora-postgresql"
}

resource "aws_cloudwatch_metric_alarm" "reports_cpu" {
  alarm_name          = "reports-cpu"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 3
  threshold           = 80
  alarm_actions       = [aws_sns_topic.alarms.arn]

  metric_query {
    id          = "cpu"
    return_data = true
    metric {
      namespace   = "AWS/RDS"
      metric_name = "CPUUtilization"
      period      = 300
      stat        = "Average"
      dimensions = {
        DBClusterIdentifier = aws_rds_cluster.pass_cluster_watched.cluster_identifier
      }
    }
  }
}

resource "aws_db_instance" "skip_aurora_member" {
  engine         = "aurora-postgresql"
  instance_class = "db.r6g.large"
}
