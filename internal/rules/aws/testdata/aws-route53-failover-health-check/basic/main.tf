resource "aws_route53_zone" "main" {
  name = "example.com"
}

resource "aws_route53_health_check" "primary" {
  fqdn              = "primary.example.com"
  type              = "HTTPS"
  port              = 443
  resource_path     = "/healthz"
  failure_threshold = 3
  request_interval  = 30
}

resource "aws_route53_record" "pass_primary_checked" {
  zone_id         = aws_route53_zone.main.zone_id
  name            = "api.example.com"
  type            = "A"
  ttl             = 60
  records         = ["192.0.2.10"]
  set_identifier  = "primary"
  health_check_id = aws_route53_health_check.primary.id
  failover_routing_policy {
    type = "PRIMARY"
  }
}

# A secondary without a health check is served when the primary is down.
resource "aws_route53_record" "skip_secondary" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = "api.example.com"
  type           = "A"
  ttl            = 60
  records        = ["198.51.100.10"]
  set_identifier = "secondary"
  failover_routing_policy {
    type = "SECONDARY"
  }
}

resource "aws_route53_record" "fail_primary_unchecked" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = "www.example.com"
  type           = "A"
  ttl            = 60
  records        = ["192.0.2.20"]
  set_identifier = "primary"
  failover_routing_policy {
    type = "PRIMARY"
  }
}

resource "aws_route53_record" "pass_alias_evaluated" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = "app.example.com"
  type           = "A"
  set_identifier = "primary"
  failover_routing_policy {
    type = "PRIMARY"
  }
  alias {
    name                   = "app-primary-123.eu-west-1.elb.amazonaws.com"
    zone_id                = "Z32O12XQLNTSW2"
    evaluate_target_health = true
  }
}

resource "aws_route53_record" "fail_alias_not_evaluated" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = "shop.example.com"
  type           = "A"
  set_identifier = "primary"
  failover_routing_policy {
    type = "PRIMARY"
  }
  alias {
    name                   = "shop-primary-123.eu-west-1.elb.amazonaws.com"
    zone_id                = "Z32O12XQLNTSW2"
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "fail_multivalue_unchecked" {
  zone_id                          = aws_route53_zone.main.zone_id
  name                             = "mv.example.com"
  type                             = "A"
  ttl                              = 60
  records                          = ["192.0.2.30"]
  set_identifier                   = "one"
  multivalue_answer_routing_policy = true
}

resource "aws_route53_record" "pass_multivalue_checked" {
  zone_id                          = aws_route53_zone.main.zone_id
  name                             = "mv.example.com"
  type                             = "A"
  ttl                              = 60
  records                          = ["192.0.2.31"]
  set_identifier                   = "two"
  multivalue_answer_routing_policy = true
  health_check_id                  = "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
}

# Simple and weighted records are not judged.
resource "aws_route53_record" "skip_simple" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "plain.example.com"
  type    = "A"
  ttl     = 300
  records = ["192.0.2.40"]
}

resource "aws_route53_record" "skip_weighted" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = "canary.example.com"
  type           = "A"
  ttl            = 60
  records        = ["192.0.2.50"]
  set_identifier = "blue"
  weighted_routing_policy {
    weight = 90
  }
}
