provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

variable "pitr" {
  type = bool
}

resource "aws_dynamodb_table" "skip_main" {
  name             = "orders"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
  lifecycle {
    ignore_changes = [replica]
  }
}

resource "aws_dynamodb_table_replica" "pass_enabled" {
  provider               = aws.us
  global_table_arn       = aws_dynamodb_table.skip_main.arn
  point_in_time_recovery = true
}

resource "aws_dynamodb_table_replica" "fail_omitted" {
  provider         = aws.us
  global_table_arn = aws_dynamodb_table.skip_main.arn
}

resource "aws_dynamodb_table_replica" "fail_disabled" {
  provider               = aws.us
  global_table_arn       = aws_dynamodb_table.skip_main.arn
  point_in_time_recovery = false
}

resource "aws_dynamodb_table_replica" "unknown_from_variable" {
  provider               = aws.us
  global_table_arn       = aws_dynamodb_table.skip_main.arn
  point_in_time_recovery = var.pitr
}
