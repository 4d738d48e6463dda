# A module that could not be expanded may hold the autoscaling target.
module "scaling" {
  source  = "terraform-aws-modules/ecs/aws//modules/service"
  version = "5.11.0"
}

resource "aws_ecs_service" "unknown_module" {
  name            = "api"
  cluster         = "prod"
  task_definition = "api:1"
  desired_count   = 2
}
