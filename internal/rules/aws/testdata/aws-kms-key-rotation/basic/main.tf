resource "aws_kms_key" "pass_rotated" {
  description         = "data"
  enable_key_rotation = true
}

resource "aws_kms_key" "fail_default" {
  description = "logs"
}

resource "aws_kms_key" "skip_signing" {
  description              = "signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ECC_NIST_P256"
}
