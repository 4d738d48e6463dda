variable "zones" {
  type    = list(string)
  default = ["eu-west-1a", "eu-west-1b"]
}

resource "aws_lb_target_group" "api" {
  name     = "api"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"
}

# count instances spread over the zones of a variable.
resource "aws_instance" "pass_spread" {
  count             = 2
  ami               = "ami-0123456789abcdef0"
  instance_type     = "t3.medium"
  availability_zone = var.zones[count.index]
}

resource "aws_lb_target_group_attachment" "api" {
  count            = 2
  target_group_arn = aws_lb_target_group.api.arn
  target_id        = aws_instance.pass_spread[count.index].id
}

resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# Three instances of one block, all pinned to one zone.
resource "aws_instance" "fail_same_zone" {
  count                  = 3
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.medium"
  availability_zone      = "eu-west-1a"
  vpc_security_group_ids = [aws_security_group.web.id]
}
