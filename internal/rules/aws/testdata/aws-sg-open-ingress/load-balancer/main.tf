# A group that protects only a public load balancer may admit the world: the
# load balancer answers on its listeners and nothing else (443-445 and UDP
# 53 here; 8443 reaches no listener). A group that protects an internal load
# balancer, or an instance beside the public one, fails.
resource "aws_security_group" "pass_public_nlb" {
  name = "public-nlb"
  ingress {
    from_port   = 443
    to_port     = 445
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 53
    to_port     = 53
    protocol    = "udp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "pass_no_listener_there" {
  security_group_id = aws_security_group.pass_public_nlb.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 8443
  to_port           = 8443
}

resource "aws_lb" "public" {
  name               = "public"
  load_balancer_type = "network"
  internal           = false
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  security_groups    = [aws_security_group.pass_public_nlb.id]
}

resource "aws_lb_listener" "tls" {
  for_each          = toset(["443", "444", "445"])
  load_balancer_arn = aws_lb.public.arn
  port              = tonumber(each.key)
  protocol          = "TCP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/app/0123456789abcdef"
  }
}

resource "aws_lb_listener" "dns" {
  load_balancer_arn = aws_lb.public.arn
  port              = 53
  protocol          = "UDP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dns/0123456789abcdef"
  }
}

resource "aws_security_group" "fail_internal_lb" {
  name = "internal-lb"
  ingress {
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lb" "internal" {
  name               = "internal"
  load_balancer_type = "application"
  internal           = true
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  security_groups    = [aws_security_group.fail_internal_lb.id]
}

resource "aws_lb_listener" "internal" {
  load_balancer_arn = aws_lb.internal.arn
  port              = 8443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/int/0123456789abcdef"
  }
}

resource "aws_security_group" "fail_shared_with_instance" {
  name = "shared"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lb" "shared" {
  name               = "shared"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  security_groups    = [aws_security_group.fail_shared_with_instance.id]
}

resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.fail_shared_with_instance.id]
}
