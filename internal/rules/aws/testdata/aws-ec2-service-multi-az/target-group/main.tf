resource "aws_subnet" "a" {
  vpc_id            = "vpc-0123456789abcdef0"
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "a2" {
  vpc_id            = "vpc-0123456789abcdef0"
  cidr_block        = "10.0.2.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "b" {
  vpc_id            = "vpc-0123456789abcdef0"
  cidr_block        = "10.0.3.0/24"
  availability_zone = "eu-west-1b"
}

# Two instances behind one target group, in two zones (one by its subnet).
resource "aws_lb_target_group" "api" {
  name     = "api"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"
}

resource "aws_instance" "pass_api_a" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.medium"
  subnet_id     = aws_subnet.a.id
}

resource "aws_instance" "pass_api_b" {
  ami               = "ami-0123456789abcdef0"
  instance_type     = "t3.medium"
  availability_zone = "eu-west-1b"
}

resource "aws_lb_target_group_attachment" "api_a" {
  target_group_arn = aws_lb_target_group.api.arn
  target_id        = aws_instance.pass_api_a.id
}

resource "aws_lb_target_group_attachment" "api_b" {
  target_group_arn = aws_lb_target_group.api.arn
  target_id        = aws_instance.pass_api_b.id
}

# Two instances behind one target group, two subnets, one zone.
resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"
}

resource "aws_instance" "fail_web_1" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.medium"
  subnet_id     = aws_subnet.a.id
}

resource "aws_instance" "fail_web_2" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.medium"
  subnet_id     = aws_subnet.a2.id
}

resource "aws_lb_target_group_attachment" "web_1" {
  target_group_arn = aws_lb_target_group.web.arn
  target_id        = aws_instance.fail_web_1.id
}

resource "aws_lb_target_group_attachment" "web_2" {
  target_group_arn = aws_lb_target_group.web.arn
  target_id        = aws_instance.fail_web_2.id
}

# A target group an Auto Scaling group also serves: the instance is not
# its whole capacity.
resource "aws_lb_target_group" "mixed" {
  name     = "mixed"
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"
}

resource "aws_instance" "pass_with_group" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.medium"
  subnet_id     = aws_subnet.b.id
}

resource "aws_lb_target_group_attachment" "mixed" {
  target_group_arn = aws_lb_target_group.mixed.arn
  target_id        = aws_instance.pass_with_group.id
}

resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.medium"
}

resource "aws_autoscaling_group" "app" {
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = [aws_subnet.a.id, aws_subnet.b.id]
  target_group_arns   = [aws_lb_target_group.mixed.arn]
  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }
}
