locals {
  functions = toset(["orders", "invoices"])
}

resource "aws_lambda_function" "pass_alias" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/api"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "api.zip"
  publish       = true
}

resource "aws_lambda_alias" "api_live" {
  name             = "live"
  function_name    = aws_lambda_function.pass_alias.function_name
  function_version = aws_lambda_function.pass_alias.version
  routing_config {
    additional_version_weights = { "1" = 0.1 }
  }
}

# Omitted publish: the provider defaults it to false.
resource "aws_lambda_function" "fail_unpublished" {
  function_name = "thumbs"
  role          = "arn:aws:iam::123456789012:role/thumbs"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "thumbs.zip"
}

resource "aws_lambda_function" "fail_published_no_alias" {
  function_name = "resize"
  role          = "arn:aws:iam::123456789012:role/resize"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "resize.zip"
  publish       = true
}

resource "aws_lambda_function" "fail_alias_on_latest" {
  function_name = "mail"
  role          = "arn:aws:iam::123456789012:role/mail"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "mail.zip"
  publish       = true
}

resource "aws_lambda_alias" "mail_live" {
  name             = "live"
  function_name    = aws_lambda_function.fail_alias_on_latest.function_name
  function_version = "$LATEST"
}

# Without publish the function's version attribute is "$LATEST".
resource "aws_lambda_function" "fail_unpublished_alias" {
  function_name = "search"
  role          = "arn:aws:iam::123456789012:role/search"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "search.zip"
  publish       = false
}

resource "aws_lambda_alias" "search_live" {
  name             = "live"
  function_name    = aws_lambda_function.fail_unpublished_alias.function_name
  function_version = aws_lambda_function.fail_unpublished_alias.version
}

# A pipeline publishes versions; Terraform pins the alias by name.
resource "aws_lambda_function" "pass_versions_published_elsewhere" {
  function_name = "ingest"
  role          = "arn:aws:iam::123456789012:role/ingest"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "ingest.zip"
}

resource "aws_lambda_alias" "ingest_live" {
  name             = "live"
  function_name    = "ingest"
  function_version = "7"
}

# One function and one alias per key.
resource "aws_lambda_function" "pass_for_each" {
  for_each      = local.functions
  function_name = each.key
  role          = "arn:aws:iam::123456789012:role/${each.key}"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "${each.key}.zip"
  publish       = true
}

resource "aws_lambda_alias" "per_function" {
  for_each         = local.functions
  name             = "live"
  function_name    = aws_lambda_function.pass_for_each[each.key].function_name
  function_version = aws_lambda_function.pass_for_each[each.key].version
}
