data "aws_region" "current" {}

resource "aws_vpc" "pass_gateway" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "pass_gateway_public" {
  vpc_id            = aws_vpc.pass_gateway.id
  cidr_block        = "10.0.0.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "pass_gateway_private" {
  vpc_id            = aws_vpc.pass_gateway.id
  cidr_block        = "10.0.10.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_nat_gateway" "pass_gateway" {
  subnet_id     = aws_subnet.pass_gateway_public.id
  allocation_id = "eipalloc-0a"
}

resource "aws_route_table" "pass_gateway_private" {
  vpc_id = aws_vpc.pass_gateway.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.pass_gateway.id
  }
}

resource "aws_route_table_association" "pass_gateway_private" {
  subnet_id      = aws_subnet.pass_gateway_private.id
  route_table_id = aws_route_table.pass_gateway_private.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.pass_gateway.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.pass_gateway_private.id]
}

resource "aws_vpc" "fail_no_endpoint" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "fail_no_endpoint_public" {
  vpc_id            = aws_vpc.fail_no_endpoint.id
  cidr_block        = "10.1.0.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "fail_no_endpoint_private" {
  vpc_id            = aws_vpc.fail_no_endpoint.id
  cidr_block        = "10.1.10.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_nat_gateway" "fail_no_endpoint" {
  subnet_id     = aws_subnet.fail_no_endpoint_public.id
  allocation_id = "eipalloc-0a"
}

resource "aws_route_table" "fail_no_endpoint_private" {
  vpc_id = aws_vpc.fail_no_endpoint.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.fail_no_endpoint.id
  }
}

resource "aws_route_table_association" "fail_no_endpoint_private" {
  subnet_id      = aws_subnet.fail_no_endpoint_private.id
  route_table_id = aws_route_table.fail_no_endpoint_private.id
}

resource "aws_vpc" "fail_no_route_tables" {
  cidr_block = "10.2.0.0/16"
}

resource "aws_subnet" "fail_no_route_tables_public" {
  vpc_id            = aws_vpc.fail_no_route_tables.id
  cidr_block        = "10.2.0.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "fail_no_route_tables_private" {
  vpc_id            = aws_vpc.fail_no_route_tables.id
  cidr_block        = "10.2.10.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_nat_gateway" "fail_no_route_tables" {
  subnet_id     = aws_subnet.fail_no_route_tables_public.id
  allocation_id = "eipalloc-0a"
}

resource "aws_route_table" "fail_no_route_tables_private" {
  vpc_id = aws_vpc.fail_no_route_tables.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.fail_no_route_tables.id
  }
}

resource "aws_route_table_association" "fail_no_route_tables_private" {
  subnet_id      = aws_subnet.fail_no_route_tables_private.id
  route_table_id = aws_route_table.fail_no_route_tables_private.id
}

# vpc_endpoint_type defaults to Gateway; with no route table nothing uses it.
resource "aws_vpc_endpoint" "s3_unrouted" {
  vpc_id       = aws_vpc.fail_no_route_tables.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

resource "aws_vpc" "pass_association" {
  cidr_block = "10.3.0.0/16"
}

resource "aws_subnet" "pass_association_public" {
  vpc_id            = aws_vpc.pass_association.id
  cidr_block        = "10.3.0.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "pass_association_private" {
  vpc_id            = aws_vpc.pass_association.id
  cidr_block        = "10.3.10.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_nat_gateway" "pass_association" {
  subnet_id     = aws_subnet.pass_association_public.id
  allocation_id = "eipalloc-0a"
}

resource "aws_route_table" "pass_association_private" {
  vpc_id = aws_vpc.pass_association.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.pass_association.id
  }
}

resource "aws_route_table_association" "pass_association_private" {
  subnet_id      = aws_subnet.pass_association_private.id
  route_table_id = aws_route_table.pass_association_private.id
}

# The region is interpolated, the service is not.
resource "aws_vpc_endpoint" "s3_associated" {
  vpc_id       = aws_vpc.pass_association.id
  service_name = "com.amazonaws.${data.aws_region.current.name}.s3"
}

resource "aws_vpc_endpoint_route_table_association" "s3_private" {
  vpc_endpoint_id = aws_vpc_endpoint.s3_associated.id
  route_table_id  = aws_route_table.pass_association_private.id
}

resource "aws_vpc" "pass_interface" {
  cidr_block = "10.4.0.0/16"
}

resource "aws_subnet" "pass_interface_public" {
  vpc_id            = aws_vpc.pass_interface.id
  cidr_block        = "10.4.0.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "pass_interface_private" {
  vpc_id            = aws_vpc.pass_interface.id
  cidr_block        = "10.4.10.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_nat_gateway" "pass_interface" {
  subnet_id     = aws_subnet.pass_interface_public.id
  allocation_id = "eipalloc-0a"
}

resource "aws_route_table" "pass_interface_private" {
  vpc_id = aws_vpc.pass_interface.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.pass_interface.id
  }
}

resource "aws_route_table_association" "pass_interface_private" {
  subnet_id      = aws_subnet.pass_interface_private.id
  route_table_id = aws_route_table.pass_interface_private.id
}

resource "aws_vpc_endpoint" "s3_interface" {
  vpc_id            = aws_vpc.pass_interface.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Interface"
  subnet_ids        = [aws_subnet.pass_interface_private.id]
}

# No NAT gateway: the rule does not apply.
resource "aws_vpc" "skip_no_nat" {
  cidr_block = "10.9.0.0/16"
}
