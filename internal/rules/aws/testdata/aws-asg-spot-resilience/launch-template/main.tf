resource "aws_launch_template" "spot" {
  name_prefix   = "spot-"
  image_id      = "ami-12345678"
  instance_type = "c6i.large"
  instance_market_options {
    market_type = "spot"
  }
}

resource "aws_launch_template" "on_demand" {
  name_prefix   = "od-"
  image_id      = "ami-12345678"
  instance_type = "c6i.large"
}

resource "aws_launch_configuration" "spot" {
  name_prefix   = "spot-"
  image_id      = "ami-12345678"
  instance_type = "c5.large"
  spot_price    = "0.05"
}

# Spot from the launch template alone: one instance type.
resource "aws_autoscaling_group" "fail_template_spot" {
  name                = "fail-template-spot"
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
  capacity_rebalance  = true
  launch_template {
    id      = aws_launch_template.spot.id
    version = "$Latest"
  }
}

resource "aws_autoscaling_group" "fail_launch_configuration_spot" {
  name                 = "fail-lc-spot"
  min_size             = 2
  max_size             = 4
  vpc_zone_identifier  = ["subnet-a", "subnet-b"]
  launch_configuration = aws_launch_configuration.spot.name
}

resource "aws_autoscaling_group" "skip_template_on_demand" {
  name                = "skip-od"
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
  launch_template {
    id      = aws_launch_template.on_demand.id
    version = "$Latest"
  }
}

# A launch template from outside the stack: whether it asks for Spot cannot
# be read, and the rule judges only groups known to use Spot.
resource "aws_autoscaling_group" "skip_external_template" {
  name                = "skip-external"
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
  launch_template {
    id      = "lt-0123456789abcdef0"
    version = "$Latest"
  }
}
