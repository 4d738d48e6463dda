# Zones from the aws_availability_zones data source: unknown until plan,
# but names[count.index] with different indexes are different zones, and
# the same index is the same zone.
data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_vpc" "pass_data_per_az" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "public" {
  count             = 2
  vpc_id            = aws_vpc.pass_data_per_az.id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
  availability_zone = data.aws_availability_zones.available.names[count.index]
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.pass_data_per_az.id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index + 10)
  availability_zone = data.aws_availability_zones.available.names[count.index]
}

resource "aws_nat_gateway" "this" {
  count         = 2
  subnet_id     = aws_subnet.public[count.index].id
  allocation_id = "eipalloc-0a"
}

resource "aws_route_table" "private" {
  count  = 2
  vpc_id = aws_vpc.pass_data_per_az.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.this[count.index].id
  }
}

resource "aws_route_table_association" "private" {
  count          = 2
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

# The common hand-written single NAT gateway.
resource "aws_vpc" "fail_data_single" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "single_public" {
  vpc_id            = aws_vpc.fail_data_single.id
  cidr_block        = "10.1.0.0/24"
  availability_zone = data.aws_availability_zones.available.names[0]
}

resource "aws_subnet" "single_private" {
  count             = 3
  vpc_id            = aws_vpc.fail_data_single.id
  cidr_block        = cidrsubnet("10.1.0.0/16", 8, count.index + 10)
  availability_zone = data.aws_availability_zones.available.names[count.index]
}

resource "aws_nat_gateway" "single" {
  subnet_id     = aws_subnet.single_public.id
  allocation_id = "eipalloc-0b"
}

resource "aws_route_table" "single_private" {
  vpc_id = aws_vpc.fail_data_single.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.single.id
  }
}

resource "aws_route_table_association" "single_private" {
  count          = 3
  subnet_id      = aws_subnet.single_private[count.index].id
  route_table_id = aws_route_table.single_private.id
}
