variable "access_log_arn" {
  type = string
}

resource "aws_api_gateway_rest_api" "api" {
  name = "shop"
}

resource "aws_api_gateway_deployment" "api" {
  rest_api_id = aws_api_gateway_rest_api.api.id
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/apigateway/shop"
  retention_in_days = 90
}

resource "aws_api_gateway_stage" "pass_log_group" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.api.id
  stage_name    = "prod"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = jsonencode({ requestId = "$context.requestId", status = "$context.status" })
  }
}

resource "aws_api_gateway_stage" "pass_literal_arn" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.api.id
  stage_name    = "staging"
  access_log_settings {
    destination_arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/apigateway/shop-staging"
    format          = "$context.requestId $context.status"
  }
}

# Omitted: the stage writes no access logs.
resource "aws_api_gateway_stage" "fail_omitted" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.api.id
  stage_name    = "dev"
}

resource "aws_api_gateway_stage" "unknown_variable" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.api.id
  stage_name    = "qa"
  access_log_settings {
    destination_arn = var.access_log_arn
    format          = "$context.requestId"
  }
}

resource "aws_api_gateway_stage" "unknown_dynamic" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.api.id
  stage_name    = "perf"
  dynamic "access_log_settings" {
    for_each = var.access_log_arn == null ? [] : [var.access_log_arn]
    content {
      destination_arn = access_log_settings.value
      format          = "$context.requestId"
    }
  }
}
