# Called without providers: inherits the default provider, which sets no tags.
resource "aws_sqs_queue" "fail_inherits_untagged_default" {
  name = "jobs"
}
