resource "aws_api_gateway_rest_api" "edge" {
  name = "edge" # endpoint type defaults to EDGE
}

resource "aws_api_gateway_rest_api" "regional" {
  name = "regional"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_rest_api" "private" {
  name = "private"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = ["vpce-0123456789abcdef0"]
  }
}

variable "endpoint_type" {
  type = string
}

resource "aws_api_gateway_rest_api" "typed" {
  name = "typed"
  endpoint_configuration {
    types = [var.endpoint_type]
  }
}

resource "aws_api_gateway_stage" "pass_associated" {
  rest_api_id   = aws_api_gateway_rest_api.regional.id
  deployment_id = "abc123"
  stage_name    = "prod"
}

resource "aws_wafv2_web_acl_association" "api" {
  resource_arn = aws_api_gateway_stage.pass_associated.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/main/0c8e583e-18f3-4c13-9e2a-67c4805d2f94"
}

resource "aws_api_gateway_stage" "fail_regional" {
  rest_api_id   = aws_api_gateway_rest_api.regional.id
  deployment_id = "abc123"
  stage_name    = "staging"
}

resource "aws_api_gateway_stage" "fail_edge_default" {
  rest_api_id   = aws_api_gateway_rest_api.edge.id
  deployment_id = "abc123"
  stage_name    = "prod"
}

resource "aws_api_gateway_stage" "skip_private" {
  rest_api_id   = aws_api_gateway_rest_api.private.id
  deployment_id = "abc123"
  stage_name    = "prod"
}

resource "aws_api_gateway_stage" "unknown_endpoint_type" {
  rest_api_id   = aws_api_gateway_rest_api.typed.id
  deployment_id = "abc123"
  stage_name    = "prod"
}

variable "rest_api_id" {
  type = string
}

resource "aws_api_gateway_stage" "unknown_api_elsewhere" {
  rest_api_id   = var.rest_api_id
  deployment_id = "abc123"
  stage_name    = "prod"
}
