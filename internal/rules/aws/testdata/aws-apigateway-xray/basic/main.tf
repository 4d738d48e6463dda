variable "tracing" {
  type = bool
}

resource "aws_api_gateway_rest_api" "api" {
  name = "shop"
}

resource "aws_api_gateway_deployment" "api" {
  rest_api_id = aws_api_gateway_rest_api.api.id
}

resource "aws_api_gateway_stage" "pass_traced" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  deployment_id        = aws_api_gateway_deployment.api.id
  stage_name           = "prod"
  xray_tracing_enabled = true
}

# Omitted: the provider defaults xray_tracing_enabled to false.
resource "aws_api_gateway_stage" "fail_omitted" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.api.id
  stage_name    = "staging"
}

resource "aws_api_gateway_stage" "fail_disabled" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  deployment_id        = aws_api_gateway_deployment.api.id
  stage_name           = "dev"
  xray_tracing_enabled = false
}

resource "aws_api_gateway_stage" "unknown_variable" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  deployment_id        = aws_api_gateway_deployment.api.id
  stage_name           = "qa"
  xray_tracing_enabled = var.tracing
}
