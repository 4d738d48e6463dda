variable "api_name" {
  type = string
}

variable "other_name" {
  type = string
}

variable "log_group" {
  type    = string
  default = null
}

# The names are unknown here (they come from a variable with no value), but
# the group is written after the function's own name.
resource "aws_cloudwatch_log_group" "api" {
  name              = coalesce(var.log_group, "/aws/lambda/${var.api_name}")
  retention_in_days = 30
}

resource "aws_lambda_function" "pass_with_group" {
  function_name = var.api_name
  role          = "arn:aws:iam::123456789012:role/fn"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "fn.zip"

  depends_on = [aws_cloudwatch_log_group.api]
}

# The group above is the other function's.
resource "aws_lambda_function" "fail_without_group" {
  function_name = var.other_name
  role          = "arn:aws:iam::123456789012:role/fn"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "fn.zip"
}
