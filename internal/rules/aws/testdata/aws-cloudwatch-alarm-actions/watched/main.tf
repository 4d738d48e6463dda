# Alarms without actions of their own that another resource acts on: a
# composite alarm, a CodeDeploy rollback, an ECS deployment rollback, a
# Route 53 health check. The composite itself must notify someone.
resource "aws_sns_topic" "oncall" {
  name = "oncall"
}

resource "aws_cloudwatch_metric_alarm" "pass_in_composite" {
  alarm_name          = "api-5xx"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 3
  metric_name         = "HTTPCode_Target_5XX_Count"
  namespace           = "AWS/ApplicationELB"
  period              = 60
  statistic           = "Sum"
  threshold           = 10
}

resource "aws_cloudwatch_composite_alarm" "pass_composite" {
  alarm_name    = "api-down"
  alarm_rule    = "ALARM(${aws_cloudwatch_metric_alarm.pass_in_composite.alarm_name})"
  alarm_actions = [aws_sns_topic.oncall.arn]
}

resource "aws_cloudwatch_metric_alarm" "pass_rollback" {
  alarm_name          = "deploy-errors"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "Errors"
  namespace           = "AWS/Lambda"
  period              = 60
  statistic           = "Sum"
  threshold           = 0
}

resource "aws_iam_role" "codedeploy" {
  name = "codedeploy"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codedeploy.amazonaws.com" } }]
  })
}

resource "aws_codedeploy_app" "api" {
  name             = "api"
  compute_platform = "Lambda"
}

resource "aws_codedeploy_deployment_group" "api" {
  app_name               = aws_codedeploy_app.api.name
  deployment_group_name  = "api"
  service_role_arn       = aws_iam_role.codedeploy.arn
  deployment_config_name = "CodeDeployDefault.LambdaCanary10Percent5Minutes"
  deployment_style {
    deployment_option = "WITH_TRAFFIC_CONTROL"
    deployment_type   = "BLUE_GREEN"
  }
  alarm_configuration {
    enabled = true
    alarms  = [aws_cloudwatch_metric_alarm.pass_rollback.alarm_name]
  }
  auto_rollback_configuration {
    enabled = true
    events  = ["DEPLOYMENT_STOP_ON_ALARM"]
  }
}

resource "aws_cloudwatch_metric_alarm" "pass_health_check" {
  alarm_name          = "primary-healthy"
  comparison_operator = "LessThanThreshold"
  evaluation_periods  = 2
  metric_name         = "HealthyHostCount"
  namespace           = "AWS/ApplicationELB"
  period              = 60
  statistic           = "Minimum"
  threshold           = 1
}

resource "aws_route53_health_check" "primary" {
  type                            = "CLOUDWATCH_METRIC"
  cloudwatch_alarm_name           = aws_cloudwatch_metric_alarm.pass_health_check.alarm_name
  cloudwatch_alarm_region         = "eu-west-1"
  insufficient_data_health_status = "Unhealthy"
}

resource "aws_cloudwatch_metric_alarm" "fail_alone" {
  alarm_name          = "queue-age"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 3
  metric_name         = "ApproximateAgeOfOldestMessage"
  namespace           = "AWS/SQS"
  period              = 60
  statistic           = "Maximum"
  threshold           = 600
}
