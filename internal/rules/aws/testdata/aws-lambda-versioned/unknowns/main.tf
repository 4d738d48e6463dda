variable "publish" {
  type = bool
}

variable "live_version" {
  type = string
}

variable "publish_default" {
  type    = bool
  default = true
}

resource "aws_lambda_function" "unknown_publish" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/api"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "api.zip"
  publish       = var.publish
}

resource "aws_lambda_function" "unknown_alias_version" {
  function_name = "report"
  role          = "arn:aws:iam::123456789012:role/report"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "report.zip"
  publish       = var.publish_default
}

resource "aws_lambda_alias" "report_live" {
  name             = "live"
  function_name    = aws_lambda_function.unknown_alias_version.function_name
  function_version = var.live_version
}

resource "aws_lambda_function" "fail_published_no_alias" {
  function_name = "sync"
  role          = "arn:aws:iam::123456789012:role/sync"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "sync.zip"
  publish       = var.publish_default
}
