resource "aws_sqs_queue" "skip_orders_dlq" {
  name = "orders-dlq"
}

resource "aws_sqs_queue" "pass_orders" {
  name = "orders"
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.skip_orders_dlq.arn
    maxReceiveCount     = 5
  })
}

resource "aws_sqs_queue" "fail_emails" {
  name = "emails"
}
