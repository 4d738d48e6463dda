variable "scaled_service_id" {
  type = string
}

# The target's resource_id has no value and may name this service.
resource "aws_ecs_service" "unknown_target_id" {
  name            = "api"
  cluster         = "prod"
  task_definition = "api:1"
  desired_count   = 2
}

resource "aws_appautoscaling_target" "maybe" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = var.scaled_service_id
  min_capacity       = 2
  max_capacity       = 8
}
