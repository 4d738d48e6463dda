variable "max_tasks" {
  type = number
}

resource "aws_ecs_cluster" "main" {
  name = "main"
}

resource "aws_ecs_service" "pass_scaled" {
  name            = "api"
  cluster         = aws_ecs_cluster.main.id
  task_definition = "api:1"
  desired_count   = 2
}

resource "aws_appautoscaling_target" "api" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.pass_scaled.name}"
  min_capacity       = 2
  max_capacity       = 10
}

resource "aws_appautoscaling_policy" "api" {
  name               = "api-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.api.service_namespace
  scalable_dimension = aws_appautoscaling_target.api.scalable_dimension
  resource_id        = aws_appautoscaling_target.api.resource_id
  target_tracking_scaling_policy_configuration {
    target_value = 60
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

# No target at all: a fixed desired_count.
resource "aws_ecs_service" "fail_fixed" {
  name            = "worker"
  cluster         = aws_ecs_cluster.main.id
  task_definition = "worker:1"
  desired_count   = 3
}

# A target with no room: min = max.
resource "aws_ecs_service" "fail_no_room" {
  name            = "web"
  cluster         = aws_ecs_cluster.main.id
  task_definition = "web:1"
  desired_count   = 2
}

resource "aws_appautoscaling_target" "web" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.fail_no_room.name}"
  min_capacity       = 2
  max_capacity       = 2
}

resource "aws_appautoscaling_policy" "web" {
  name               = "web-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.web.service_namespace
  scalable_dimension = aws_appautoscaling_target.web.scalable_dimension
  resource_id        = aws_appautoscaling_target.web.resource_id
  target_tracking_scaling_policy_configuration {
    target_value = 60
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

# A target but no policy: the count never moves.
resource "aws_ecs_service" "fail_no_policy" {
  name            = "queue"
  cluster         = aws_ecs_cluster.main.id
  task_definition = "queue:1"
  desired_count   = 2
}

resource "aws_appautoscaling_target" "queue" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.fail_no_policy.name}"
  min_capacity       = 1
  max_capacity       = 4
}

# max_capacity from a variable with no value.
resource "aws_ecs_service" "unknown_max" {
  name            = "batch"
  cluster         = aws_ecs_cluster.main.id
  task_definition = "batch:1"
  desired_count   = 2
}

resource "aws_appautoscaling_target" "batch" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.unknown_max.name}"
  min_capacity       = 1
  max_capacity       = var.max_tasks
}

# One task per container instance: scales with the cluster.
resource "aws_ecs_service" "skip_daemon" {
  name                = "agent"
  cluster             = aws_ecs_cluster.main.id
  task_definition     = "agent:1"
  scheduling_strategy = "DAEMON"
}
