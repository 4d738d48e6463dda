package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-rds-deletion-protection",
		Item:     checklist.Backup,
		Severity: checklist.Medium,
		Title:    "RDS databases have deletion protection enabled",
		Why: "Without deletion protection a mistaken terraform destroy, a renamed resource or a " +
			"replacement forced by an attribute change deletes the database, and with it its automated " +
			"backups unless they were retained. Deletion protection makes every such plan fail instead.",
		Fix: `resource "aws_db_instance" "main" {
  # ...
  deletion_protection = true
}`,
		Fixes: map[string]string{
			"aws_rds_cluster": `resource "aws_rds_cluster" "main" {
  # ...
  deletion_protection = true
}`,
		},
		CloudFormationFix: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    DeletionProtection: true
`,
		CloudFormationFixes: map[string]string{
			"aws_rds_cluster": `Cluster:
  Type: AWS::RDS::DBCluster
  Properties:
    # ...
    DeletionProtection: true
`,
		},
		References: []string{
			doc("aws_db_instance"),
			doc("aws_rds_cluster"),
			"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection",
			"CKV_AWS_293",
			"CKV_AWS_139",
			"AVD-AWS-0177",
			"AVD-AWS-0343",
			// cfn_nag F80 reads DB instances only (not Aurora members); this rule also
			// reads the Aurora cluster, where Aurora's deletion protection lives.
			"cfn-nag: F80",
		},
		Kinds: []string{"aws_db_instance", "aws_rds_cluster"},
		Check: func(c *rules.Check) {
			if c.R.Kind == "aws_db_instance" && isAurora(c) {
				return // deletion protection of Aurora is set on the cluster
			}
			// deletion_protection defaults to false (provider docs: "The default is false").
			requireBool(c, boolWant{
				path: "deletion_protection", def: false, want: true,
				pass:      "deletion_protection is true",
				failUnset: "deletion_protection is not set (default false); set deletion_protection = true",
				fail:      "deletion_protection is false; set deletion_protection = true",
			})
		},
	})
}
