package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-lambda-sizing",
		Item:     checklist.Performance,
		Severity: checklist.Low,
		Title:    "Lambda functions choose their memory and timeout",
		Why: "Left to the defaults, a function gets 128 MB of memory and the CPU share that comes with it, and is " +
			"killed after 3 seconds: most real handlers are slow at 128 MB (CPU scales with memory) and time " +
			"out under the first slow dependency. Sizing them is a deliberate choice worth writing down.",
		Fix: `resource "aws_lambda_function" "resize" {
  # ...
  memory_size = 1024   # MB; CPU grows with it
  timeout     = 30     # seconds, below the caller's own timeout
}`,
		CloudFormationFix: `Function:
  Type: AWS::Lambda::Function
  Properties:
    # ...
    MemorySize: 1024 # MB; CPU grows with it
    Timeout: 30 # seconds, below the caller's own timeout
`,
		References: []string{doc("aws_lambda_function"), "https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html"},
		Kinds:      []string{"aws_lambda_function"},
		Check: func(c *rules.Check) {
			mem, timeout := c.R.Attrs.Get("memory_size"), c.R.Attrs.Get("timeout")
			switch {
			case mem.IsNull() && timeout.IsNull():
				c.Fail("", "memory_size and timeout are not set, so the function runs with 128 MB and is killed after 3 seconds; size both")
			case mem.IsNull():
				c.Fail("", "memory_size is not set, so the function runs with 128 MB (and the CPU share of 128 MB); set memory_size")
			case timeout.IsNull():
				c.Fail("", "timeout is not set, so the function is killed after 3 seconds; set timeout")
			default:
				c.Pass("memory_size and timeout are set")
			}
		},
	})
}
