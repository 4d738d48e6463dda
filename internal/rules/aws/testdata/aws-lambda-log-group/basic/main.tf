locals {
  name = "orders"
  jobs = toset(["nightly", "hourly"])
}

resource "aws_lambda_function" "pass_named_group" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/api"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "api.zip"
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/lambda/api"
  retention_in_days = 30
}

resource "aws_lambda_function" "pass_group_from_function" {
  function_name = local.name
  role          = "arn:aws:iam::123456789012:role/orders"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "orders.zip"
}

resource "aws_cloudwatch_log_group" "orders" {
  name              = "/aws/lambda/${aws_lambda_function.pass_group_from_function.function_name}"
  retention_in_days = 30
}

resource "aws_lambda_function" "pass_custom_group" {
  function_name = "billing"
  role          = "arn:aws:iam::123456789012:role/billing"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "billing.zip"
  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.shared.name
  }
}

resource "aws_cloudwatch_log_group" "shared" {
  name              = "/shop/functions"
  retention_in_days = 30
}

resource "aws_lambda_function" "pass_custom_group_by_name" {
  function_name = "refunds"
  role          = "arn:aws:iam::123456789012:role/refunds"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "refunds.zip"
  logging_config {
    log_format = "Text"
    log_group  = "/shop/functions"
  }
}

resource "aws_lambda_function" "pass_for_each" {
  for_each      = local.jobs
  function_name = "job-${each.key}"
  role          = "arn:aws:iam::123456789012:role/jobs"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "jobs.zip"
}

resource "aws_cloudwatch_log_group" "jobs" {
  for_each          = local.jobs
  name              = "/aws/lambda/job-${each.key}"
  retention_in_days = 30
}

# Lambda creates /aws/lambda/thumbs on the first invocation.
resource "aws_lambda_function" "fail_no_group" {
  function_name = "thumbs"
  role          = "arn:aws:iam::123456789012:role/thumbs"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "thumbs.zip"
}

# A group for another function does not count.
resource "aws_lambda_function" "fail_group_of_other_name" {
  function_name = "thumbs-v2"
  role          = "arn:aws:iam::123456789012:role/thumbs"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "thumbs.zip"
}

resource "aws_cloudwatch_log_group" "ecs" {
  name              = "/ecs/${local.name}"
  retention_in_days = 30
}
