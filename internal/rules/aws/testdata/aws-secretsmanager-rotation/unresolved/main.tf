variable "rotated_secret" {
  type = string
}

# This rotation's secret cannot be known: it may be this one.
resource "aws_secretsmanager_secret" "unknown_maybe_rotated" {
  name = "shop/maybe"
}

resource "aws_secretsmanager_secret_rotation" "somewhere" {
  secret_id           = var.rotated_secret
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}
