package aws

import (
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-backup-plan-copy",
		Item:     checklist.Backup,
		Severity: checklist.Medium,
		Title:    "AWS Backup plans copy recovery points to a vault in another region or account",
		Why: "Recovery points kept only in the plan's own vault share its fate: a regional outage makes them " +
			"unreachable, and a compromised account can delete them with the data. A copy_action to a vault " +
			"in another region or account keeps a restorable copy out of that blast radius.",
		Fix: `resource "aws_backup_plan" "daily" {
  name = "daily"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 5 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn   # provider = aws.dr_region
    }
  }
}`,
		CloudFormationFix: `Plan:
  Type: AWS::Backup::BackupPlan
  Properties:
    BackupPlan:
      BackupPlanName: daily
      BackupPlanRule:
        - RuleName: daily
          TargetBackupVault: !Ref Vault
          ScheduleExpression: cron(0 5 * * ? *)
          CopyActions:
            # a vault in another region or account: a stack creates its
            # resources in one region and account, so not one of this template
            - DestinationBackupVaultArn: arn:aws:backup:eu-central-1:123456789012:backup-vault:dr
`,
		References: []string{
			doc("aws_backup_plan"),
			"https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html",
			"https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html",
		},
		Kinds:         []string{"aws_backup_plan"},
		CrossResource: true, // the destination vaults and their provider configurations
		Check:         checkBackupPlanCopy,
	})
}

func checkBackupPlanCopy(c *rules.Check) {
	copies := 0
	var literal []string
	unresolved := 0
	var firstUnresolved infra.Value
	for _, r := range c.R.Attrs.Blocks("rule") {
		if !r.IsKnown() {
			c.Unknown("rule", r)
			return
		}
		for _, ca := range r.Blocks("copy_action") {
			if !ca.IsKnown() {
				c.Unknown("rule.copy_action", ca)
				return
			}
			copies++
			d := ca.Field("destination_vault_arn")
			if d.IsKnown() {
				literal = append(literal, knownStr(d))
			} else {
				if unresolved == 0 {
					firstUnresolved = d
				}
				unresolved++
			}
		}
	}
	if copies == 0 {
		c.Fail("rule", "no rule has a copy_action, so every recovery point stays in the plan's own vault; copy to a vault in another region or account")
		return
	}
	g := c.Graph
	planProv := backupProviderOf(g, c.R)
	planRegion := backupRegionOf(planProv)
	vaults := rules.ReferencedBy(g, c.R, "rule.copy_action.destination_vault_arn", "aws_backup_vault")
	var same []*infra.Resource
	for _, v := range vaults {
		vp := backupProviderOf(g, v)
		if vp == planProv {
			same = append(same, v)
			continue
		}
		vr := backupRegionOf(vp)
		if vr != "" && vr == planRegion {
			c.UnknownBecause(fmt.Sprintf("copy_action copies to %s in the plan's region %s through %s; whether that is another account cannot be told from the code", v.Address, vr, addr(vp)))
			return
		}
		c.Pass("copy_action copies to %s, which %s creates in another region or account", v.Address, orDefault(addr(vp), "the default aws provider"))
		return
	}
	for _, arn := range literal {
		parts := strings.SplitN(arn, ":", 6)
		if len(parts) == 6 && planRegion != "" && parts[3] == planRegion {
			continue // same region; the account cannot be compared
		}
		c.Pass("copy_action copies to %s", arn)
		return
	}
	if unresolved > len(vaults) {
		// A destination from a variable or data source: it may be anywhere.
		c.Unknown("rule.copy_action.destination_vault_arn", firstUnresolved)
		return
	}
	if len(literal) > 0 {
		c.UnknownBecause(fmt.Sprintf("copy_action copies to %s, in the plan's region %s; whether that is another account cannot be told from the code", literal[0], planRegion))
		return
	}
	c.Fail("rule", "copy_action copies only to %s, which the plan's own provider configuration creates (same region and account); copy to a vault in another region or account", addresses(same))
}

// backupRegionOf is a provider configuration's region when written as a
// known value, else "".
func backupRegionOf(p *infra.Resource) string {
	if p == nil {
		return ""
	}
	return knownStr(p.Attrs.Get("region"))
}
