terraform {
  required_version = ">= 1.6.0"
}

resource "aws_sqs_queue" "q" {
  name = "orders"
}
