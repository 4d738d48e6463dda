resource "aws_kms_key" "data" {
  description = "bucket key"
}

resource "aws_s3_bucket" "pass_kms" {
  bucket = "acme-pass-kms"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "pass_kms" {
  bucket = aws_s3_bucket.pass_kms.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket" "fail_sse_s3" {
  bucket = "acme-fail-sse-s3"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "fail_sse_s3" {
  bucket = aws_s3_bucket.fail_sse_s3.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Nothing declared: only the S3 default SSE-S3 applies.
resource "aws_s3_bucket" "fail_nothing_declared" {
  bucket = "acme-fail-nothing-declared"
}

variable "algorithm" {
  type = string
}

resource "aws_s3_bucket" "unknown_algorithm" {
  bucket = "acme-unknown-algorithm"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "unknown_algorithm" {
  bucket = aws_s3_bucket.unknown_algorithm.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = var.algorithm
    }
  }
}
