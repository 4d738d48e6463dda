# Counted resources wired by index, as terraform-aws-vpc does with
# one_nat_gateway_per_az = true: element(...[*].id, count.index).
variable "azs" {
  type    = list(string)
  default = ["us-east-1a", "us-east-1b", "us-east-1c"]
}

locals {
  zones = var.azs
}

resource "aws_vpc" "pass_counted" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "public" {
  count             = length(local.zones)
  vpc_id            = aws_vpc.pass_counted.id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
  availability_zone = element(local.zones, count.index)
}

resource "aws_subnet" "private" {
  count             = length(local.zones)
  vpc_id            = aws_vpc.pass_counted.id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index + 10)
  availability_zone = element(local.zones, count.index)
}

resource "aws_nat_gateway" "this" {
  count         = length(local.zones)
  subnet_id     = element(aws_subnet.public[*].id, count.index)
  allocation_id = "eipalloc-0a"
}

resource "aws_route_table" "private" {
  count  = length(local.zones)
  vpc_id = aws_vpc.pass_counted.id
}

resource "aws_route" "private_nat" {
  count                  = length(local.zones)
  route_table_id         = element(aws_route_table.private[*].id, count.index)
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = element(aws_nat_gateway.this[*].id, count.index)
}

resource "aws_route_table_association" "private" {
  count          = length(local.zones)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

# The same with one NAT gateway (single_nat_gateway = true).
resource "aws_vpc" "fail_counted_single" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "single_public" {
  count             = length(local.zones)
  vpc_id            = aws_vpc.fail_counted_single.id
  cidr_block        = cidrsubnet("10.1.0.0/16", 8, count.index)
  availability_zone = element(local.zones, count.index)
}

resource "aws_subnet" "single_private" {
  count             = length(local.zones)
  vpc_id            = aws_vpc.fail_counted_single.id
  cidr_block        = cidrsubnet("10.1.0.0/16", 8, count.index + 10)
  availability_zone = element(local.zones, count.index)
}

resource "aws_nat_gateway" "single" {
  count         = 1
  subnet_id     = element(aws_subnet.single_public[*].id, 0)
  allocation_id = "eipalloc-0b"
}

resource "aws_route_table" "single_private" {
  count  = 1
  vpc_id = aws_vpc.fail_counted_single.id
}

resource "aws_route" "single_private_nat" {
  count                  = 1
  route_table_id         = element(aws_route_table.single_private[*].id, count.index)
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = element(aws_nat_gateway.single[*].id, count.index)
}

resource "aws_route_table_association" "single_private" {
  count          = length(local.zones)
  subnet_id      = element(aws_subnet.single_private[*].id, count.index)
  route_table_id = element(aws_route_table.single_private[*].id, 0)
}
