resource "aws_ecs_task_definition" "pass_value_from" {
  family = "api"
  container_definitions = jsonencode([{
    name        = "api"
    image       = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2"
    memory      = 512
    environment = [{ name = "LOG_LEVEL", value = "info" }, { name = "DB_PASSWORD_SECRET_ARN", value = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db" }]
    secrets     = [{ name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db" }]
  }])
}

resource "aws_ecs_task_definition" "fail_clear_password" {
  family = "worker"
  container_definitions = jsonencode([{
    name        = "worker"
    image       = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/worker:2.0.1"
    memory      = 512
    environment = [{ name = "DB_PASSWORD", value = "hunter2" }]
  }])
}
