variable "sse" {
  type = bool
}

variable "kms_key" {
  type = string
}

resource "aws_kms_key" "main" {
  description = "sqs"
}

resource "aws_sqs_queue" "pass_default" {
  name = "default"
}

resource "aws_sqs_queue" "pass_sse" {
  name                    = "sse"
  sqs_managed_sse_enabled = true
}

resource "aws_sqs_queue" "pass_kms" {
  name              = "kms"
  kms_master_key_id = aws_kms_key.main.arn
}

resource "aws_sqs_queue" "pass_kms_alias" {
  name              = "alias"
  kms_master_key_id = "alias/aws/sqs"
}

resource "aws_sqs_queue" "fail_disabled" {
  name                    = "clear"
  sqs_managed_sse_enabled = false
}

resource "aws_sqs_queue" "unknown_sse" {
  name                    = "var"
  sqs_managed_sse_enabled = var.sse
}

# A key from a variable with no value, or none: SSE-SQS by default either way.
resource "aws_sqs_queue" "pass_kms_var" {
  name              = "kms-var"
  kms_master_key_id = var.kms_key
}

resource "aws_sqs_queue" "unknown_key_sse_off" {
  name                    = "kms-var-off"
  kms_master_key_id       = var.kms_key
  sqs_managed_sse_enabled = false
}
