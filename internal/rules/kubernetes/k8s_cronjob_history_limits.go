package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-cronjob-history-limits",
		Item:     checklist.Logs,
		Severity: checklist.Low,
		Title:    "CronJobs keep their failed runs for inspection",
		Why: "A CronJob deletes the Jobs (and pods, with their logs) of old runs beyond its history limits. " +
			"With failedJobsHistoryLimit: 0 a failed run disappears at once, so nobody can read why it failed; " +
			"the default keeps one.",
		Fix: `spec:
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 3`,
		References: []string{doc("concepts/workloads/controllers/cron-jobs/#jobs-history-limits")},
		Kinds:      []string{"batch/CronJob"},
		Check: func(c *rules.Check) {
			v := c.R.Attrs.Get("spec.failedJobsHistoryLimit")
			if !v.IsKnown() {
				c.Unknown("spec.failedJobsHistoryLimit", v)
				return
			}
			// failedJobsHistoryLimit defaults to 1.
			if n, ok := v.Number(); ok && n == 0 {
				c.Fail("spec.failedJobsHistoryLimit", "spec.failedJobsHistoryLimit is 0, so a failed run's Job, pods and logs are deleted at once; keep at least 1")
				return
			}
			c.Pass("failed runs are kept")
		},
	})
}
