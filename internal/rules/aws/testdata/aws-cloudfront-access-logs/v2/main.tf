resource "aws_cloudwatch_log_group" "cdn" {
  name              = "/cdn/access"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_delivery_destination" "cdn" {
  name = "cdn-access"
  delivery_destination_configuration {
    destination_resource_arn = aws_cloudwatch_log_group.cdn.arn
  }
}

# v2 standard logging: a delivery source for the distribution and a delivery from it.
resource "aws_cloudfront_distribution" "pass_log_delivery" {
  enabled = true
  origin {
    domain_name = "origin.example.com"
    origin_id   = "app"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
  default_cache_behavior {
    target_origin_id       = "app"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

resource "aws_cloudwatch_log_delivery_source" "pass" {
  name         = "cdn-pass"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.pass_log_delivery.arn
}

resource "aws_cloudwatch_log_delivery" "pass" {
  delivery_source_name     = aws_cloudwatch_log_delivery_source.pass.name
  delivery_destination_arn = aws_cloudwatch_log_delivery_destination.cdn.arn
}

# A delivery source alone delivers nothing.
resource "aws_cloudfront_distribution" "fail_source_without_delivery" {
  enabled = true
  origin {
    domain_name = "origin.example.com"
    origin_id   = "app"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
  default_cache_behavior {
    target_origin_id       = "app"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

resource "aws_cloudwatch_log_delivery_source" "alone" {
  name         = "cdn-alone"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.fail_source_without_delivery.arn
}
