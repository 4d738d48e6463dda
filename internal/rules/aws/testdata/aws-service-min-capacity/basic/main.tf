resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"
}

resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m7g.large"
}

resource "aws_autoscaling_group" "fail_one_instance" {
  name                = "web"
  min_size            = 1
  max_size            = 4
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  target_group_arns   = [aws_lb_target_group.web.arn]
  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }
}

resource "aws_autoscaling_group" "pass_two" {
  name                = "api"
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }
}

resource "aws_autoscaling_attachment" "api" {
  autoscaling_group_name = aws_autoscaling_group.pass_two.id
  lb_target_group_arn    = aws_lb_target_group.web.arn
}

resource "aws_autoscaling_group" "skip_bastion" {
  name                = "bastion"
  min_size            = 1
  max_size            = 1
  vpc_zone_identifier = ["subnet-0a1b2c3d"]
  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }
}

resource "aws_ecs_service" "fail_single_task" {
  name            = "checkout"
  cluster         = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop"
  task_definition = "checkout:3"
  desired_count   = 1
  load_balancer {
    target_group_arn = aws_lb_target_group.web.arn
    container_name   = "checkout"
    container_port   = 8080
  }
}

resource "aws_ecs_service" "pass_autoscaled" {
  name            = "cart"
  cluster         = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop"
  task_definition = "cart:7"
  desired_count   = 1
  load_balancer {
    target_group_arn = aws_lb_target_group.web.arn
    container_name   = "cart"
    container_port   = 8080
  }
}

resource "aws_appautoscaling_target" "cart" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/shop/${aws_ecs_service.pass_autoscaled.name}"
  min_capacity       = 2
  max_capacity       = 10
}

resource "aws_ecs_service" "skip_worker" {
  name            = "mailer"
  cluster         = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop"
  task_definition = "mailer:2"
  desired_count   = 1
}
