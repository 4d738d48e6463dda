package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-backup-vault-lock",
		Item:     checklist.Backup,
		Severity: checklist.Medium,
		Title:    "AWS Backup vaults are locked (aws_backup_vault_lock_configuration)",
		Why: "Without a vault lock, anyone who gets the account's backup permissions (an attacker, a " +
			"ransomware script, a mistaken cleanup) can delete every recovery point, and the backups die with " +
			"the data they protect. A vault lock enforces minimum retention and refuses deletion; set " +
			"changeable_for_days to make it a compliance-mode lock that not even the root user can lift.",
		Fix: `resource "aws_backup_vault_lock_configuration" "main" {
  backup_vault_name   = aws_backup_vault.main.name
  min_retention_days  = 7
  max_retention_days  = 365
  changeable_for_days = 3   # compliance mode once the 3 days have passed
}`,
		CloudFormationFix: `Vault:
  Type: AWS::Backup::BackupVault
  Properties:
    # ...
    LockConfiguration:
      MinRetentionDays: 7
      MaxRetentionDays: 365
      ChangeableForDays: 3 # compliance mode once the 3 days have passed
`,
		References: []string{
			doc("aws_backup_vault_lock_configuration"),
			"https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html",
		},
		Kinds:         []string{"aws_backup_vault"},
		CrossResource: true, // the lock configuration that names the vault
		Check: func(c *rules.Check) {
			locks := pointers(c, "aws_backup_vault_lock_configuration", "backup_vault_name", "name")
			if len(locks) == 0 {
				missingUnlessUnresolved(c, "aws_backup_vault_lock_configuration", "backup_vault_name", "name",
					"no aws_backup_vault_lock_configuration locks %s, so its recovery points can be deleted", c.R.Address)
				return
			}
			l := locks[0]
			// Without changeable_for_days the lock is in governance mode:
			// users with the right IAM permissions can still remove it.
			if l.Attrs.Get("changeable_for_days").IsNull() {
				c.Pass("%s locks it (governance mode)", l.Address)
				return
			}
			c.Pass("%s locks it (compliance mode)", l.Address)
		},
	})
}
