variable "admin_cidr" {
  type = string
}

variable "deny_number" {
  type = number
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# The source of the SSH entry is a variable with no value.
resource "aws_network_acl" "unknown_cidr" {
  vpc_id = aws_vpc.main.id
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    cidr_block = var.admin_cidr
    from_port  = 22
    to_port    = 22
  }
}

# Whether the deny comes first depends on a variable with no value.
resource "aws_network_acl" "unknown_order" {
  vpc_id = aws_vpc.main.id
  ingress {
    rule_no    = var.deny_number
    action     = "deny"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}
