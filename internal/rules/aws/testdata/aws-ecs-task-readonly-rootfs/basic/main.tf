resource "aws_ecs_task_definition" "pass_readonly" {
  family                   = "api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  container_definitions = jsonencode([{
    name                   = "api"
    image                  = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2"
    user                   = "10001"
    readonlyRootFilesystem = true
  }])
}

resource "aws_ecs_task_definition" "fail_writable" {
  family                   = "worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  container_definitions = jsonencode([
    {
      name                   = "worker"
      image                  = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/worker:2.0.1"
      readonlyRootFilesystem = true
    },
    {
      name  = "log-router"
      image = "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2"
    }
  ])
}
