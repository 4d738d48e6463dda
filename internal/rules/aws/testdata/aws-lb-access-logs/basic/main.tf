resource "aws_s3_bucket" "logs" {
  bucket = "acme-lb-logs"
}

resource "aws_lb" "pass_logging" {
  name    = "pass-logging"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
  access_logs {
    bucket  = aws_s3_bucket.logs.id
    prefix  = "app"
    enabled = true
  }
}

# enabled defaults to false even when a bucket is given.
resource "aws_lb" "fail_bucket_without_enabled" {
  name    = "fail-bucket-only"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
  access_logs {
    bucket = aws_s3_bucket.logs.id
  }
}

resource "aws_lb" "fail_no_block" {
  name    = "fail-no-block"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
}

resource "aws_alb" "fail_disabled" {
  name    = "fail-disabled"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
  access_logs {
    bucket  = aws_s3_bucket.logs.id
    enabled = false
  }
}

variable "log_requests" {
  type = bool
}

resource "aws_lb" "unknown_toggle" {
  name    = "unknown-toggle"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
  access_logs {
    bucket  = aws_s3_bucket.logs.id
    enabled = var.log_requests
  }
}

resource "aws_lb" "skip_gateway" {
  name               = "gwlb"
  subnets            = ["subnet-aaaa", "subnet-bbbb"]
  load_balancer_type = "gateway"
}
