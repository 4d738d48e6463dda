# Queues that receive what failed in a function, an EventBridge rule, an
# SNS subscription or an event source mapping are dead-letter queues
# themselves: the rule does not apply to them (skip_…).
resource "aws_sqs_queue" "skip_function_dlq" {
  name = "function-dlq"
}

resource "aws_sqs_queue" "skip_events_dlq" {
  name = "events-dlq"
}

resource "aws_sqs_queue" "skip_subscription_dlq" {
  name = "subscription-dlq"
}

resource "aws_sqs_queue" "skip_mapping_failures" {
  name = "mapping-failures"
}

resource "aws_sqs_queue" "skip_async_failures" {
  name = "async-failures"
}

resource "aws_sqs_queue" "fail_jobs" {
  name = "jobs"
}

resource "aws_sqs_queue" "pass_work" {
  name = "work"
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.skip_function_dlq.arn
    maxReceiveCount     = 3
  })
}

resource "aws_iam_role" "fn" {
  name = "fn"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = aws_iam_role.fn.arn
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "fn.zip"
  dead_letter_config {
    target_arn = aws_sqs_queue.skip_function_dlq.arn
  }
}

resource "aws_lambda_function_event_invoke_config" "fn" {
  function_name = aws_lambda_function.fn.function_name
  destination_config {
    on_failure {
      destination = aws_sqs_queue.skip_async_failures.arn
    }
  }
}

resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn  = "arn:aws:kinesis:eu-west-1:123456789012:stream/jobs"
  function_name     = aws_lambda_function.fn.arn
  starting_position = "LATEST"
  destination_config {
    on_failure {
      destination_arn = aws_sqs_queue.skip_mapping_failures.arn
    }
  }
}

resource "aws_cloudwatch_event_rule" "nightly" {
  name                = "nightly"
  schedule_expression = "cron(0 3 * * ? *)"
}

resource "aws_cloudwatch_event_target" "nightly" {
  rule = aws_cloudwatch_event_rule.nightly.name
  arn  = aws_lambda_function.fn.arn
  dead_letter_config {
    arn = aws_sqs_queue.skip_events_dlq.arn
  }
}

resource "aws_sns_topic" "orders" {
  name = "orders"
}

resource "aws_sns_topic_subscription" "orders" {
  topic_arn = aws_sns_topic.orders.arn
  protocol  = "lambda"
  endpoint  = aws_lambda_function.fn.arn
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.skip_subscription_dlq.arn
  })
}
