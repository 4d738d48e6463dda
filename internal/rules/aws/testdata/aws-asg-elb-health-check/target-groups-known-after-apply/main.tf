variable "extra_target_groups" {
  type = list(string)
}

resource "aws_lb_target_group" "app" {
  name     = "app"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-12345678"
}

resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-12345678"
  instance_type = "t3.small"
}

resource "aws_autoscaling_group" "pass_elb_checks_on_referenced_group" {
  launch_template {
    id = aws_launch_template.app.id
  }
  min_size           = 2
  max_size           = 4
  availability_zones = ["eu-west-1a", "eu-west-1b"]
  target_group_arns  = concat([aws_lb_target_group.app.arn], var.extra_target_groups)
  health_check_type  = "ELB"
}

resource "aws_autoscaling_group" "fail_ec2_checks_on_referenced_group" {
  launch_template {
    id = aws_launch_template.app.id
  }
  min_size           = 2
  max_size           = 4
  availability_zones = ["eu-west-1a", "eu-west-1b"]
  target_group_arns  = concat([aws_lb_target_group.app.arn], var.extra_target_groups)
}

resource "aws_autoscaling_group" "unknown_target_groups" {
  launch_template {
    id = aws_launch_template.app.id
  }
  min_size           = 2
  max_size           = 4
  availability_zones = ["eu-west-1a", "eu-west-1b"]
  target_group_arns  = var.extra_target_groups
}
