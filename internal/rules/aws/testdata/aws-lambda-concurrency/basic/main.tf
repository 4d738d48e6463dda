variable "reserved" {
  type = number
}

variable "workers" {
  type    = map(number)
  default = { small = 5, large = 20 }
}

resource "aws_lambda_function" "pass_reserved" {
  function_name                  = "worker"
  role                           = "arn:aws:iam::123456789012:role/worker"
  handler                        = "index.handler"
  runtime                        = "nodejs22.x"
  filename                       = "worker.zip"
  reserved_concurrent_executions = 50
}

# Omitted: the provider defaults to -1, unreserved.
resource "aws_lambda_function" "fail_omitted" {
  function_name = "thumbs"
  role          = "arn:aws:iam::123456789012:role/thumbs"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "thumbs.zip"
}

resource "aws_lambda_function" "fail_unreserved" {
  function_name                  = "resize"
  role                           = "arn:aws:iam::123456789012:role/resize"
  handler                        = "index.handler"
  runtime                        = "nodejs22.x"
  filename                       = "resize.zip"
  reserved_concurrent_executions = -1
}

resource "aws_lambda_function" "fail_zero_throttles_everything" {
  function_name                  = "paused"
  role                           = "arn:aws:iam::123456789012:role/paused"
  handler                        = "index.handler"
  runtime                        = "nodejs22.x"
  filename                       = "paused.zip"
  reserved_concurrent_executions = 0
}

resource "aws_lambda_function" "unknown_variable" {
  function_name                  = "report"
  role                           = "arn:aws:iam::123456789012:role/report"
  handler                        = "index.handler"
  runtime                        = "nodejs22.x"
  filename                       = "report.zip"
  reserved_concurrent_executions = var.reserved
}

# One instance per key, each reserving its own share.
resource "aws_lambda_function" "pass_for_each" {
  for_each                       = var.workers
  function_name                  = "worker-${each.key}"
  role                           = "arn:aws:iam::123456789012:role/worker"
  handler                        = "index.handler"
  runtime                        = "nodejs22.x"
  filename                       = "worker.zip"
  reserved_concurrent_executions = each.value
}
