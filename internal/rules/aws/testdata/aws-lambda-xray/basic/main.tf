variable "tracing_mode" {
  type = string
}

variable "mode_with_default" {
  type    = string
  default = "Active"
}

locals {
  passthrough = "PassThrough"
}

resource "aws_lambda_function" "pass_active" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/api"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "api.zip"
  tracing_config {
    mode = "Active"
  }
}

resource "aws_lambda_function" "pass_active_through_variable" {
  function_name = "orders"
  role          = "arn:aws:iam::123456789012:role/orders"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "orders.zip"
  tracing_config {
    mode = var.mode_with_default
  }
}

# Omitted: the Lambda API defaults the mode to PassThrough.
resource "aws_lambda_function" "fail_omitted" {
  function_name = "thumbs"
  role          = "arn:aws:iam::123456789012:role/thumbs"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "thumbs.zip"
}

resource "aws_lambda_function" "fail_passthrough_local" {
  function_name = "resize"
  role          = "arn:aws:iam::123456789012:role/resize"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "resize.zip"
  tracing_config {
    mode = local.passthrough
  }
}

resource "aws_lambda_function" "unknown_mode" {
  function_name = "report"
  role          = "arn:aws:iam::123456789012:role/report"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "report.zip"
  tracing_config {
    mode = var.tracing_mode
  }
}

resource "aws_lambda_function" "unknown_dynamic_block" {
  function_name = "audit"
  role          = "arn:aws:iam::123456789012:role/audit"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "audit.zip"
  dynamic "tracing_config" {
    for_each = var.tracing_mode == null ? [] : [true]
    content {
      mode = var.tracing_mode
    }
  }
}
