# A module that could not be expanded may hold the autoscaling target when it is
# told about the service; one that is told nothing cannot.
module "scaling" {
  source       = "git::https://example.com/ecs-service-scaling.git?ref=v1.0.0"
  service_name = aws_ecs_service.unknown_module.name
  cluster      = "prod"
}

resource "aws_ecs_service" "unknown_module" {
  name            = "api"
  cluster         = "prod"
  task_definition = "api:1"
  desired_count   = 2
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
  cidr    = "10.0.0.0/16"
}

resource "aws_ecs_service" "fail_unrelated_module" {
  name            = "worker"
  cluster         = "prod"
  task_definition = "worker:1"
  desired_count   = 2
}
