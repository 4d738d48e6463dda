variable "cidr" {}
resource "aws_vpc" "v" { cidr_block = var.cidr }
