# Zones from a variable with no value: a list could repeat a zone, so
# neither a pass nor a fail can be proven.
variable "azs" {
  type = list(string)
}

resource "aws_vpc" "unknown_azs" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "public" {
  vpc_id            = aws_vpc.unknown_azs.id
  cidr_block        = "10.0.0.0/24"
  availability_zone = var.azs[0]
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.unknown_azs.id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index + 10)
  availability_zone = element(var.azs, count.index)
}

resource "aws_nat_gateway" "single" {
  subnet_id     = aws_subnet.public.id
  allocation_id = "eipalloc-0a"
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.unknown_azs.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.single.id
  }
}

resource "aws_route_table_association" "private" {
  count          = 2
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}

# A subnet without a zone: AWS picks one.
resource "aws_vpc" "unknown_no_zone" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "no_zone_public" {
  vpc_id            = aws_vpc.unknown_no_zone.id
  cidr_block        = "10.1.0.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "no_zone_private" {
  vpc_id     = aws_vpc.unknown_no_zone.id
  cidr_block = "10.1.10.0/24"
}

resource "aws_nat_gateway" "no_zone" {
  subnet_id     = aws_subnet.no_zone_public.id
  allocation_id = "eipalloc-0b"
}

resource "aws_route_table" "no_zone" {
  vpc_id = aws_vpc.unknown_no_zone.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.no_zone.id
  }
}

resource "aws_route_table_association" "no_zone" {
  subnet_id      = aws_subnet.no_zone_private.id
  route_table_id = aws_route_table.no_zone.id
}
