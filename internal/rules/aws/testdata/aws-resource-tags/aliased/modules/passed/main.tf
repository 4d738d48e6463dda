# Called with the aliased provider, whose default_tags tag this queue.
resource "aws_sqs_queue" "pass_tagged_by_passed_provider" {
  name = "jobs"
}
