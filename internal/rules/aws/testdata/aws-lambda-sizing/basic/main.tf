resource "aws_lambda_function" "pass_sized" {
  function_name = "resize"
  role          = "arn:aws:iam::123456789012:role/resize"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "resize.zip"
  memory_size   = 1024
  timeout       = 30
}

resource "aws_lambda_function" "fail_defaults" {
  function_name = "thumbs"
  role          = "arn:aws:iam::123456789012:role/thumbs"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "thumbs.zip"
}
