resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# The ACL's entries are separate resources; it has none inline.
resource "aws_network_acl" "skip_public" {
  vpc_id = aws_vpc.main.id
}

resource "aws_network_acl_rule" "pass_deny_ssh" {
  network_acl_id = aws_network_acl.skip_public.id
  rule_number    = 50
  rule_action    = "deny"
  protocol       = "tcp"
  cidr_block     = "0.0.0.0/0"
  from_port      = 22
  to_port        = 22
}

# Rule 50 denies SSH first, but the range also holds 3389, which no deny
# answers first.
resource "aws_network_acl_rule" "fail_range_includes_rdp" {
  network_acl_id = aws_network_acl.skip_public.id
  rule_number    = 100
  rule_action    = "allow"
  protocol       = "tcp"
  cidr_block     = "0.0.0.0/0"
  from_port      = 20
  to_port        = 9000
}

# egress defaults to false; this one is egress and not judged.
resource "aws_network_acl_rule" "skip_egress" {
  network_acl_id = aws_network_acl.skip_public.id
  rule_number    = 100
  egress         = true
  rule_action    = "allow"
  protocol       = "-1"
  cidr_block     = "0.0.0.0/0"
}

# A second ACL whose deny of all traffic from the world comes first.
resource "aws_network_acl" "skip_private" {
  vpc_id = aws_vpc.main.id
}

resource "aws_network_acl_rule" "pass_deny_world" {
  network_acl_id = aws_network_acl.skip_private.id
  rule_number    = 10
  rule_action    = "deny"
  protocol       = "all"
  cidr_block     = "0.0.0.0/0"
}

resource "aws_network_acl_rule" "pass_shadowed_allow" {
  network_acl_id = aws_network_acl.skip_private.id
  rule_number    = 20
  rule_action    = "allow"
  protocol       = "-1"
  cidr_block     = "0.0.0.0/0"
}

# Rules given as list(map(string)), as terraform-aws-vpc's inputs are:
# numbers arrive as strings.
variable "inbound_rules" {
  type = list(map(string))
  default = [
    { rule_number = "100", rule_action = "allow", from_port = "22", to_port = "22", protocol = "tcp", cidr_block = "0.0.0.0/0" },
  ]
}

resource "aws_network_acl" "skip_from_list" {
  vpc_id = aws_vpc.main.id
}

resource "aws_network_acl_rule" "fail_from_list" {
  count          = length(var.inbound_rules)
  network_acl_id = aws_network_acl.skip_from_list.id
  egress         = false
  rule_number    = var.inbound_rules[count.index]["rule_number"]
  rule_action    = var.inbound_rules[count.index]["rule_action"]
  from_port      = var.inbound_rules[count.index]["from_port"]
  to_port        = var.inbound_rules[count.index]["to_port"]
  protocol       = var.inbound_rules[count.index]["protocol"]
  cidr_block     = var.inbound_rules[count.index]["cidr_block"]
}
