variable "domain" {
  type = string
}

resource "aws_acm_certificate" "pass_in_module" {
  domain_name       = var.domain
  validation_method = "DNS"
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_acm_certificate" "fail_in_module" {
  domain_name       = "old.${var.domain}"
  validation_method = "DNS"
}
