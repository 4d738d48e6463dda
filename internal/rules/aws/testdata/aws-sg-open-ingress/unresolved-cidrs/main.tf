# A load balancer module's allow-list comes from a variable with no value: on
# HTTP/HTTPS any source is acceptable, so only the other ports are unknown.
variable "allowed_cidr_blocks" {
  type = list(string)
}

variable "ipv6_cidr_blocks" {
  type = list(string)
}

variable "http_port" {
  type    = number
  default = 80
}

resource "aws_security_group" "pass_lb" {
  name = "lb"

  ingress {
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    cidr_blocks      = var.allowed_cidr_blocks
    ipv6_cidr_blocks = var.ipv6_cidr_blocks
  }
}

resource "aws_security_group_rule" "pass_http_any_source" {
  type              = "ingress"
  security_group_id = aws_security_group.pass_lb.id
  from_port         = var.http_port
  to_port           = var.http_port
  protocol          = "tcp"
  cidr_blocks       = var.allowed_cidr_blocks
  ipv6_cidr_blocks  = var.ipv6_cidr_blocks
}

resource "aws_security_group_rule" "unknown_ssh_source" {
  type              = "ingress"
  security_group_id = aws_security_group.pass_lb.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = var.allowed_cidr_blocks
}
