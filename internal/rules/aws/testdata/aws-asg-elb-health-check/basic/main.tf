resource "aws_launch_template" "app" {
  name_prefix = "app"
}

resource "aws_lb_target_group" "app" {
  name     = "app"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-12345678"
}

resource "aws_autoscaling_group" "pass_elb_check" {
  name                = "web"
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = ["subnet-aaaa", "subnet-bbbb"]
  target_group_arns   = [aws_lb_target_group.app.arn]
  health_check_type   = "ELB"
  launch_template {
    id = aws_launch_template.app.id
  }
}

# Behind a load balancer, but the group only watches the virtual machine.
resource "aws_autoscaling_group" "fail_default_ec2_check" {
  name                = "api"
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = ["subnet-aaaa", "subnet-bbbb"]
  target_group_arns   = [aws_lb_target_group.app.arn]
  launch_template {
    id = aws_launch_template.app.id
  }
}

# Attached through a separate resource.
resource "aws_autoscaling_group" "fail_attached_separately" {
  name                = "admin"
  min_size            = 1
  max_size            = 2
  vpc_zone_identifier = ["subnet-aaaa", "subnet-bbbb"]
  health_check_type   = "EC2"
  launch_template {
    id = aws_launch_template.app.id
  }
}

resource "aws_autoscaling_attachment" "admin" {
  autoscaling_group_name = aws_autoscaling_group.fail_attached_separately.name
  lb_target_group_arn    = aws_lb_target_group.app.arn
}

resource "aws_autoscaling_group" "skip_no_load_balancer" {
  name                = "worker"
  min_size            = 1
  max_size            = 4
  vpc_zone_identifier = ["subnet-aaaa", "subnet-bbbb"]
  launch_template {
    id = aws_launch_template.app.id
  }
}

variable "check_type" {
  type = string
}

resource "aws_autoscaling_group" "unknown_check_type" {
  name                = "jobs"
  min_size            = 1
  max_size            = 4
  vpc_zone_identifier = ["subnet-aaaa", "subnet-bbbb"]
  target_group_arns   = [aws_lb_target_group.app.arn]
  health_check_type   = var.check_type
  launch_template {
    id = aws_launch_template.app.id
  }
}
