# Subnets with no association of their own use the main route table, here
# the VPC's default one, which routes through one NAT gateway.
resource "aws_vpc" "fail_main_table" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "public" {
  vpc_id            = aws_vpc.fail_main_table.id
  cidr_block        = "10.0.0.0/24"
  availability_zone = "eu-central-1a"
}

resource "aws_subnet" "app_a" {
  vpc_id            = aws_vpc.fail_main_table.id
  cidr_block        = "10.0.10.0/24"
  availability_zone = "eu-central-1a"
}

resource "aws_subnet" "app_b" {
  vpc_id            = aws_vpc.fail_main_table.id
  cidr_block        = "10.0.11.0/24"
  availability_zone = "eu-central-1b"
}

resource "aws_nat_gateway" "main" {
  subnet_id     = aws_subnet.public.id
  allocation_id = "eipalloc-0a"
}

resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.fail_main_table.default_route_table_id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.main.id
  }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.fail_main_table.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = "igw-0123456789abcdef0"
  }
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}
