resource "aws_launch_template" "app" {
  name_prefix = "api"
}

# The policy may live in a module that cannot be loaded here.
resource "aws_autoscaling_group" "unknown_module_may_scale" {
  name               = "api"
  min_size           = 1
  max_size           = 4
  availability_zones = ["eu-west-1a", "eu-west-1b"]
  launch_template {
    id = aws_launch_template.app.id
  }
}

module "scaling" {
  source  = "acme/asg-scaling/aws"
  version = "1.2.0"
  group   = aws_autoscaling_group.unknown_module_may_scale.name
}
