locals {
  public_ports = [80, 443]
  admin_ports  = [22]
}

resource "aws_security_group" "pass_dynamic_web" {
  name = "dynamic-web"

  dynamic "ingress" {
    for_each = local.public_ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}

resource "aws_security_group" "fail_dynamic_admin" {
  name = "dynamic-admin"

  dynamic "ingress" {
    for_each = concat(local.public_ports, local.admin_ports)
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
