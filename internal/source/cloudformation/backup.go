package cloudformation

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// AWS Backup. CloudFormation writes a plan's rules, a vault's lock and a
// selection's resources and conditions inline; these builders give them
// the block and resource shapes of Terraform's aws_backup_plan,
// aws_backup_vault_lock_configuration and aws_backup_selection, which the
// backup rules read. No default differs: a rule without
// Lifecycle.DeleteAfterDays keeps its recovery points until they are
// deleted by hand in both (aws-properties-backup-backupplan-lifecycleresourcetype).
//
// A plan, its vaults and its copies' vaults written in one template are in
// the stack's region and account, which is what the copy rule concludes
// for resources of one provider configuration.

// backupPlan maps BackupPlan.BackupPlanRule onto rule blocks (rule_name,
// target_vault_name, schedule, lifecycle, copy_action), and the references
// under each onto the attribute they are written for.
func backupPlan(b *builder) {
	const base = "BackupPlan.BackupPlanRule"
	b.copy("BackupPlan.BackupPlanName", "name")
	rules := b.get(base)
	if rules.IsNull() {
		return
	}
	if !rules.IsKnown() || rules.Kind() != infra.List {
		b.set("rule", rules)
		b.refsFrom(base, "rule", b.r)
		return
	}
	items := make([]infra.Value, 0, rules.Len())
	for _, r := range rules.List() {
		if !r.IsKnown() {
			items = append(items, r)
			continue
		}
		f := []infra.Field{
			{Name: "rule_name", Value: r.Field("RuleName")},
			{Name: "target_vault_name", Value: r.Field("TargetBackupVault")},
			{Name: "schedule", Value: r.Field("ScheduleExpression")},
			{Name: "lifecycle", Value: backupLifecycle(r.Field("Lifecycle"))},
		}
		if cas := r.Field("CopyActions"); !cas.IsNull() {
			if !cas.IsKnown() || cas.Kind() != infra.List {
				f = append(f, infra.Field{Name: "copy_action", Value: cas})
			} else {
				copies := make([]infra.Value, 0, cas.Len())
				for _, ca := range cas.List() {
					if !ca.IsKnown() {
						copies = append(copies, ca)
						continue
					}
					copies = append(copies, infra.ObjectValue([]infra.Field{
						{Name: "destination_vault_arn", Value: ca.Field("DestinationBackupVaultArn")},
						{Name: "lifecycle", Value: backupLifecycle(ca.Field("Lifecycle"))},
					}).WithLoc(ca.Loc))
				}
				f = append(f, infra.Field{Name: "copy_action", Value: infra.ListValue(copies).WithLoc(cas.Loc)})
			}
		}
		items = append(items, infra.ObjectValue(f).WithLoc(r.Loc))
	}
	b.set("rule", infra.ListValue(items).WithLoc(rules.Loc))
	// BackupPlan.BackupPlanRule.<i>.<Property>… → rule.<attribute>, so a
	// copy's destination vault is not mistaken for the rule's own.
	for _, ref := range b.refs {
		rest, ok := strings.CutPrefix(ref.path, base+".")
		if !ok {
			continue
		}
		parts := strings.Split(rest, ".")
		attr := "rule"
		if len(parts) > 1 {
			switch parts[1] {
			case "TargetBackupVault":
				attr = "rule.target_vault_name"
			case "CopyActions":
				attr = "rule.copy_action"
				if len(parts) > 3 && parts[3] == "DestinationBackupVaultArn" {
					attr = "rule.copy_action.destination_vault_arn"
				}
			}
		}
		b.r.Refs = append(b.r.Refs, infra.Ref{Attr: attr, To: b.t.addr(ref.to)})
	}
}

// backupLifecycle maps a Lifecycle (DeleteAfterDays,
// MoveToColdStorageAfterDays) onto Terraform's lifecycle block.
func backupLifecycle(l infra.Value) infra.Value {
	if l.IsNull() || !l.IsKnown() {
		return l
	}
	return infra.ObjectValue([]infra.Field{
		{Name: "delete_after", Value: l.Field("DeleteAfterDays")},
		{Name: "cold_storage_after", Value: l.Field("MoveToColdStorageAfterDays")},
	}).WithLoc(l.Loc)
}

// backupVault: LockConfiguration is Terraform's separate
// aws_backup_vault_lock_configuration, pointing at the vault.
func backupVault(b *builder) {
	if b.get("LockConfiguration").IsNull() {
		return
	}
	a := b.aux("aws_backup_vault_lock_configuration", "LockConfiguration", "backup_vault_name", b.get("BackupVaultName"))
	a.copy("LockConfiguration.MinRetentionDays", "min_retention_days")
	a.copy("LockConfiguration.MaxRetentionDays", "max_retention_days")
	a.copy("LockConfiguration.ChangeableForDays", "changeable_for_days")
	a.done()
}

// backupSelection maps BackupSelection onto aws_backup_selection:
// ListOfTags ({ConditionType, ConditionKey, ConditionValue}) is
// selection_tag, Conditions' StringEquals, StringLike, StringNotEquals and
// StringNotLike lists ({ConditionKey, ConditionValue}) are condition's
// string_equals … blocks.
func backupSelection(b *builder) {
	const base = "BackupSelection"
	if tags := b.get(base + ".ListOfTags"); !tags.IsNull() {
		if !tags.IsKnown() || tags.Kind() != infra.List {
			b.set("selection_tag", tags)
		} else {
			items := make([]infra.Value, 0, tags.Len())
			for _, t := range tags.List() {
				if !t.IsKnown() {
					items = append(items, t)
					continue
				}
				items = append(items, infra.ObjectValue([]infra.Field{
					{Name: "type", Value: t.Field("ConditionType")},
					{Name: "key", Value: t.Field("ConditionKey")},
					{Name: "value", Value: t.Field("ConditionValue")},
				}).WithLoc(t.Loc))
			}
			b.set("selection_tag", infra.ListValue(items).WithLoc(tags.Loc))
		}
		b.refsFrom(base+".ListOfTags", "selection_tag", b.r)
	}
	if conds := b.get(base + ".Conditions"); !conds.IsNull() {
		if !conds.IsKnown() {
			b.set("condition", conds)
		} else {
			var f []infra.Field
			for _, op := range []struct{ from, to string }{
				{"StringEquals", "string_equals"}, {"StringLike", "string_like"},
				{"StringNotEquals", "string_not_equals"}, {"StringNotLike", "string_not_like"},
			} {
				l := conds.Field(op.from)
				if l.IsNull() {
					continue
				}
				if !l.IsKnown() || l.Kind() != infra.List {
					f = append(f, infra.Field{Name: op.to, Value: l})
					continue
				}
				items := make([]infra.Value, 0, l.Len())
				for _, kv := range l.List() {
					if !kv.IsKnown() {
						items = append(items, kv)
						continue
					}
					items = append(items, infra.ObjectValue([]infra.Field{
						{Name: "key", Value: kv.Field("ConditionKey")},
						{Name: "value", Value: kv.Field("ConditionValue")},
					}).WithLoc(kv.Loc))
				}
				f = append(f, infra.Field{Name: op.to, Value: infra.ListValue(items).WithLoc(l.Loc)})
			}
			b.set("condition", infra.ListValue([]infra.Value{infra.ObjectValue(f).WithLoc(conds.Loc)}).WithLoc(conds.Loc))
		}
		b.refsFrom(base+".Conditions", "condition", b.r)
	}
}
