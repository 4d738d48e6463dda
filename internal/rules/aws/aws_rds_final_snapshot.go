package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-rds-final-snapshot",
		Item:     checklist.Backup,
		Severity: checklist.High,
		Title:    "RDS databases take a final snapshot when they are deleted",
		Why: "skip_final_snapshot = true deletes the database without a last snapshot, and its automated " +
			"backups go with it unless they were retained: a mistaken destroy, or a replacement forced by a " +
			"changed attribute, loses the data for good. A final snapshot is the last line of defence.",
		Fix: `resource "aws_db_instance" "main" {
  # ...
  skip_final_snapshot       = false
  final_snapshot_identifier = "orders-final"
}`,
		Fixes: map[string]string{
			"aws_rds_cluster": `resource "aws_rds_cluster" "main" {
  # ...
  skip_final_snapshot       = false
  final_snapshot_identifier = "billing-final"
}`,
		},
		CloudFormationFix: `Database:
  Type: AWS::RDS::DBInstance
  DeletionPolicy: Snapshot # CloudFormation snapshots the database before deleting it (Delete keeps nothing)
  UpdateReplacePolicy: Snapshot # and before replacing it
  Properties:
    # ...
`,
		CloudFormationFixes: map[string]string{
			"aws_rds_cluster": `Cluster:
  Type: AWS::RDS::DBCluster
  DeletionPolicy: Snapshot # CloudFormation snapshots the cluster before deleting it (Delete keeps nothing)
  UpdateReplacePolicy: Snapshot # and before replacing it
  Properties:
    # ...
`,
		},
		References: []string{
			doc("aws_db_instance"), doc("aws_rds_cluster"),
			// cfn-lint I3011 asks every stateful type to write both DeletionPolicy and
			// UpdateReplacePolicy; this rule reads databases only, and passes one that
			// omits DeletionPolicy, since CloudFormation's default for RDS is Snapshot.
			"cfn-lint: I3011",
		},
		Kinds: []string{"aws_db_instance", "aws_rds_cluster"},
		Check: func(c *rules.Check) {
			if c.R.Kind == "aws_db_instance" && (isAurora(c) || isReplica(c)) {
				return // the cluster's, or the source's, snapshot holds the data
			}
			// skip_final_snapshot defaults to false (provider docs).
			requireBool(c, boolWant{
				path: "skip_final_snapshot", def: false, want: false,
				pass: "a final snapshot is taken on deletion (skip_final_snapshot is false)",
				fail: "skip_final_snapshot is true, so deleting the database keeps no snapshot of it; set skip_final_snapshot = false and a final_snapshot_identifier",
			})
		},
	})
}
