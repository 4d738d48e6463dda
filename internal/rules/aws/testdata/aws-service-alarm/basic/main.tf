resource "aws_sns_topic" "oncall" {
  name = "oncall"
}

resource "aws_lb" "pass_watched" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_cloudwatch_metric_alarm" "lb_5xx" {
  alarm_name          = "web-5xx"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  dimensions          = { LoadBalancer = aws_lb.pass_watched.arn_suffix }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 5
  threshold           = 10
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [aws_sns_topic.oncall.arn]
}

resource "aws_sqs_queue" "fail_unwatched" {
  name = "orders"
}

resource "aws_lambda_function" "fail_silent_alarm" {
  function_name = "resize"
  role          = "arn:aws:iam::123456789012:role/resize"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "resize.zip"
}

resource "aws_cloudwatch_metric_alarm" "resize_errors" {
  alarm_name          = "resize-errors"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.fail_silent_alarm.function_name }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
}

# Watched through the load balancer it serves: the alarm on the target
# group sees its instances fail.
resource "aws_lb_target_group" "app" {
  name     = "app"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"
}

resource "aws_cloudwatch_metric_alarm" "unhealthy" {
  alarm_name          = "app-unhealthy-hosts"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  dimensions          = { TargetGroup = aws_lb_target_group.app.arn_suffix, LoadBalancer = aws_lb.pass_watched.arn_suffix }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [aws_sns_topic.oncall.arn]
}

resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m7g.large"
}

resource "aws_autoscaling_group" "pass_through_target_group" {
  name                = "app"
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  target_group_arns   = [aws_lb_target_group.app.arn]
  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }
}
