package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-dynamodb-deletion-protection",
		Item:     checklist.Backup,
		Severity: checklist.Medium,
		Title:    "DynamoDB tables have deletion protection enabled",
		Why: "A mistaken terraform destroy, a renamed resource or a replacement forced by a changed key schema " +
			"deletes the table and its data at once. Deletion protection makes every such plan fail until " +
			"someone turns it off on purpose.",
		Fix: `resource "aws_dynamodb_table" "orders" {
  # ...
  deletion_protection_enabled = true
}`,
		CloudFormationFix: `Table:
  Type: AWS::DynamoDB::Table
  Properties:
    # ...
    DeletionProtectionEnabled: true
`,
		References: []string{doc("aws_dynamodb_table"), "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection"},
		Kinds:      []string{"aws_dynamodb_table"},
		Check: func(c *rules.Check) {
			requireBool(c, boolWant{
				path: "deletion_protection_enabled", def: false, want: true,
				pass:      "deletion_protection_enabled is true",
				failUnset: "deletion_protection_enabled is not set (default false); set it to true",
				fail:      "deletion_protection_enabled is false; set it to true",
			})
		},
	})
}
