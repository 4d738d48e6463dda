variable "s3_service_name" {
  type = string
}

resource "aws_vpc" "unknown_service" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "unknown_service_public" {
  vpc_id            = aws_vpc.unknown_service.id
  cidr_block        = "10.0.0.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "unknown_service_private" {
  vpc_id            = aws_vpc.unknown_service.id
  cidr_block        = "10.0.10.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_nat_gateway" "unknown_service" {
  subnet_id     = aws_subnet.unknown_service_public.id
  allocation_id = "eipalloc-0a"
}

resource "aws_route_table" "unknown_service_private" {
  vpc_id = aws_vpc.unknown_service.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.unknown_service.id
  }
}

resource "aws_route_table_association" "unknown_service_private" {
  subnet_id      = aws_subnet.unknown_service_private.id
  route_table_id = aws_route_table.unknown_service_private.id
}

resource "aws_vpc_endpoint" "maybe_s3" {
  vpc_id          = aws_vpc.unknown_service.id
  service_name    = var.s3_service_name
  route_table_ids = [aws_route_table.unknown_service_private.id]
}
