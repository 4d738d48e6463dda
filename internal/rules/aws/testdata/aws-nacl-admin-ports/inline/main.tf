resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# Allows everything from the internet (as the AWS default ACL does).
resource "aws_network_acl" "fail_allow_all" {
  vpc_id = aws_vpc.main.id
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

# A port range that includes 22, over IPv6.
resource "aws_network_acl" "fail_ipv6_range" {
  vpc_id = aws_vpc.main.id
  ingress {
    rule_no         = 100
    action          = "allow"
    protocol        = "tcp"
    ipv6_cidr_block = "::/0"
    from_port       = 1
    to_port         = 1024
  }
}

# Denies 22 and 3389 from the world before allowing the rest: the allow
# never reaches the admin ports.
resource "aws_network_acl" "pass_denied_first" {
  vpc_id = aws_vpc.main.id
  ingress {
    rule_no    = 10
    action     = "deny"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
  ingress {
    rule_no    = 20
    action     = "deny"
    protocol   = "6"
    cidr_block = "0.0.0.0/0"
    from_port  = 3389
    to_port    = 3389
  }
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = -1
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

# The deny comes after the allow: rule 10 already admitted SSH.
resource "aws_network_acl" "fail_deny_too_late" {
  vpc_id = aws_vpc.main.id
  ingress {
    rule_no    = 200
    action     = "deny"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
  ingress {
    rule_no    = 10
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 65535
  }
}

# The IPv4 deny does not cover IPv6: ::/0 still reaches RDP.
resource "aws_network_acl" "fail_ipv6_not_denied" {
  vpc_id = aws_vpc.main.id
  ingress {
    rule_no    = 10
    action     = "deny"
    protocol   = "-1"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
  ingress {
    rule_no         = 100
    action          = "allow"
    protocol        = "tcp"
    ipv6_cidr_block = "::/0"
    from_port       = 3389
    to_port         = 3389
  }
}

# Web ports from the world, SSH from the office only; UDP is not SSH.
resource "aws_network_acl" "pass_web_only" {
  vpc_id = aws_vpc.main.id
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
  ingress {
    rule_no    = 110
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 32768 # return traffic to Linux ephemeral ports
    to_port    = 65535
  }
  ingress {
    rule_no    = 120
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "203.0.113.0/24"
    from_port  = 22
    to_port    = 22
  }
  ingress {
    rule_no    = 130
    action     = "allow"
    protocol   = "udp"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 65535
  }
  # A deny of a narrower network does not make a later allow safe, but
  # there is none here.
  egress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

# Return traffic allowed on 1024-65535, as AWS's example ACLs do: that range
# holds 3389, so new RDP connections from anywhere get through too.
resource "aws_network_acl" "fail_ephemeral_range" {
  vpc_id = aws_vpc.main.id
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 1024
    to_port    = 65535
  }
}
