resource "aws_sns_topic" "pass_encrypted" {
  name              = "orders"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sns_topic" "fail_plain" {
  name = "alerts"
}

resource "aws_kms_key" "topics" {
  description         = "topics"
  enable_key_rotation = true
}

resource "aws_sns_topic" "pass_own_key" {
  name              = "payments"
  kms_master_key_id = aws_kms_key.topics.arn
}

# A variable with no value could be "", which leaves the topic unencrypted.
variable "topic_key" {
  type = string
}

resource "aws_sns_topic" "unknown_variable" {
  name              = "audit"
  kms_master_key_id = var.topic_key
}
