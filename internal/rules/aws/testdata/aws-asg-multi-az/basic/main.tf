resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

locals {
  zones = { a = "eu-west-1a", b = "eu-west-1b" }
}

resource "aws_subnet" "private" {
  for_each          = local.zones
  vpc_id            = aws_vpc.main.id
  availability_zone = each.value
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, index(keys(local.zones), each.key))
}

resource "aws_subnet" "same_zone" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  availability_zone = "eu-west-1a"
  cidr_block        = "10.0.${10 + count.index}.0/24"
}

resource "aws_launch_template" "app" {
  name_prefix = "app"
}

resource "aws_autoscaling_group" "pass_two_zones" {
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = [for s in aws_subnet.private : s.id]
  launch_template {
    id = aws_launch_template.app.id
  }
}

resource "aws_autoscaling_group" "fail_two_subnets_one_zone" {
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = aws_subnet.same_zone[*].id
  launch_template {
    id = aws_launch_template.app.id
  }
}

resource "aws_autoscaling_group" "fail_one_subnet" {
  min_size            = 1
  max_size            = 3
  vpc_zone_identifier = [aws_subnet.private["a"].id]
  launch_template {
    id = aws_launch_template.app.id
  }
}

resource "aws_autoscaling_group" "pass_zone_names" {
  min_size           = 1
  max_size           = 3
  availability_zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  launch_template {
    id = aws_launch_template.app.id
  }
}

variable "subnet_ids" {
  type = list(string)
}

resource "aws_autoscaling_group" "unknown_subnets" {
  min_size            = 1
  max_size            = 3
  vpc_zone_identifier = var.subnet_ids
  launch_template {
    id = aws_launch_template.app.id
  }
}
