# for_each over zones, each private route table using its own zone's NAT
# gateway by key.
locals {
  zones = {
    a = "ap-southeast-2a"
    b = "ap-southeast-2b"
  }
}

resource "aws_vpc" "pass_for_each" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "public" {
  for_each          = local.zones
  vpc_id            = aws_vpc.pass_for_each.id
  cidr_block        = each.key == "a" ? "10.0.0.0/24" : "10.0.1.0/24"
  availability_zone = each.value
}

resource "aws_subnet" "private" {
  for_each          = local.zones
  vpc_id            = aws_vpc.pass_for_each.id
  cidr_block        = each.key == "a" ? "10.0.10.0/24" : "10.0.11.0/24"
  availability_zone = each.value
}

resource "aws_nat_gateway" "this" {
  for_each      = local.zones
  subnet_id     = aws_subnet.public[each.key].id
  allocation_id = "eipalloc-0a"
}

resource "aws_route_table" "private" {
  for_each = local.zones
  vpc_id   = aws_vpc.pass_for_each.id
}

resource "aws_route" "private_nat" {
  for_each               = local.zones
  route_table_id         = aws_route_table.private[each.key].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[each.key].id
}

resource "aws_route_table_association" "private" {
  for_each       = local.zones
  subnet_id      = aws_subnet.private[each.key].id
  route_table_id = aws_route_table.private[each.key].id
}
