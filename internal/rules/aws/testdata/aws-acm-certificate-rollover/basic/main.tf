resource "aws_acm_certificate" "pass_create_before_destroy" {
  domain_name       = "www.example.com"
  validation_method = "DNS"
  lifecycle {
    create_before_destroy = true
  }
}

# Terraform destroys first unless told otherwise.
resource "aws_acm_certificate" "fail_no_lifecycle" {
  domain_name       = "api.example.com"
  validation_method = "DNS"
}

resource "aws_acm_certificate" "fail_lifecycle_without_cbd" {
  domain_name       = "admin.example.com"
  validation_method = "DNS"
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_acm_certificate" "fail_explicit_false" {
  domain_name       = "shop.example.com"
  validation_method = "DNS"
  lifecycle {
    create_before_destroy = false
  }
}

resource "aws_acm_certificate" "pass_counted" {
  count             = 2
  domain_name       = "svc${count.index}.example.com"
  validation_method = "DNS"
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/0123456789abcdef"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate.fail_no_lifecycle.arn
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef"
  }
}
