resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# No ingress blocks: Terraform removes every entry, so all is denied.
resource "aws_default_network_acl" "pass_empty" {
  default_network_acl_id = aws_vpc.main.default_network_acl_id
}

resource "aws_vpc" "other" {
  cidr_block = "10.1.0.0/16"
}

# The AWS default entries, written out through a dynamic block.
variable "default_ingress" {
  type = list(map(string))
  default = [
    { rule_no = "100", action = "allow", from_port = "0", to_port = "0", protocol = "-1", cidr_block = "0.0.0.0/0" },
    { rule_no = "101", action = "allow", from_port = "0", to_port = "0", protocol = "-1", ipv6_cidr_block = "::/0" },
  ]
}

resource "aws_default_network_acl" "fail_default_entries" {
  default_network_acl_id = aws_vpc.other.default_network_acl_id
  dynamic "ingress" {
    for_each = var.default_ingress
    content {
      rule_no         = ingress.value.rule_no
      action          = ingress.value.action
      from_port       = ingress.value.from_port
      to_port         = ingress.value.to_port
      protocol        = ingress.value.protocol
      cidr_block      = lookup(ingress.value, "cidr_block", null)
      ipv6_cidr_block = lookup(ingress.value, "ipv6_cidr_block", null)
    }
  }
}
