variable "region" {
  type = string
}

variable "log_group" {
  type    = string
  default = "/ecs/api"
}

resource "aws_ecs_task_definition" "pass_awslogs" {
  family = "pass-awslogs"
  container_definitions = jsonencode([{
    name  = "api"
    image = "nginx:1.27"
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = var.log_group
        awslogs-region        = "eu-west-1"
        awslogs-stream-prefix = "api"
      }
    }
  }])
}

# FireLens: the app ships through the router, the router through awslogs.
resource "aws_ecs_task_definition" "pass_firelens" {
  family = "pass-firelens"
  container_definitions = jsonencode([
    {
      name                  = "log_router"
      image                 = "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0"
      firelensConfiguration = { type = "fluentbit" }
      logConfiguration = {
        logDriver = "awslogs"
        options   = { awslogs-group = "/ecs/router", awslogs-region = "eu-west-1", awslogs-stream-prefix = "router" }
      }
    },
    {
      name             = "api"
      image            = "nginx:1.27"
      logConfiguration = { logDriver = "awsfirelens", options = { Name = "cloudwatch" } }
    },
  ])
}

# The sidecar has no logConfiguration: its output is lost.
resource "aws_ecs_task_definition" "fail_sidecar" {
  family = "fail-sidecar"
  container_definitions = jsonencode([
    {
      name             = "api"
      image            = "nginx:1.27"
      logConfiguration = { logDriver = "awslogs", options = { awslogs-group = "/ecs/api", awslogs-region = "eu-west-1", awslogs-stream-prefix = "api" } }
    },
    {
      name  = "envoy"
      image = "envoyproxy/envoy:v1.30.1"
    },
  ])
}

resource "aws_ecs_task_definition" "fail_no_driver" {
  family = "fail-no-driver"
  container_definitions = jsonencode([{
    name             = "api"
    image            = "nginx:1.27"
    logConfiguration = { options = { awslogs-group = "/ecs/api" } }
  }])
}

# A heredoc, as older code writes it.
resource "aws_ecs_task_definition" "fail_heredoc" {
  family                = "fail-heredoc"
  container_definitions = <<-JSON
    [{"name": "worker", "image": "busybox:1.36", "essential": true}]
  JSON
}

# The region has no value: the whole document is unknown.
resource "aws_ecs_task_definition" "unknown_region" {
  family = "unknown-region"
  container_definitions = jsonencode([{
    name  = "api"
    image = "nginx:1.27"
    logConfiguration = {
      logDriver = "awslogs"
      options   = { awslogs-group = "/ecs/api", awslogs-region = var.region, awslogs-stream-prefix = "api" }
    }
  }])
}
