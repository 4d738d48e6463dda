variable "retention" {
  type = number
}

locals {
  services = { web = 30, worker = 90 }
}

resource "aws_cloudwatch_log_group" "pass_ninety_days" {
  name              = "/app/api"
  retention_in_days = 90
}

resource "aws_cloudwatch_log_group" "pass_for_each" {
  for_each          = local.services
  name              = "/app/${each.key}"
  retention_in_days = each.value
}

resource "aws_cloudwatch_log_group" "fail_omitted" {
  name = "/app/forever"
}

resource "aws_cloudwatch_log_group" "fail_zero" {
  name              = "/app/zero"
  retention_in_days = 0
}

resource "aws_cloudwatch_log_group" "unknown_from_variable" {
  name              = "/app/unknown"
  retention_in_days = var.retention
}
