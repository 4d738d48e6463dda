resource "aws_kms_key" "secrets" {
  description         = "secrets"
  enable_key_rotation = true
}

resource "aws_kms_alias" "secrets" {
  name          = "alias/secrets"
  target_key_id = aws_kms_key.secrets.key_id
}

variable "kms_key_id" {
  type = string
}

locals {
  key = "arn:aws:kms:eu-west-1:123456789012:key/0c8e583e-18f3-4c13-9e2a-67c4805d2f94"
}

resource "aws_secretsmanager_secret" "pass_key_reference" {
  name       = "shop/db"
  kms_key_id = aws_kms_key.secrets.arn
}

resource "aws_secretsmanager_secret" "pass_alias_reference" {
  name       = "shop/api"
  kms_key_id = aws_kms_alias.secrets.arn
}

resource "aws_secretsmanager_secret" "pass_literal_through_local" {
  name       = "shop/orders"
  kms_key_id = local.key
}

# Without kms_key_id Secrets Manager uses aws/secretsmanager.
resource "aws_secretsmanager_secret" "fail_default_key" {
  name = "shop/legacy"
}

resource "aws_secretsmanager_secret" "fail_aws_managed_alias" {
  name       = "shop/cache"
  kms_key_id = "alias/aws/secretsmanager"
}

resource "aws_secretsmanager_secret" "unknown_key" {
  name       = "shop/billing"
  kms_key_id = var.kms_key_id
}
