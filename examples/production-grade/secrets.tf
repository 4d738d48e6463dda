# The payment provider's API key. Terraform creates the secret; its value is
# written out of band (aws secretsmanager put-secret-value) and never enters state.
resource "aws_secretsmanager_secret" "api_key" {
  name                    = "${local.name}/payment-api-key"
  description             = "API key of the payment provider"
  kms_key_id              = aws_kms_key.main.arn
  recovery_window_in_days = 30
}

# The payment provider's key is rotated every 30 days by the rotation function
# the security team runs for every vendor key (it calls the vendor's API).
resource "aws_secretsmanager_secret_rotation" "api_key" {
  secret_id           = aws_secretsmanager_secret.api_key.id
  rotation_lambda_arn = var.vendor_key_rotation_lambda_arn

  rotation_rules {
    automatically_after_days = 30
  }
}
