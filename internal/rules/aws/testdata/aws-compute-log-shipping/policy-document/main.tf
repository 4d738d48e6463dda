# The application writes its own logs to CloudWatch Logs: the role's inline
# policy, built with aws_iam_policy_document, allows logs:PutLogEvents.
resource "aws_cloudwatch_log_group" "app" {
  name              = "/shop/app"
  retention_in_days = 90
}

data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.app.arn}:*"]
  }
}

data "aws_iam_policy_document" "read_only" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-assets/*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["logs:*"]
    resources = ["*"]
  }
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "app" {
  name   = "app"
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.app.json
}

resource "aws_iam_instance_profile" "app" {
  name = "app"
  role = aws_iam_role.app.name
}

resource "aws_iam_role" "reports" {
  name = "reports"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "reports" {
  name   = "reports"
  role   = aws_iam_role.reports.id
  policy = data.aws_iam_policy_document.read_only.json
}

resource "aws_iam_instance_profile" "reports" {
  name = "reports"
  role = aws_iam_role.reports.name
}

resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m7g.large"
  iam_instance_profile {
    arn = aws_iam_instance_profile.app.arn
  }
}

resource "aws_launch_template" "reports" {
  name_prefix   = "reports-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m7g.large"
  iam_instance_profile {
    arn = aws_iam_instance_profile.reports.arn
  }
}

resource "aws_autoscaling_group" "pass_app_writes_logs" {
  name                = "app"
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  launch_template {
    id = aws_launch_template.app.id
  }
}

resource "aws_autoscaling_group" "fail_role_cannot_write" {
  name                = "reports"
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  launch_template {
    id = aws_launch_template.reports.id
  }
}
