# Load balancer and S3 access logs can only be delivered to SSE-S3 buckets.
resource "aws_s3_bucket" "pass_alb_logs" {
  bucket = "acme-alb-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "alb_logs" {
  bucket = aws_s3_bucket.pass_alb_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_lb" "app" {
  name    = "app"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
  access_logs {
    bucket  = aws_s3_bucket.pass_alb_logs.id
    enabled = true
  }
}

resource "aws_s3_bucket" "fail_kms_log_target" {
  bucket = "acme-s3-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "s3_logs" {
  bucket = aws_s3_bucket.fail_kms_log_target.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket" "pass_source" {
  bucket = "acme-source"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "source" {
  bucket = aws_s3_bucket.pass_source.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms:dsse"
    }
  }
}

resource "aws_s3_bucket_logging" "source" {
  bucket        = aws_s3_bucket.pass_source.id
  target_bucket = aws_s3_bucket.fail_kms_log_target.id
  target_prefix = "source/"
}
