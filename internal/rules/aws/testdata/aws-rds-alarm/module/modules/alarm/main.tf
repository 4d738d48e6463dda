variable "db_id" {
  type = string
}

resource "aws_sns_topic" "this" {
  name = "${var.db_id}-alarms"
}

resource "aws_cloudwatch_metric_alarm" "cpu" {
  alarm_name          = "${var.db_id}-cpu"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  dimensions = {
    DBInstanceIdentifier = var.db_id
  }
  alarm_actions = [aws_sns_topic.this.arn]
}
