resource "aws_apigatewayv2_api" "http" {
  name          = "shop-http"
  protocol_type = "HTTP"
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/apigateway/shop-http"
  retention_in_days = 90
}

resource "aws_apigatewayv2_stage" "pass_logged" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = jsonencode({ requestId = "$context.requestId", routeKey = "$context.routeKey", status = "$context.status" })
  }
}

resource "aws_apigatewayv2_stage" "fail_no_logs" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "staging"
  auto_deploy = true
}
