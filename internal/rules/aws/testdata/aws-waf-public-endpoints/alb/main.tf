resource "aws_wafv2_web_acl" "main" {
  name  = "main"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "main"
    sampled_requests_enabled   = true
  }
}

resource "aws_lb" "pass_associated" {
  name    = "pass-associated"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
}

resource "aws_wafv2_web_acl_association" "associated" {
  resource_arn = aws_lb.pass_associated.arn
  web_acl_arn  = aws_wafv2_web_acl.main.arn
}

# WAF Classic (regional) still filters requests while it exists.
resource "aws_alb" "pass_classic_waf" {
  name    = "pass-classic"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
}

resource "aws_wafregional_web_acl_association" "classic" {
  resource_arn = aws_alb.pass_classic_waf.arn
  web_acl_id   = "0c8e583e-18f3-4c13-9e2a-67c4805d2f94"
}

# internal defaults to false: the load balancer faces the internet.
resource "aws_lb" "fail_internal_omitted" {
  name    = "fail-omitted"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
}

variable "internal" {
  type    = bool
  default = false
}

resource "aws_lb" "fail_internal_false_by_variable" {
  name     = "fail-variable"
  internal = var.internal
  subnets  = ["subnet-aaaa", "subnet-bbbb"]
}

variable "internal_unset" {
  type = bool
}

resource "aws_lb" "unknown_internal" {
  name     = "unknown-internal"
  internal = var.internal_unset
  subnets  = ["subnet-aaaa", "subnet-bbbb"]
}

resource "aws_lb" "skip_internal" {
  name     = "skip-internal"
  internal = true
  subnets  = ["subnet-aaaa", "subnet-bbbb"]
}

resource "aws_lb" "skip_network" {
  name               = "skip-network"
  load_balancer_type = "network"
  subnets            = ["subnet-aaaa", "subnet-bbbb"]
}

# Each instance has its own association.
resource "aws_lb" "pass_counted" {
  count   = 2
  name    = "pass-counted-${count.index}"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
}

resource "aws_wafv2_web_acl_association" "counted" {
  count        = 2
  resource_arn = aws_lb.pass_counted[count.index].arn
  web_acl_arn  = aws_wafv2_web_acl.main.arn
}

# An association for another load balancer is no evidence for this one.
resource "aws_lb" "fail_other_associated" {
  name    = "fail-other"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
}
