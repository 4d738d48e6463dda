# The payment provider's API key. Terraform creates the secret; its value is
# written out of band (aws secretsmanager put-secret-value) and never enters state.
resource "aws_secretsmanager_secret" "api_key" {
  name                    = "${local.name}/payment-api-key"
  description             = "API key of the payment provider"
  kms_key_id              = aws_kms_key.main.arn
  recovery_window_in_days = 30
}
