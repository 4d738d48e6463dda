package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-dynamodb-pitr",
		Item:     checklist.Backup,
		Severity: checklist.High,
		Title:    "DynamoDB tables have point-in-time recovery enabled",
		Why: "Without point-in-time recovery a bad deploy, a faulty migration script or an accidental " +
			"delete of items cannot be undone: DynamoDB keeps no history unless asked. PITR restores the " +
			"table to any second of the last 35 days.",
		Fix: `resource "aws_dynamodb_table" "orders" {
  # ...
  point_in_time_recovery {
    enabled = true
  }
}`,
		CloudFormationFix: `Table:
  Type: AWS::DynamoDB::Table
  Properties:
    # ...
    PointInTimeRecoverySpecification:
      PointInTimeRecoveryEnabled: true
`,
		References: []string{
			doc("aws_dynamodb_table"),
			"https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html",
			"CKV_AWS_28",
			"AVD-AWS-0024",
			"cfn-nag: W78",
		},
		Kinds: []string{"aws_dynamodb_table"},
		Check: func(c *rules.Check) {
			// point_in_time_recovery.enabled: PITR is off unless the block sets
			// it (provider docs; the UpdateContinuousBackups API default).
			if c.R.Attrs.Get("point_in_time_recovery").IsNull() {
				c.Fail("point_in_time_recovery", "no point_in_time_recovery block, so PITR is off; add one with enabled = true")
				return
			}
			requireBool(c, boolWant{
				path: "point_in_time_recovery.enabled", def: false, want: true,
				pass: "point_in_time_recovery.enabled is true",
				fail: "point_in_time_recovery.enabled is false; set it to true",
			})
		},
	})
}
