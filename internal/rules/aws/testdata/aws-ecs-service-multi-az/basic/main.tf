variable "subnet_ids" {
  type = list(string)
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "a2" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.3.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_ecs_service" "pass_two_zones" {
  name            = "api"
  cluster         = "prod"
  task_definition = "api:1"
  desired_count   = 2
  launch_type     = "FARGATE"
  network_configuration {
    subnets = [aws_subnet.a.id, aws_subnet.b.id]
  }
}

resource "aws_ecs_service" "fail_one_zone" {
  name            = "web"
  cluster         = "prod"
  task_definition = "web:1"
  desired_count   = 2
  launch_type     = "FARGATE"
  network_configuration {
    subnets = [aws_subnet.a.id, aws_subnet.a2.id]
  }
}

resource "aws_ecs_service" "fail_one_subnet" {
  name            = "admin"
  cluster         = "prod"
  task_definition = "admin:1"
  desired_count   = 2
  launch_type     = "FARGATE"
  network_configuration {
    subnets = ["subnet-0a1b2c3d"]
  }
}

# Subnets of another stack: two ids may still share a zone.
resource "aws_ecs_service" "unknown_foreign_subnets" {
  name            = "jobs"
  cluster         = "prod"
  task_definition = "jobs:1"
  desired_count   = 2
  launch_type     = "FARGATE"
  network_configuration {
    subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

resource "aws_ecs_service" "unknown_variable" {
  name            = "mail"
  cluster         = "prod"
  task_definition = "mail:1"
  desired_count   = 2
  launch_type     = "FARGATE"
  network_configuration {
    subnets = var.subnet_ids
  }
}

# Bridge networking on EC2: the tasks' zones are the container instances'.
resource "aws_ecs_service" "skip_ec2_bridge" {
  name            = "legacy"
  cluster         = "prod"
  task_definition = "legacy:1"
  desired_count   = 2
  launch_type     = "EC2"
}

resource "aws_ecs_service" "skip_daemon" {
  name                = "agent"
  cluster             = "prod"
  task_definition     = "agent:1"
  scheduling_strategy = "DAEMON"
  network_configuration {
    subnets = ["subnet-0a1b2c3d"]
  }
}
