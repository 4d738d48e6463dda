# The target names the service by a literal resource_id.
resource "aws_ecs_service" "pass_named" {
  name            = "api"
  cluster         = "prod"
  task_definition = "api:1"
  desired_count   = 2
}

resource "aws_appautoscaling_target" "api" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/prod/api"
  min_capacity       = 2
  max_capacity       = 8
}

resource "aws_appautoscaling_policy" "api" {
  name               = "api-requests"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/prod/api"
  target_tracking_scaling_policy_configuration {
    target_value = 1000
    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = "app/prod/123/targetgroup/api/456"
    }
  }
}

# Another service with a similar name is not scaled by it.
resource "aws_ecs_service" "fail_other" {
  name            = "api-admin"
  cluster         = "prod"
  task_definition = "admin:1"
  desired_count   = 1
}

# A DynamoDB target is no evidence.
resource "aws_appautoscaling_target" "table" {
  service_namespace  = "dynamodb"
  scalable_dimension = "dynamodb:table:ReadCapacityUnits"
  resource_id        = "table/orders"
  min_capacity       = 5
  max_capacity       = 100
}
