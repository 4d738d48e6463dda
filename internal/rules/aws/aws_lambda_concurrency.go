package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-lambda-concurrency",
		Item:     checklist.Scalability,
		Severity: checklist.Low,
		Title:    "Lambda functions reserve their concurrency (reserved_concurrent_executions above 0)",
		Why: "A function without reserved concurrency draws from the account's shared regional pool: a burst of " +
			"another function can throttle it, and its own burst can throttle everything else in the account (or " +
			"overwhelm a database behind it). Reserving concurrency both guarantees the function that capacity and " +
			"caps how far it scales. A reservation of 0 throttles every invocation; Checkov's CKV_AWS_115 accepts it, " +
			"this rule does not.",
		Fix: `resource "aws_lambda_function" "worker" {
  # ...
  reserved_concurrent_executions = 50
}`,
		CloudFormationFix: `Function:
  Type: AWS::Lambda::Function
  Properties:
    # ...
    ReservedConcurrentExecutions: 50
`,
		References: []string{
			doc("aws_lambda_function"),
			"https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html",
			"CKV_AWS_115",
			// cfn_nag W92 fails only an omitted ReservedConcurrentExecutions; this rule
			// also fails 0 (the function never runs).
			"cfn-nag: W92",
		},
		Kinds: []string{"aws_lambda_function"},
		Check: func(c *rules.Check) {
			// reserved_concurrent_executions: "A value of 0 disables lambda
			// from being triggered and -1 removes any concurrency
			// limitations. Defaults to Unreserved Concurrency Limits -1."
			// (provider docs)
			n, ok := numAt(c, "reserved_concurrent_executions", -1)
			switch {
			case !ok:
			case n > 0:
				c.Pass("reserved_concurrent_executions is %s", num(n))
			case n == 0:
				c.Fail("reserved_concurrent_executions", "reserved_concurrent_executions is 0, so every invocation is throttled and the function never runs; reserve the concurrency it needs")
			case c.R.Attrs.Get("reserved_concurrent_executions").IsNull():
				c.Fail("reserved_concurrent_executions", "reserved_concurrent_executions is not set (unreserved, -1), so the function shares the account's concurrency pool with every other function; reserve the concurrency it needs")
			default:
				c.Fail("reserved_concurrent_executions", "reserved_concurrent_executions is %s (unreserved), so the function shares the account's concurrency pool with every other function; reserve the concurrency it needs", num(n))
			}
		},
	})
}
