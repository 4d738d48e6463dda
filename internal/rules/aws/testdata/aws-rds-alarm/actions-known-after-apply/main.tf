variable "extra_actions" {
  type = list(string)
}

resource "aws_sns_topic" "alarms" {
  name = "db-alarms"
}

resource "aws_db_instance" "pass_actions_from_topic" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_cloudwatch_metric_alarm" "cpu" {
  alarm_name          = "orders-cpu"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 1
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  dimensions          = { DBInstanceIdentifier = aws_db_instance.pass_actions_from_topic.identifier }
  alarm_actions       = concat([aws_sns_topic.alarms.arn], var.extra_actions)
}

resource "aws_db_instance" "unknown_actions" {
  identifier        = "billing"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_cloudwatch_metric_alarm" "billing_cpu" {
  alarm_name          = "billing-cpu"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 1
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  dimensions          = { DBInstanceIdentifier = aws_db_instance.unknown_actions.identifier }
  alarm_actions       = var.extra_actions
}
