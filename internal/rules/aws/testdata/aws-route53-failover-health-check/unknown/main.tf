variable "health_check_id" {
  type    = string
  default = null
}

variable "failover_type" {
  type = string
}

resource "aws_route53_zone" "main" {
  name = "example.com"
}

# The health check comes from a variable with no value given.
resource "aws_route53_record" "fail_primary_null_var" {
  zone_id         = aws_route53_zone.main.zone_id
  name            = "api.example.com"
  type            = "A"
  ttl             = 60
  records         = ["192.0.2.10"]
  set_identifier  = "primary"
  health_check_id = var.health_check_id
  failover_routing_policy {
    type = "PRIMARY"
  }
}

# Whether this is the primary is not known.
resource "aws_route53_record" "unknown_type" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = "www.example.com"
  type           = "A"
  ttl            = 60
  records        = ["192.0.2.20"]
  set_identifier = "a"
  failover_routing_policy {
    type = var.failover_type
  }
}

variable "given_health_check_id" {
  type = string
}

# A variable with no value: set or null, only the caller knows.
resource "aws_route53_record" "unknown_health_check_var" {
  zone_id         = aws_route53_zone.main.zone_id
  name            = "shop.example.com"
  type            = "A"
  ttl             = 60
  records         = ["192.0.2.30"]
  set_identifier  = "primary"
  health_check_id = var.given_health_check_id
  failover_routing_policy {
    type = "PRIMARY"
  }
}
