resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-12345678"
  instance_type = "t3.small"
}

# Resized for business hours by scheduled actions.
resource "aws_autoscaling_group" "pass_scheduled" {
  name               = "office-app"
  min_size           = 2
  max_size           = 10
  availability_zones = ["eu-west-1a", "eu-west-1b"]
  launch_template {
    id = aws_launch_template.app.id
  }
}

resource "aws_autoscaling_schedule" "morning" {
  scheduled_action_name  = "scale-out"
  autoscaling_group_name = aws_autoscaling_group.pass_scheduled.name
  min_size               = 4
  max_size               = 10
  desired_capacity       = 6
  recurrence             = "0 7 * * MON-FRI"
}

resource "aws_autoscaling_group" "fail_fixed" {
  name               = "fixed-app"
  min_size           = 2
  max_size           = 10
  availability_zones = ["eu-west-1a", "eu-west-1b"]
  launch_template {
    id = aws_launch_template.app.id
  }
}
