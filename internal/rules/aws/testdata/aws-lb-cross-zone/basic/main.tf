resource "aws_lb" "pass_cross_zone" {
  name                             = "tcp"
  load_balancer_type               = "network"
  subnets                          = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  enable_cross_zone_load_balancing = true
}

resource "aws_lb" "fail_default" {
  name               = "udp"
  load_balancer_type = "network"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_lb" "skip_application" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}
