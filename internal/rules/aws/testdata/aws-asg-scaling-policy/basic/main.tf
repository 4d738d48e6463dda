resource "aws_launch_template" "app" {
  name_prefix = "app"
}

resource "aws_autoscaling_group" "pass_target_tracking" {
  name                = "web"
  min_size            = 2
  max_size            = 10
  vpc_zone_identifier = ["subnet-aaaa", "subnet-bbbb"]
  launch_template {
    id = aws_launch_template.app.id
  }
}

resource "aws_autoscaling_policy" "web_cpu" {
  name                   = "web-cpu"
  autoscaling_group_name = aws_autoscaling_group.pass_target_tracking.name
  policy_type            = "TargetTrackingScaling"
  target_tracking_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
    target_value = 50
  }
}

# The policy names the group literally.
resource "aws_autoscaling_group" "pass_by_name" {
  name                = "worker"
  min_size            = 1
  max_size            = 4
  vpc_zone_identifier = ["subnet-aaaa", "subnet-bbbb"]
  launch_template {
    id = aws_launch_template.app.id
  }
}

resource "aws_autoscaling_policy" "worker_step" {
  name                   = "worker-step"
  autoscaling_group_name = "worker"
  adjustment_type        = "ChangeInCapacity"
  scaling_adjustment     = 1
}

resource "aws_autoscaling_group" "fail_no_policy" {
  name                = "batch"
  min_size            = 1
  max_size            = 4
  vpc_zone_identifier = ["subnet-aaaa", "subnet-bbbb"]
  launch_template {
    id = aws_launch_template.app.id
  }
}

# A group whose min and max are equal has its policy; that it cannot use it is
# aws-asg-scaling-room's finding, with that fix.
resource "aws_autoscaling_group" "pass_policy_fixed_size" {
  name                = "fixed"
  min_size            = 3
  max_size            = 3
  vpc_zone_identifier = ["subnet-aaaa", "subnet-bbbb"]
  launch_template {
    id = aws_launch_template.app.id
  }
}

resource "aws_autoscaling_policy" "fixed_cpu" {
  name                   = "fixed-cpu"
  autoscaling_group_name = aws_autoscaling_group.pass_policy_fixed_size.name
  policy_type            = "TargetTrackingScaling"
  target_tracking_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
    target_value = 50
  }
}

resource "aws_autoscaling_group" "fail_policy_disabled" {
  name                = "paused"
  min_size            = 1
  max_size            = 4
  vpc_zone_identifier = ["subnet-aaaa", "subnet-bbbb"]
  launch_template {
    id = aws_launch_template.app.id
  }
}

resource "aws_autoscaling_policy" "paused_cpu" {
  name                   = "paused-cpu"
  enabled                = false
  autoscaling_group_name = aws_autoscaling_group.fail_policy_disabled.name
  policy_type            = "TargetTrackingScaling"
  target_tracking_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
    target_value = 50
  }
}
