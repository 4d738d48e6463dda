resource "aws_s3_bucket" "skip_log_bucket" {
  bucket = "acme-access-logs"
}

resource "aws_s3_bucket" "pass_logged" {
  bucket = "acme-logged"
}

resource "aws_s3_bucket_logging" "pass_logged" {
  bucket        = aws_s3_bucket.pass_logged.id
  target_bucket = aws_s3_bucket.skip_log_bucket.id
  target_prefix = "logged/"
}

resource "aws_s3_bucket" "pass_for_each" {
  for_each = toset(["a", "b"])
  bucket   = "acme-each-${each.key}"
}

resource "aws_s3_bucket_logging" "each" {
  for_each      = aws_s3_bucket.pass_for_each
  bucket        = each.value.id
  target_bucket = aws_s3_bucket.skip_log_bucket.id
  target_prefix = "${each.key}/"
}

resource "aws_s3_bucket" "pass_inline" {
  bucket = "acme-inline-logged"
  logging {
    target_bucket = "acme-access-logs"
    target_prefix = "inline/"
  }
}

resource "aws_s3_bucket" "fail_not_logged" {
  bucket = "acme-not-logged"
}

# A bucket that only receives load balancer logs.
resource "aws_s3_bucket" "skip_alb_logs" {
  bucket = "acme-alb-logs"
}

resource "aws_lb" "app" {
  name    = "app"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
  access_logs {
    bucket  = aws_s3_bucket.skip_alb_logs.bucket
    enabled = true
  }
}
