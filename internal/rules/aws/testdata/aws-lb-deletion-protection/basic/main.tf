variable "environment" {
  type    = string
  default = "prod"
}

variable "protect" {
  type = bool
}

resource "aws_lb" "pass_protected" {
  name                       = "protected"
  subnets                    = ["subnet-aaaa", "subnet-bbbb"]
  enable_deletion_protection = true
}

resource "aws_lb" "pass_prod_only" {
  name                       = "prod-only"
  subnets                    = ["subnet-aaaa", "subnet-bbbb"]
  enable_deletion_protection = var.environment == "prod"
}

resource "aws_lb" "fail_omitted" {
  name    = "omitted"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
}

resource "aws_alb" "fail_false" {
  name                       = "false"
  subnets                    = ["subnet-aaaa", "subnet-bbbb"]
  enable_deletion_protection = false
}

resource "aws_lb" "unknown_from_variable" {
  name                       = "unknown"
  subnets                    = ["subnet-aaaa", "subnet-bbbb"]
  enable_deletion_protection = var.protect
}
