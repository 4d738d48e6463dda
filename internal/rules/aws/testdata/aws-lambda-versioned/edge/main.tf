# Lambda@Edge takes a numbered version, never an alias.
resource "aws_lambda_function" "pass_edge" {
  function_name = "headers"
  role          = "arn:aws:iam::123456789012:role/headers"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "headers.zip"
  publish       = true
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true
  origin {
    domain_name = "www.example.com"
    origin_id   = "web"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "web"
    viewer_protocol_policy = "redirect-to-https"
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
    lambda_function_association {
      event_type = "viewer-response"
      lambda_arn = aws_lambda_function.pass_edge.qualified_arn
    }
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

resource "aws_lambda_function" "fail_edge_unpublished" {
  function_name = "rewrite"
  role          = "arn:aws:iam::123456789012:role/rewrite"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "rewrite.zip"
}
