resource "aws_ecs_task_definition" "pass_non_root" {
  family                   = "api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  container_definitions = jsonencode([{
    name                   = "api"
    image                  = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2"
    user                   = "10001:10001"
    readonlyRootFilesystem = true
  }])
}

resource "aws_ecs_task_definition" "fail_no_user" {
  family                   = "worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  container_definitions = jsonencode([{
    name  = "worker"
    image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/worker:2.0.1"
  }])
}

resource "aws_ecs_task_definition" "fail_root" {
  family = "legacy"
  container_definitions = jsonencode([{
    name   = "legacy"
    image  = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/legacy:0.9.0"
    memory = 256
    user   = "0"
  }])
}
