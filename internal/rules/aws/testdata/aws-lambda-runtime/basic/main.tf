resource "aws_lambda_function" "fail_node14" {
  function_name = "resize"
  role          = "arn:aws:iam::123456789012:role/resize"
  handler       = "index.handler"
  runtime       = "nodejs14.x"
  filename      = "resize.zip"
}

resource "aws_lambda_function" "pass_node22" {
  function_name = "thumbs"
  role          = "arn:aws:iam::123456789012:role/thumbs"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "thumbs.zip"
}

resource "aws_lambda_function" "skip_image" {
  function_name = "report"
  role          = "arn:aws:iam::123456789012:role/report"
  package_type  = "Image"
  image_uri     = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:1.0.0"
}
