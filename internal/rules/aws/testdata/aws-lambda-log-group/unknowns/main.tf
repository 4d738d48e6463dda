variable "function_name" {
  type = string
}

variable "log_group_name" {
  type = string
}

variable "custom_group" {
  type = string
}

resource "aws_lambda_function" "unknown_group_name" {
  function_name = "reports"
  role          = "arn:aws:iam::123456789012:role/reports"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "reports.zip"
}

# Its name is not known: it may well be /aws/lambda/reports.
resource "aws_cloudwatch_log_group" "maybe" {
  name              = var.log_group_name
  retention_in_days = 30
}

# Written after the function's own unknown name, in the same module.
resource "aws_lambda_function" "pass_same_expression" {
  function_name = var.function_name
  role          = "arn:aws:iam::123456789012:role/worker"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "worker.zip"
}

resource "aws_cloudwatch_log_group" "worker" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = 30
}

resource "aws_lambda_function" "unknown_custom_group" {
  function_name = "export"
  role          = "arn:aws:iam::123456789012:role/export"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "export.zip"
  logging_config {
    log_format = "Text"
    log_group  = var.custom_group
  }
}

# A shared group no resource here declares: another stack may own it.
resource "aws_lambda_function" "unknown_custom_group_elsewhere" {
  function_name = "import"
  role          = "arn:aws:iam::123456789012:role/import"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "import.zip"
  logging_config {
    log_format = "Text"
    log_group  = "/platform/shared"
  }
}
