package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-sqs-dead-letter",
		Item:     checklist.Availability,
		Severity: checklist.Low,
		Title:    "SQS queues move messages that keep failing to a dead-letter queue",
		Why: "A message its consumer cannot process comes back after every visibility timeout until the " +
			"retention period ends: it burns consumer capacity, delays the messages behind it in FIFO queues, " +
			"and is finally deleted without a trace. A redrive policy moves it aside after a few attempts, " +
			"where it can be inspected and replayed.",
		Fix: `resource "aws_sqs_queue" "orders" {
  name = "orders"
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.orders_dlq.arn
    maxReceiveCount     = 5
  })
}`,
		CloudFormationFix: `Queue:
  Type: AWS::SQS::Queue
  Properties:
    # ...
    RedrivePolicy:
      deadLetterTargetArn: !GetAtt DeadLetterQueue.Arn
      maxReceiveCount: 5
DeadLetterQueue:
  Type: AWS::SQS::Queue
`,
		References:    []string{doc("aws_sqs_queue"), "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html"},
		Kinds:         []string{"aws_sqs_queue"},
		CrossResource: true, // queues that are themselves dead-letter queues, and aws_sqs_queue_redrive_policy
		Check: func(c *rules.Check) {
			for _, dl := range sqsDeadLetterOf {
				if len(c.Graph.Referrers(c.R, dl.kind, dl.attr)) > 0 {
					return // it is where another queue, function or rule puts what fails
				}
			}
			if len(c.Graph.Referrers(c.R, "aws_sqs_queue_redrive_policy", "queue_url")) > 0 {
				c.Pass("an aws_sqs_queue_redrive_policy gives it a dead-letter queue")
				return
			}
			v := c.R.Attrs.Get("redrive_policy")
			switch {
			case !v.IsKnown():
				c.Pass("redrive_policy is set (to a dead-letter queue known after apply)")
			case v.IsNull() || knownStr(v) == "":
				c.Fail("", "the queue has no redrive_policy, so a message that keeps failing is retried until it expires; add a dead-letter queue")
			default:
				c.Pass("redrive_policy moves failing messages to a dead-letter queue")
			}
		},
	})
}

// sqsDeadLetterOf are the attributes through which a queue receives what
// failed elsewhere: such a queue is the end of the line and needs no
// dead-letter queue of its own (AWS's guides say as much for each).
var sqsDeadLetterOf = []struct{ kind, attr string }{
	{"aws_sqs_queue", "redrive_policy"},
	{"aws_sqs_queue_redrive_policy", "redrive_policy"},
	{"aws_lambda_function", "dead_letter_config.target_arn"},
	{"aws_cloudwatch_event_target", "dead_letter_config.arn"},
	{"aws_sns_topic_subscription", "redrive_policy"},
	{"aws_lambda_function_event_invoke_config", "destination_config.on_failure.destination"},
	{"aws_lambda_event_source_mapping", "destination_config.on_failure.destination_arn"},
}
