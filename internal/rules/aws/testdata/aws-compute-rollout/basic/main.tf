resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m7g.large"
}

resource "aws_autoscaling_group" "pass_refreshes" {
  name                = "app"
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  launch_template {
    id      = aws_launch_template.app.id
    version = aws_launch_template.app.latest_version
  }
  instance_refresh {
    strategy = "Rolling"
  }
}

resource "aws_autoscaling_group" "fail_no_refresh" {
  name                = "worker"
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  launch_template {
    id      = aws_launch_template.app.id
    version = aws_launch_template.app.latest_version
  }
}

resource "aws_instance" "fail_public_web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.medium"
}

resource "aws_eip" "web" {
  instance = aws_instance.fail_public_web.id
  domain   = "vpc"
}

resource "aws_instance" "skip_runner" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.medium"
  tags          = { Name = "ci-runner" }
}
