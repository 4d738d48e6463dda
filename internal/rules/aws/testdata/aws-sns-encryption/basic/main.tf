resource "aws_sns_topic" "pass_encrypted" {
  name              = "orders"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sns_topic" "fail_plain" {
  name = "alerts"
}
