locals {
  zones = { a = "eu-west-1a", b = "eu-west-1b" }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private" {
  for_each          = local.zones
  vpc_id            = aws_vpc.main.id
  availability_zone = each.value
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, index(keys(local.zones), each.key))
}

resource "aws_subnet" "same_zone" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  availability_zone = "eu-west-1a"
  cidr_block        = "10.0.${10 + count.index}.0/24"
}

resource "aws_security_group" "fn" {
  name   = "fn"
  vpc_id = aws_vpc.main.id
}

# No vpc_config: Lambda spreads the function over the region's zones itself.
resource "aws_lambda_function" "pass_no_vpc" {
  function_name = "thumbs"
  role          = "arn:aws:iam::123456789012:role/thumbs"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "thumbs.zip"
}

resource "aws_lambda_function" "pass_two_zones" {
  function_name = "orders"
  role          = "arn:aws:iam::123456789012:role/orders"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "orders.zip"
  vpc_config {
    subnet_ids         = [for s in aws_subnet.private : s.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}

resource "aws_lambda_function" "fail_two_subnets_one_zone" {
  function_name = "reports"
  role          = "arn:aws:iam::123456789012:role/reports"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "reports.zip"
  vpc_config {
    subnet_ids         = aws_subnet.same_zone[*].id
    security_group_ids = [aws_security_group.fn.id]
  }
}

resource "aws_lambda_function" "fail_one_subnet" {
  function_name = "billing"
  role          = "arn:aws:iam::123456789012:role/billing"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "billing.zip"
  vpc_config {
    subnet_ids         = [aws_subnet.private["a"].id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
