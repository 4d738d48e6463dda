variable "subnet_ids" {
  type = list(string)
}

resource "aws_lb_target_group" "api" {
  name     = "api"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"
}

# Two instances, subnets from a variable with no value: zones unknown.
resource "aws_instance" "unknown_subnets" {
  count         = 2
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.medium"
  subnet_id     = var.subnet_ids[count.index]
}

resource "aws_lb_target_group_attachment" "api" {
  count            = 2
  target_group_arn = aws_lb_target_group.api.arn
  target_id        = aws_instance.unknown_subnets[count.index].id
}

# Two instances behind a second group, placed by EC2 (no zone, no subnet).
resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"
}

resource "aws_instance" "unknown_placed_1" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.medium"
}

resource "aws_instance" "unknown_placed_2" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.medium"
  subnet_id     = "subnet-0a1b2c3d"
}

resource "aws_lb_target_group_attachment" "web_1" {
  target_group_arn = aws_lb_target_group.web.arn
  target_id        = aws_instance.unknown_placed_1.id
}

resource "aws_lb_target_group_attachment" "web_2" {
  target_group_arn = aws_lb_target_group.web.arn
  target_id        = aws_instance.unknown_placed_2.id
}
