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

# A Network Load Balancer logs only TLS connections.
resource "aws_lb" "skip_nlb_tcp_only" {
  name               = "nlb-tcp"
  load_balancer_type = "network"
  subnets            = ["subnet-aaaa", "subnet-bbbb"]
}

resource "aws_lb_listener" "tcp" {
  load_balancer_arn = aws_lb.skip_nlb_tcp_only.arn
  port              = 5432
  protocol          = "TCP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/db/0123456789abcdef"
  }
}

resource "aws_lb" "fail_nlb_tls_without_logs" {
  name               = "nlb-tls"
  load_balancer_type = "network"
  subnets            = ["subnet-aaaa", "subnet-bbbb"]
}

resource "aws_lb_listener" "tls" {
  load_balancer_arn = aws_lb.fail_nlb_tls_without_logs.arn
  port              = 443
  protocol          = "TLS"
  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/0123456789abcdef"
  }
}
