variable "name" {
  type = string
}

variable "dlq_arn" {
  type = string
}

resource "aws_sqs_queue" "this" {
  name = "work-${var.name}"
  redrive_policy = jsonencode({
    deadLetterTargetArn = var.dlq_arn
    maxReceiveCount     = 3
  })
}

output "arn" {
  value = aws_sqs_queue.this.arn
}
