package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-rds-public-access",
		Item:     checklist.Networking,
		Severity: checklist.Critical,
		Title:    "RDS database instances are not publicly accessible",
		Why: "A publicly accessible instance gets a public DNS name and IP address, so one permissive " +
			"security group rule exposes the database to password guessing and exploits from the whole " +
			"internet. Databases belong in private subnets, reached from the application or a bastion.",
		Fix: `resource "aws_db_instance" "main" {
  # ...
  publicly_accessible = false
}`,
		Fixes: map[string]string{
			"aws_rds_cluster_instance": `resource "aws_rds_cluster_instance" "main" {
  # ...
  publicly_accessible = false
}`,
		},
		CloudFormationFix: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    PubliclyAccessible: false # reach it from inside the VPC
`,
		CloudFormationFixes: map[string]string{
			"aws_rds_cluster_instance": `ClusterInstance:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    DBClusterIdentifier: !Ref Cluster
    PubliclyAccessible: false # reach it from inside the VPC
`,
		},
		References: []string{
			doc("aws_db_instance"),
			doc("aws_rds_cluster_instance"),
			"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding",
			"CKV_AWS_17",
			"AVD-AWS-0180",
			// cfn_nag F22 also fails a DBInstance that omits PubliclyAccessible; this rule
			// takes the documented default (false) and passes it.
			"cfn-nag: F22",
		},
		Kinds: []string{"aws_db_instance", "aws_rds_cluster_instance"},
		Check: func(c *rules.Check) {
			// publicly_accessible defaults to false (provider docs: "Default is false").
			requireBool(c, boolWant{
				path: "publicly_accessible", def: false, want: false,
				passUnset: "publicly_accessible is not set (default false)",
				pass:      "publicly_accessible is false",
				fail:      "publicly_accessible is true; set it to false and reach the database from inside the VPC",
			})
		},
	})
}
