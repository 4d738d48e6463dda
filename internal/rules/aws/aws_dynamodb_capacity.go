package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-dynamodb-capacity",
		Item:     checklist.Scalability,
		Severity: checklist.High,
		Title:    "DynamoDB tables scale their capacity: on-demand, or provisioned with autoscaling",
		Why: "A table with fixed provisioned capacity throttles every request above it: a traffic peak, a " +
			"backfill or a retry storm turns into ProvisionedThroughputExceeded errors for the whole service. " +
			"On-demand billing scales by itself; provisioned capacity needs Application Auto Scaling targets " +
			"for reads and writes.",
		Fix: `resource "aws_dynamodb_table" "orders" {
  # ...
  billing_mode = "PAY_PER_REQUEST"
}
# or keep PROVISIONED and add aws_appautoscaling_target + aws_appautoscaling_policy
# for dynamodb:table:ReadCapacityUnits and dynamodb:table:WriteCapacityUnits`,
		CloudFormationFix: `Table:
  Type: AWS::DynamoDB::Table
  Properties:
    # ... (without ProvisionedThroughput)
    BillingMode: PAY_PER_REQUEST
# or keep PROVISIONED and add AWS::ApplicationAutoScaling::ScalableTarget and ScalingPolicy
# resources for dynamodb:table:ReadCapacityUnits and dynamodb:table:WriteCapacityUnits
`,
		References: []string{
			doc("aws_dynamodb_table"),
			"https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html",
		},
		Kinds:         []string{"aws_dynamodb_table"},
		CrossResource: true, // the Application Auto Scaling targets of the table
		Check: func(c *rules.Check) {
			mode, ok := strAt(c, "billing_mode", "PROVISIONED") // the provider's default
			if !ok {
				return
			}
			if mode == "PAY_PER_REQUEST" {
				c.Pass("billing_mode is PAY_PER_REQUEST: capacity follows the traffic")
				return
			}
			scaled := map[string]bool{}
			for _, t := range c.Graph.Referrers(c.R, "aws_appautoscaling_target", "resource_id") {
				d := knownStr(t.Attrs.Get("scalable_dimension"))
				if strings.HasPrefix(d, "dynamodb:table:") {
					scaled[strings.TrimPrefix(d, "dynamodb:table:")] = true
				}
			}
			switch {
			case scaled["ReadCapacityUnits"] && scaled["WriteCapacityUnits"]:
				c.Pass("Application Auto Scaling scales its read and write capacity")
			case scaled["ReadCapacityUnits"] || scaled["WriteCapacityUnits"]:
				missing := "write"
				if !scaled["ReadCapacityUnits"] {
					missing = "read"
				}
				c.Fail("billing_mode", "only one of read and write capacity is autoscaled: %s capacity is fixed; add an aws_appautoscaling_target for it", missing)
			default:
				missingUnlessUnresolved(c, "aws_appautoscaling_target", "resource_id", "name",
					"the table has fixed provisioned capacity (billing_mode %s) and no aws_appautoscaling_target scales it; use PAY_PER_REQUEST or add autoscaling", mode)
			}
		},
	})
}
