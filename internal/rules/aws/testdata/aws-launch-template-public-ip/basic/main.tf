resource "aws_launch_template" "fail_public" {
  name_prefix   = "web-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m7g.large"
  network_interfaces {
    associate_public_ip_address = true
  }
}

resource "aws_launch_template" "pass_private" {
  name_prefix   = "api-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m7g.large"
  network_interfaces {
    associate_public_ip_address = false
  }
}

resource "aws_launch_template" "pass_subnet_decides" {
  name_prefix   = "worker-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m7g.large"
}
