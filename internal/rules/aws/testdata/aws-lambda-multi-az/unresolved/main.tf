variable "subnet_ids" {
  type = list(string)
}

variable "extra_subnet_ids" {
  type    = list(string)
  default = []
}

resource "aws_subnet" "a" {
  vpc_id            = "vpc-12345678"
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "b" {
  vpc_id               = "vpc-12345678"
  cidr_block           = "10.0.2.0/24"
  availability_zone_id = "euw1-az2"
}

resource "aws_lambda_function" "unknown_variable" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "worker.zip"
  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = ["sg-12345678"]
  }
}

# Two literal subnet ids: they may well share a zone.
resource "aws_lambda_function" "unknown_literal_ids" {
  function_name = "sync"
  role          = "arn:aws:iam::123456789012:role/sync"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "sync.zip"
  vpc_config {
    subnet_ids         = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    security_group_ids = ["sg-12345678"]
  }
}

# The list is not known here, but it is built from subnets in two zones.
resource "aws_lambda_function" "pass_known_after_apply" {
  function_name = "feed"
  role          = "arn:aws:iam::123456789012:role/feed"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "feed.zip"
  vpc_config {
    subnet_ids         = concat([aws_subnet.a.id, aws_subnet.b.id], var.extra_subnet_ids)
    security_group_ids = ["sg-12345678"]
  }
}

resource "aws_lambda_function" "fail_single_literal" {
  function_name = "mail"
  role          = "arn:aws:iam::123456789012:role/mail"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "mail.zip"
  vpc_config {
    subnet_ids         = ["subnet-0a1b2c3d"]
    security_group_ids = ["sg-12345678"]
  }
}

resource "aws_lambda_function" "unknown_dynamic_vpc_config" {
  function_name = "index"
  role          = "arn:aws:iam::123456789012:role/index"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "index.zip"
  dynamic "vpc_config" {
    for_each = var.subnet_ids == null ? [] : [true]
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = ["sg-12345678"]
    }
  }
}
