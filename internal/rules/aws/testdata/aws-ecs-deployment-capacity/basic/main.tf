resource "aws_ecs_service" "fail_zero" {
  name                               = "api"
  cluster                            = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop"
  task_definition                    = "api:3"
  desired_count                      = 2
  deployment_minimum_healthy_percent = 0
}

resource "aws_ecs_service" "pass_default" {
  name            = "cart"
  cluster         = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop"
  task_definition = "cart:7"
  desired_count   = 2
}

resource "aws_ecs_service" "skip_daemon" {
  name                = "agent"
  cluster             = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop"
  task_definition     = "agent:1"
  scheduling_strategy = "DAEMON"
}
