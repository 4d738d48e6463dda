package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-rds-storage-encrypted",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "RDS database storage is encrypted at rest",
		Why: "Unencrypted storage leaves the data, its automated backups, snapshots and replicas readable " +
			"to anyone who gets hold of a snapshot or volume. Encryption can only be chosen at creation: " +
			"turning it on later means a snapshot, an encrypted copy and a restore with downtime.",
		Fix: `resource "aws_db_instance" "main" {
  # ...
  storage_encrypted = true
  kms_key_id        = aws_kms_key.db.arn # optional: a customer managed key
}`,
		Fixes: map[string]string{
			"aws_rds_cluster": `resource "aws_rds_cluster" "main" {
  # ...
  storage_encrypted = true
  kms_key_id        = aws_kms_key.db.arn # optional: a customer managed key
}`,
		},
		CloudFormationFix: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    StorageEncrypted: true
    KmsKeyId: !Ref DatabaseKey # optional: a customer managed key
`,
		CloudFormationFixes: map[string]string{
			"aws_rds_cluster": `Cluster:
  Type: AWS::RDS::DBCluster
  Properties:
    # ...
    StorageEncrypted: true
    KmsKeyId: !Ref DatabaseKey # optional: a customer managed key
`,
		},
		References: []string{
			doc("aws_db_instance"),
			doc("aws_rds_cluster"),
			"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
			"CKV_AWS_16",
			"AVD-AWS-0080",
			"cfn-nag: F26",
			"cfn-nag: F27",
		},
		Kinds: []string{"aws_db_instance", "aws_rds_cluster"},
		Check: func(c *rules.Check) {
			if c.R.Kind == "aws_db_instance" && (isAurora(c) || isReplica(c)) {
				return // encryption is the cluster's, or inherited from the replica's source
			}
			if c.R.Kind == "aws_rds_cluster" && !c.R.Attrs.Get("replication_source_identifier").IsNull() {
				return // a cross-region replica cluster inherits the source's encryption
			}
			// A database restored from a snapshot (or a point in time of
			// another cluster) takes its encryption from the source, which
			// is not known here, unless it is written.
			if c.R.Attrs.Get("storage_encrypted").IsNull() {
				for _, src := range []string{"snapshot_identifier", "restore_to_point_in_time"} {
					if v := c.R.Attrs.Get(src); !v.IsNull() && (!v.IsKnown() || v.Len() > 0 || knownStr(v) != "") {
						c.UnknownBecause("storage_encrypted is not set, and a database restored from " + src + " is encrypted if its source is, which is not known from the code")
						return
					}
				}
			}
			// aws_db_instance: "The default is false if not specified" (provider
			// docs, storage_encrypted). aws_rds_cluster: the provider docs give
			// false for provisioned clusters (Serverless v1 is always encrypted).
			requireBool(c, boolWant{
				path: "storage_encrypted", def: knownStr(c.R.Attrs.Get("engine_mode")) == "serverless", want: true,
				pass:      "storage_encrypted is true",
				failUnset: "storage_encrypted is not set, so storage is not encrypted; set storage_encrypted = true",
				fail:      "storage_encrypted is false; set storage_encrypted = true",
			})
		},
	})
}
