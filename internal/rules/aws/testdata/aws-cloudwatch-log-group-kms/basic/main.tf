variable "kms_key_arn" {
  type = string
}

variable "optional_key" {
  type    = string
  default = null
}

locals {
  groups = toset(["web", "worker"])
}

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "logs" {
  description = "logs"
}

resource "aws_cloudwatch_log_group" "pass_key_reference" {
  name              = "/app/api"
  retention_in_days = 90
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_cloudwatch_log_group" "pass_for_each_literal" {
  for_each          = local.groups
  name              = "/app/${each.key}"
  retention_in_days = 30
  kms_key_id        = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

# Omitted: CloudWatch Logs' service keys only.
resource "aws_cloudwatch_log_group" "fail_omitted" {
  name              = "/app/plain"
  retention_in_days = 30
}

# A variable that defaults to null is as good as omitted.
resource "aws_cloudwatch_log_group" "fail_null_variable" {
  name              = "/app/optional"
  retention_in_days = 30
  kms_key_id        = var.optional_key
}

resource "aws_cloudwatch_log_group" "fail_empty" {
  name       = "/app/empty"
  kms_key_id = ""
}

# A variable with no value: it may be null.
resource "aws_cloudwatch_log_group" "unknown_from_variable" {
  name              = "/app/unknown"
  retention_in_days = 30
  kms_key_id        = var.kms_key_arn
}

# An ARN built from a data source: set, whatever the account id.
resource "aws_cloudwatch_log_group" "pass_arn_template" {
  name              = "/app/data"
  retention_in_days = 30
  kms_key_id        = "arn:aws:kms:eu-west-1:${data.aws_caller_identity.current.account_id}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

# A key looked up by alias is a customer managed key read at plan time.
data "aws_kms_alias" "shared" {
  name = "alias/shared-logs"
}

resource "aws_cloudwatch_log_group" "pass_data_alias" {
  name       = "/app/shared"
  kms_key_id = data.aws_kms_alias.shared.target_key_arn
}
