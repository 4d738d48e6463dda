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
			if len(c.Graph.Referrers(c.R, "aws_sqs_queue", "redrive_policy")) > 0 ||
				len(c.Graph.Referrers(c.R, "aws_sqs_queue_redrive_policy", "redrive_policy")) > 0 {
				return // it is the dead-letter queue of another
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
