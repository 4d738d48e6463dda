variable "topic_arn" {
  type = string
}

# The alarm names the database by its identifier, not by reference.
resource "aws_db_instance" "pass_named_literally" {
  identifier        = "billing"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}

resource "aws_cloudwatch_metric_alarm" "billing_connections" {
  alarm_name          = "billing-connections"
  namespace           = "AWS/RDS"
  metric_name         = "DatabaseConnections"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  threshold           = 400
  comparison_operator = "GreaterThanThreshold"
  dimensions = {
    DBInstanceIdentifier = "billing"
  }
  alarm_actions = ["arn:aws:sns:eu-west-1:123456789012:pager"]
}

# The alarm exists, but where it notifies is only known at apply time.
resource "aws_db_instance" "unknown_actions" {
  identifier        = "search"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}

resource "aws_cloudwatch_metric_alarm" "search_cpu" {
  alarm_name          = "search-cpu"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  dimensions = {
    DBInstanceIdentifier = aws_db_instance.unknown_actions.identifier
  }
  alarm_actions = var.topic_arn == null ? null : [var.topic_arn]
}
