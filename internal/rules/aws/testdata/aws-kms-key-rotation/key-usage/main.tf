# Only symmetric encryption keys rotate automatically; a signing or MAC key
# is not asked to (enable_key_rotation is rejected for them).
resource "aws_kms_key" "skip_signing" {
  description              = "release signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ECC_NIST_P256"
}

resource "aws_kms_key" "skip_usage_without_spec" {
  description = "webhook MAC"
  key_usage   = "GENERATE_VERIFY_MAC"
}

resource "aws_kms_key" "fail_encrypt_no_rotation" {
  description = "data at rest"
  key_usage   = "ENCRYPT_DECRYPT"
}
