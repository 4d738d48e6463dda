resource "aws_vpc" "fail_no_dynamodb" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "fail_no_dynamodb_public" {
  vpc_id            = aws_vpc.fail_no_dynamodb.id
  cidr_block        = "10.0.0.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "fail_no_dynamodb_private" {
  vpc_id            = aws_vpc.fail_no_dynamodb.id
  cidr_block        = "10.0.10.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_nat_gateway" "fail_no_dynamodb" {
  subnet_id     = aws_subnet.fail_no_dynamodb_public.id
  allocation_id = "eipalloc-0a"
}

resource "aws_route_table" "fail_no_dynamodb_private" {
  vpc_id = aws_vpc.fail_no_dynamodb.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.fail_no_dynamodb.id
  }
}

resource "aws_route_table_association" "fail_no_dynamodb_private" {
  subnet_id      = aws_subnet.fail_no_dynamodb_private.id
  route_table_id = aws_route_table.fail_no_dynamodb_private.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.fail_no_dynamodb.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = [aws_route_table.fail_no_dynamodb_private.id]
}

resource "aws_vpc" "pass_both" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "pass_both_public" {
  vpc_id            = aws_vpc.pass_both.id
  cidr_block        = "10.1.0.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "pass_both_private" {
  vpc_id            = aws_vpc.pass_both.id
  cidr_block        = "10.1.10.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_nat_gateway" "pass_both" {
  subnet_id     = aws_subnet.pass_both_public.id
  allocation_id = "eipalloc-0a"
}

resource "aws_route_table" "pass_both_private" {
  vpc_id = aws_vpc.pass_both.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.pass_both.id
  }
}

resource "aws_route_table_association" "pass_both_private" {
  subnet_id      = aws_subnet.pass_both_private.id
  route_table_id = aws_route_table.pass_both_private.id
}

resource "aws_vpc_endpoint" "both_s3" {
  vpc_id          = aws_vpc.pass_both.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = [aws_route_table.pass_both_private.id]
}

resource "aws_vpc_endpoint" "both_dynamodb" {
  vpc_id          = aws_vpc.pass_both.id
  service_name    = "com.amazonaws.eu-west-1.dynamodb"
  route_table_ids = [aws_route_table.pass_both_private.id]
}

# The stack uses DynamoDB.
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
