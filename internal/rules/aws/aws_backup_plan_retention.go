package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-backup-plan-retention",
		Item:     checklist.Backup,
		Severity: checklist.Medium,
		Title:    "AWS Backup plan rules keep recovery points for at least 7 days",
		Why: "A recovery point deleted after a day or two is gone before most corruptions, bad migrations or " +
			"ransomware are noticed: the backups then hold only the damage. A week leaves time to notice and " +
			"restore from before it.",
		Fix: `resource "aws_backup_plan" "daily" {
  # ...
  rule {
    # ...
    lifecycle {
      delete_after = 35
    }
  }
}`,
		CloudFormationFix: `Plan:
  Type: AWS::Backup::BackupPlan
  Properties:
    BackupPlan:
      # ...
      BackupPlanRule:
        - RuleName: daily
          # ...
          Lifecycle:
            DeleteAfterDays: 35
`,
		References: []string{
			doc("aws_backup_plan"),
			"https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html",
		},
		Kinds: []string{"aws_backup_plan"},
		Params: []rules.Param{{Name: "min_days", Default: 7,
			Doc: "the shortest lifecycle.delete_after that passes, in days: 7 leaves a working week to notice a bad write and restore from before it"}},
		Check: func(c *rules.Check) {
			minDays := c.Param("min_days")
			failed, unknown := false, false
			// judge one delete_after: optional, and when omitted recovery
			// points are kept until deleted by hand ("If you don't specify a
			// value, recovery points are retained indefinitely", AWS Backup
			// Lifecycle API reference).
			judge := func(rule, path string, v infra.Value) {
				switch n, isNum := v.Number(); {
				case !v.IsKnown():
					c.Unknown(path, v)
					unknown = true
				case v.IsNull():
				case !isNum:
					c.UnknownBecause(path + " is not a number")
					unknown = true
				case n < minDays:
					c.FailAt(c.R.LocOf(v), "rule %s keeps recovery points %s (%s); keep at least %s days", rule, plural(int(n), "day"), path, num(minDays))
					failed = true
				}
			}
			for _, r := range c.R.Attrs.Blocks("rule") {
				if !r.IsKnown() {
					c.Unknown("rule", r)
					return
				}
				name := knownStr(r.Field("rule_name"))
				judge(name, "rule.lifecycle.delete_after", r.Get("lifecycle.delete_after"))
				for _, ca := range r.Blocks("copy_action") {
					judge(name, "rule.copy_action.lifecycle.delete_after", ca.Get("lifecycle.delete_after"))
				}
			}
			if !failed && !unknown {
				c.Pass("every rule keeps recovery points at least %s days", num(minDays))
			}
		},
	})
}
