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

# An Application Load Balancer cannot deliver logs into an SSE-KMS bucket.
resource "aws_s3_bucket" "fail_kms_alb_log_target" {
  bucket = "acme-alb-logs-kms"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "alb_logs_kms" {
  bucket = aws_s3_bucket.fail_kms_alb_log_target.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_lb" "api" {
  name    = "api"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
  access_logs {
    bucket  = aws_s3_bucket.fail_kms_alb_log_target.id
    enabled = true
  }
}

# S3 server access logs: SSE-S3 is the supported default for the log bucket.
resource "aws_s3_bucket" "pass_s3_log_target" {
  bucket = "acme-s3-logs"
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
  target_bucket = aws_s3_bucket.pass_s3_log_target.id
  target_prefix = "source/"
}

# Network Load Balancer logs are delivered through log delivery, which
# supports SSE-KMS, so the bucket is held to the general rule.
resource "aws_s3_bucket" "pass_nlb_logs_kms" {
  bucket = "acme-nlb-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "nlb_logs" {
  bucket = aws_s3_bucket.pass_nlb_logs_kms.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_lb" "nlb" {
  name               = "nlb"
  load_balancer_type = "network"
  subnets            = ["subnet-aaaa", "subnet-bbbb"]
  access_logs {
    bucket  = aws_s3_bucket.pass_nlb_logs_kms.id
    enabled = true
  }
}
