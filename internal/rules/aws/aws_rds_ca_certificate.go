package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-rds-ca-certificate",
		Item:     checklist.Configure,
		Severity: checklist.Medium,
		Title:    "RDS instances use a current certificate authority (not rds-ca-2019)",
		Why: "The rds-ca-2019 certificate authority expired in August 2024: clients that verify the server's " +
			"certificate (as they should) fail to connect, and those that do not are open to impersonation. " +
			"The current authorities last until 2061 (RSA 2048) or longer.",
		Fix: `resource "aws_db_instance" "main" {
  # ...
  ca_cert_identifier = "rds-ca-rsa2048-g1"
}`,
		Fixes: map[string]string{
			"aws_rds_cluster_instance": `resource "aws_rds_cluster_instance" "main" {
  # ...
  ca_cert_identifier = "rds-ca-rsa2048-g1"
}`,
		},
		CloudFormationFix: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    CACertificateIdentifier: rds-ca-rsa2048-g1
`,
		CloudFormationFixes: map[string]string{
			"aws_rds_cluster_instance": `ClusterInstance:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    DBClusterIdentifier: !Ref Cluster
    CACertificateIdentifier: rds-ca-rsa2048-g1
`,
		},
		References: []string{doc("aws_db_instance"), "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL-certificate-rotation.html", "CKV_AWS_211"},
		Kinds:      []string{"aws_db_instance", "aws_rds_cluster_instance"},
		Check: func(c *rules.Check) {
			ca, ok := strAt(c, "ca_cert_identifier", "")
			if !ok || ca == "" {
				return // RDS picks its current default for new instances
			}
			if ca == "rds-ca-2019" || ca == "rds-ca-2015" {
				c.Fail("ca_cert_identifier", "ca_cert_identifier is %s, an expired certificate authority; use rds-ca-rsa2048-g1 (or rds-ca-ecc384-g1)", ca)
				return
			}
			c.Pass("ca_cert_identifier is %s", ca)
		},
	})
}
