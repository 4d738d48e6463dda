package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-efs-backup",
		Item:     checklist.Backup,
		Severity: checklist.High,
		Title:    "EFS file systems are backed up (backup policy or AWS Backup selection)",
		Why: "EFS replicates within a region but keeps no history: a deleted directory, a ransomware run or a " +
			"bad deploy that rewrites files is replicated at once. Automatic backups (the file system's backup " +
			"policy, or an AWS Backup plan that selects it) are the only way back.",
		Fix: `resource "aws_efs_backup_policy" "shared" {
  file_system_id = aws_efs_file_system.shared.id
  backup_policy {
    status = "ENABLED"
  }
}`,
		CloudFormationFix: `FileSystem:
  Type: AWS::EFS::FileSystem
  Properties:
    # ...
    BackupPolicy:
      Status: ENABLED # daily AWS Backup backups of the file system
`,
		References:    []string{doc("aws_efs_backup_policy"), "https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html"},
		Kinds:         []string{"aws_efs_file_system"},
		CrossResource: true, // its backup policy, or a backup selection that names it
		Check: func(c *rules.Check) {
			for _, p := range c.Graph.Referrers(c.R, "aws_efs_backup_policy", "file_system_id") {
				st := p.Attrs.Get("backup_policy.status")
				if !st.IsKnown() {
					c.UnknownIn(p, "backup_policy.status", st)
					return
				}
				if knownStr(st) == "ENABLED" {
					c.Pass("%s enables automatic backups", p.Address)
				} else {
					c.FailAt(attrLoc(p, "backup_policy.status"), "%s sets backup_policy.status to %s; set it to ENABLED", p.Address, knownStr(st))
				}
				return
			}
			// An AWS Backup selection: by reference, ARN pattern or tags
			// (shared with aws-ebs-backup).
			sel, how, u := backupSelectionFor(c.Graph, c.R, "elasticfilesystem", "file-system", backupTagsOf(c.Graph, c.R))
			if sel != nil {
				c.Pass("%s %s", sel.Address, how)
				return
			}
			if u != nil {
				c.UnknownIn(u.r, u.path, u.v)
				return
			}
			missingUnlessUnresolved(c, "aws_efs_backup_policy", "file_system_id", "id", "no aws_efs_backup_policy or aws_backup_selection covers %s", c.R.Address)
		},
	})
}
