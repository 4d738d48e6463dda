resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# Open to the internet on 443: the service itself.
resource "aws_instance" "fail_web" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.medium"
  vpc_security_group_ids = [aws_security_group.web.id]
}

resource "aws_lb_target_group" "api" {
  name     = "api"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"
}

# Registered with a target group, whatever its name says.
resource "aws_instance" "fail_api_bastion_named" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.medium"
  tags          = { Name = "api-bastion" }
}

resource "aws_lb_target_group_attachment" "api" {
  target_group_arn = aws_lb_target_group.api.arn
  target_id        = aws_instance.fail_api_bastion_named.id
}

resource "aws_instance" "skip_bastion" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  tags          = { Name = "bastion" }
}

resource "aws_eip" "bastion" {
  instance = aws_instance.skip_bastion.id
  domain   = "vpc"
}

resource "aws_instance" "skip_nat" {
  ami               = "ami-0123456789abcdef0"
  instance_type     = "t3.micro"
  source_dest_check = false
}

resource "aws_instance" "skip_nothing_says" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m7g.large"
}

resource "aws_autoscaling_group" "pass_group" {
  name                = "app"
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }
}
