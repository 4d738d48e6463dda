# A configuration resource exists, but its rule only tunes bucket keys and
# sets no apply_server_side_encryption_by_default: S3's SSE-S3 default stays.
resource "aws_s3_bucket" "fail_rule_without_default" {
  bucket = "acme-fail-rule-without-default"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "fail_rule_without_default" {
  bucket = aws_s3_bucket.fail_rule_without_default.id
  rule {
    bucket_key_enabled = true
  }
}

resource "aws_kms_key" "orders" {
  description = "orders bucket key"
}

resource "aws_s3_bucket" "pass_rule_with_default" {
  bucket = "acme-pass-rule-with-default"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "pass_rule_with_default" {
  bucket = aws_s3_bucket.pass_rule_with_default.bucket
  rule {
    bucket_key_enabled = true
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.orders.arn
    }
  }
}
