package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-rds-backup-retention",
		Item:     checklist.Backup,
		Severity: checklist.High,
		Title:    "RDS databases keep automated backups for at least 7 days",
		Why: "Automated backups are the only way to restore an RDS database to a point in time. " +
			"With 0 days there are no backups at all; with the API default of 1 day, a corruption or bad " +
			"migration noticed after a weekend can no longer be undone. So the default minimum is 7 days, where " +
			"CKV_AWS_133 accepts any retention above 0 and AVD-AWS-0077 anything above 1.",
		Fix: `resource "aws_db_instance" "main" {
  # ...
  backup_retention_period = 14
}`,
		Fixes: map[string]string{
			"aws_rds_cluster": `resource "aws_rds_cluster" "main" {
  # ...
  backup_retention_period = 14
}`,
		},
		CloudFormationFix: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    BackupRetentionPeriod: 14
`,
		CloudFormationFixes: map[string]string{
			"aws_rds_cluster": `Cluster:
  Type: AWS::RDS::DBCluster
  Properties:
    # ...
    BackupRetentionPeriod: 14
`,
		},
		References: []string{
			doc("aws_db_instance"),
			doc("aws_rds_cluster"),
			"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.BackupRetention.html",
			// cfn_nag W75 fails only a retention of 0 and cfn-lint I3013 only an omitted
			// BackupRetentionPeriod; this rule fails both and any retention under 7 days.
			"cfn-nag: W75",
			"cfn-lint: I3013",
		},
		Kinds: []string{"aws_db_instance", "aws_rds_cluster"},
		Params: []rules.Param{{Name: "min_days", Default: 7,
			Doc: "the shortest retention that passes, in days: 7 leaves a working week to notice a bad write and restore from before it"}},
		Check: checkBackupRetention,
	})
}

func checkBackupRetention(c *rules.Check) {
	if c.R.Kind == "aws_db_instance" {
		if isAurora(c) {
			return // an Aurora member's backups are the cluster's
		}
		if isReplica(c) {
			return // a read replica is restored from its source's backups
		}
	}
	// backup_retention_period is Optional+Computed: when it is omitted the
	// provider sends nothing and the RDS API default applies, 1 day for both
	// CreateDBInstance and CreateDBCluster ("If you create a DB instance using
	// the Amazon RDS API or the AWS CLI and if you don't set the backup
	// retention period, the default backup retention period is one day",
	// USER_WorkingWithAutomatedBackups.BackupRetention).
	minBackupDays := int(c.Param("min_days"))
	written := !c.R.Attrs.Get("backup_retention_period").IsNull()
	days, ok := numAt(c, "backup_retention_period", 1)
	if !ok {
		return
	}
	switch {
	case days >= float64(minBackupDays):
		c.Pass("backup_retention_period is %s days", num(days))
	case !written:
		c.Fail("backup_retention_period", "backup_retention_period is not set, so RDS keeps backups for 1 day; keep at least %d days", minBackupDays)
	case days == 0 && c.R.Kind == "aws_rds_cluster":
		// A DB cluster always keeps automated backups: CreateDBCluster takes
		// 1 to 35 days and rejects 0.
		c.Fail("backup_retention_period", "backup_retention_period is 0, which RDS rejects for a DB cluster (1 to 35 days); keep at least %d days", minBackupDays)
	case days == 0:
		c.Fail("backup_retention_period", "backup_retention_period is 0, which disables automated backups; keep at least %d days", minBackupDays)
	default:
		c.Fail("backup_retention_period", "backup_retention_period is %s; keep at least %d days", num(days), minBackupDays)
	}
}
