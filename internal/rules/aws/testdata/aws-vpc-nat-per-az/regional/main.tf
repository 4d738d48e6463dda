# A regional NAT gateway (hashicorp/aws 6.x) expands into every zone
# that has workloads: one is enough for all private subnets.
resource "aws_vpc" "pass_regional" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private_a" {
  vpc_id            = aws_vpc.pass_regional.id
  cidr_block        = "10.0.10.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "private_b" {
  vpc_id            = aws_vpc.pass_regional.id
  cidr_block        = "10.0.11.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_nat_gateway" "regional" {
  vpc_id            = aws_vpc.pass_regional.id
  availability_mode = "regional"
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.pass_regional.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.regional.id
  }
}

resource "aws_route_table_association" "private_a" {
  subnet_id      = aws_subnet.private_a.id
  route_table_id = aws_route_table.private.id
}

resource "aws_route_table_association" "private_b" {
  subnet_id      = aws_subnet.private_b.id
  route_table_id = aws_route_table.private.id
}
