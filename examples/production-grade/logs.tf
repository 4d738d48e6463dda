resource "aws_cloudwatch_log_group" "app" {
  name              = "/${var.service}/${var.environment}/app"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.main.arn
}
