variable "policy_arn" {
  type = string
}

variable "extra_user_data" {
  type = string
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.app.name
  policy_arn = var.policy_arn
}

resource "aws_iam_instance_profile" "app" {
  name = "app"
  role = aws_iam_role.app.name
}

# The role's policy comes from a variable with no value.
resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.medium"
  iam_instance_profile {
    name = aws_iam_instance_profile.app.name
  }
}

resource "aws_autoscaling_group" "unknown_policy" {
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }
}

# User data built from a variable with no value.
resource "aws_launch_template" "templated" {
  name_prefix   = "tpl-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.medium"
  user_data     = base64encode("#!/bin/bash\n${var.extra_user_data}\n")
}

resource "aws_autoscaling_group" "unknown_user_data" {
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  launch_template {
    id      = aws_launch_template.templated.id
    version = "$Latest"
  }
}
