variable "validation_method" {
  type    = string
  default = "DNS"
}

variable "validation_method_unset" {
  type = string
}

variable "private_key" {
  type      = string
  sensitive = true
}

resource "aws_acm_certificate" "pass_dns" {
  domain_name       = "www.example.com"
  validation_method = "DNS"
}

resource "aws_acm_certificate" "pass_dns_by_variable" {
  domain_name       = "api.example.com"
  validation_method = var.validation_method
}

resource "aws_acm_certificate" "fail_email" {
  domain_name       = "mail.example.com"
  validation_method = "EMAIL"
}

# RequestCertificate without a method validates by email.
resource "aws_acm_certificate" "fail_method_omitted" {
  domain_name = "old.example.com"
}

resource "aws_acm_certificate" "unknown_method" {
  domain_name       = "x.example.com"
  validation_method = var.validation_method_unset
}

# An imported certificate is renewed by re-importing it, not by validation.
resource "aws_acm_certificate" "skip_imported" {
  private_key      = var.private_key
  certificate_body = file("${path.module}/cert.pem")
}

# A private CA's certificates are renewed by ACM without validation.
resource "aws_acm_certificate" "skip_private_ca" {
  domain_name               = "internal.example.com"
  certificate_authority_arn = "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/0c8e583e-18f3-4c13-9e2a-67c4805d2f94"
}
