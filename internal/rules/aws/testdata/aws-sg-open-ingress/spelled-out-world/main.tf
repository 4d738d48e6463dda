# The whole IPv6 internet written out in full rather than as ::/0: a /0 is a
# /0 however its address is spelled.
resource "aws_security_group" "fail_ipv6_written_out" {
  name = "fail-ipv6-written-out"
  ingress {
    description      = "postgres"
    from_port        = 5432
    to_port          = 5432
    protocol         = "tcp"
    ipv6_cidr_blocks = ["0:0:0:0:0:0:0:0/0"]
  }
}

resource "aws_security_group" "pass_no_ingress" {
  name = "pass_no_ingress"
}

resource "aws_vpc_security_group_ingress_rule" "fail_ipv6_zero_padded" {
  security_group_id = aws_security_group.pass_no_ingress.id
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv6         = "0000:0000:0000:0000:0000:0000:0000:0000/0"
}

# A documentation prefix is a known network, not the world.
resource "aws_vpc_security_group_ingress_rule" "pass_ipv6_known_prefix" {
  security_group_id = aws_security_group.pass_no_ingress.id
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv6         = "2001:db8::/32"
}
