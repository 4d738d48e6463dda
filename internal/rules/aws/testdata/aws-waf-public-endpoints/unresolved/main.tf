variable "protected_arn" {
  type = string
}

# The association's target cannot be known: it may be this load balancer.
resource "aws_lb" "unknown_maybe_associated" {
  name    = "unknown-maybe"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
}

resource "aws_wafv2_web_acl_association" "somewhere" {
  resource_arn = var.protected_arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/main/0c8e583e-18f3-4c13-9e2a-67c4805d2f94"
}
