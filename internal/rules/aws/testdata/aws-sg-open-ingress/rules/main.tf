resource "aws_security_group" "pass_base" {
  name = "base"
}

resource "aws_security_group_rule" "pass_https" {
  type              = "ingress"
  security_group_id = aws_security_group.pass_base.id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "fail_rdp" {
  type              = "ingress"
  security_group_id = aws_security_group.pass_base.id
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "skip_egress" {
  type              = "egress"
  security_group_id = aws_security_group.pass_base.id
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "pass_from_security_group" {
  type                     = "ingress"
  security_group_id        = aws_security_group.pass_base.id
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "tcp"
  source_security_group_id = aws_security_group.pass_base.id
}

resource "aws_vpc_security_group_ingress_rule" "pass_http" {
  security_group_id = aws_security_group.pass_base.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

resource "aws_vpc_security_group_ingress_rule" "fail_all_ipv6" {
  security_group_id = aws_security_group.pass_base.id
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}

locals {
  open_ports = [22, 5432]
}

resource "aws_vpc_security_group_ingress_rule" "fail_per_port" {
  count             = length(local.open_ports)
  security_group_id = aws_security_group.pass_base.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = local.open_ports[count.index]
  to_port           = local.open_ports[count.index]
}

resource "aws_vpc_security_group_ingress_rule" "pass_icmp" {
  security_group_id = aws_security_group.pass_base.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "icmp"
  from_port         = 3
  to_port           = 4
}

variable "port" {
  type = number
}

resource "aws_vpc_security_group_ingress_rule" "unknown_port" {
  security_group_id = aws_security_group.pass_base.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = var.port
  to_port           = var.port
}
