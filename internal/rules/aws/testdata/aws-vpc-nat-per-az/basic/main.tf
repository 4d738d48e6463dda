# One NAT gateway per zone, each private route table pointing at its own
# zone's gateway (inline routes).
resource "aws_vpc" "pass_per_az" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a_public" {
  vpc_id            = aws_vpc.pass_per_az.id
  cidr_block        = "10.0.0.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "b_public" {
  vpc_id            = aws_vpc.pass_per_az.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_subnet" "a_private" {
  vpc_id            = aws_vpc.pass_per_az.id
  cidr_block        = "10.0.10.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "b_private" {
  vpc_id            = aws_vpc.pass_per_az.id
  cidr_block        = "10.0.11.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_nat_gateway" "a" {
  subnet_id     = aws_subnet.a_public.id
  allocation_id = "eipalloc-0a"
}

resource "aws_nat_gateway" "b" {
  subnet_id     = aws_subnet.b_public.id
  allocation_id = "eipalloc-0b"
}

resource "aws_route_table" "a_private" {
  vpc_id = aws_vpc.pass_per_az.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.a.id
  }
}

resource "aws_route_table" "b_private" {
  vpc_id = aws_vpc.pass_per_az.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.b.id
  }
}

resource "aws_route_table_association" "a_private" {
  subnet_id      = aws_subnet.a_private.id
  route_table_id = aws_route_table.a_private.id
}

resource "aws_route_table_association" "b_private" {
  subnet_id      = aws_subnet.b_private.id
  route_table_id = aws_route_table.b_private.id
}

# One NAT gateway for the private subnets of two zones.
resource "aws_vpc" "fail_single_nat" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "single_public" {
  vpc_id            = aws_vpc.fail_single_nat.id
  cidr_block        = "10.1.0.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "single_private_a" {
  vpc_id            = aws_vpc.fail_single_nat.id
  cidr_block        = "10.1.10.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "single_private_b" {
  vpc_id            = aws_vpc.fail_single_nat.id
  cidr_block        = "10.1.11.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_nat_gateway" "single" {
  subnet_id     = aws_subnet.single_public.id
  allocation_id = "eipalloc-0c"
}

resource "aws_route_table" "single_private" {
  vpc_id = aws_vpc.fail_single_nat.id
}

resource "aws_route" "single_private_nat" {
  route_table_id         = aws_route_table.single_private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.single.id
}

resource "aws_route_table_association" "single_private_a" {
  subnet_id      = aws_subnet.single_private_a.id
  route_table_id = aws_route_table.single_private.id
}

resource "aws_route_table_association" "single_private_b" {
  subnet_id      = aws_subnet.single_private_b.id
  route_table_id = aws_route_table.single_private.id
}

# Two NAT gateways, but zone b's route table points at zone a's.
resource "aws_vpc" "fail_crossed" {
  cidr_block = "10.2.0.0/16"
}

resource "aws_subnet" "crossed_public_a" {
  vpc_id               = aws_vpc.fail_crossed.id
  cidr_block           = "10.2.0.0/24"
  availability_zone_id = "euw1-az1"
}

resource "aws_subnet" "crossed_public_b" {
  vpc_id               = aws_vpc.fail_crossed.id
  cidr_block           = "10.2.1.0/24"
  availability_zone_id = "euw1-az2"
}

resource "aws_subnet" "crossed_private_a" {
  vpc_id               = aws_vpc.fail_crossed.id
  cidr_block           = "10.2.10.0/24"
  availability_zone_id = "euw1-az1"
}

resource "aws_subnet" "crossed_private_b" {
  vpc_id               = aws_vpc.fail_crossed.id
  cidr_block           = "10.2.11.0/24"
  availability_zone_id = "euw1-az2"
}

resource "aws_nat_gateway" "crossed_a" {
  subnet_id     = aws_subnet.crossed_public_a.id
  allocation_id = "eipalloc-0d"
}

resource "aws_nat_gateway" "crossed_b" {
  subnet_id     = aws_subnet.crossed_public_b.id
  allocation_id = "eipalloc-0e"
}

resource "aws_route_table" "crossed_a" {
  vpc_id = aws_vpc.fail_crossed.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.crossed_a.id
  }
}

resource "aws_route_table" "crossed_b" {
  vpc_id = aws_vpc.fail_crossed.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.crossed_a.id # should be crossed_b
  }
}

resource "aws_route_table_association" "crossed_a" {
  subnet_id      = aws_subnet.crossed_private_a.id
  route_table_id = aws_route_table.crossed_a.id
}

resource "aws_route_table_association" "crossed_b" {
  subnet_id      = aws_subnet.crossed_private_b.id
  route_table_id = aws_route_table.crossed_b.id
}

# No NAT gateway at all: the rule does not apply.
resource "aws_vpc" "skip_no_nat" {
  cidr_block = "10.3.0.0/16"
}

resource "aws_subnet" "isolated" {
  vpc_id            = aws_vpc.skip_no_nat.id
  cidr_block        = "10.3.0.0/24"
  availability_zone = "eu-west-1a"
}

# All private subnets in one zone, with the NAT gateway in that zone.
resource "aws_vpc" "pass_one_zone" {
  cidr_block = "10.4.0.0/16"
}

resource "aws_subnet" "one_zone_public" {
  vpc_id            = aws_vpc.pass_one_zone.id
  cidr_block        = "10.4.0.0/24"
  availability_zone = "eu-west-1c"
}

resource "aws_subnet" "one_zone_private" {
  vpc_id            = aws_vpc.pass_one_zone.id
  cidr_block        = "10.4.10.0/24"
  availability_zone = "eu-west-1c"
}

resource "aws_nat_gateway" "one_zone" {
  subnet_id     = aws_subnet.one_zone_public.id
  allocation_id = "eipalloc-0f"
}

resource "aws_route_table" "one_zone" {
  vpc_id = aws_vpc.pass_one_zone.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.one_zone.id
  }
}

resource "aws_route_table_association" "one_zone" {
  subnet_id      = aws_subnet.one_zone_private.id
  route_table_id = aws_route_table.one_zone.id
}
