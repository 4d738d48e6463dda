# A plan shows a list of subnet ids as wholly unknown; here concat() with a
# variable that has no value does the same. The references still say which
# subnets the list is built from.
variable "extra_subnet_ids" {
  type = list(string)
}

resource "aws_subnet" "a" {
  vpc_id            = "vpc-12345678"
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "b" {
  vpc_id            = "vpc-12345678"
  cidr_block        = "10.0.2.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-12345678"
  instance_type = "t3.small"
}

resource "aws_autoscaling_group" "pass_subnets_in_two_zones" {
  launch_template {
    id = aws_launch_template.app.id
  }
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = concat([aws_subnet.a.id, aws_subnet.b.id], var.extra_subnet_ids)
}

resource "aws_autoscaling_group" "unknown_one_referenced_subnet" {
  launch_template {
    id = aws_launch_template.app.id
  }
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = concat([aws_subnet.a.id], var.extra_subnet_ids)
}
