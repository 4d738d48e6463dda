package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-cronjob-concurrency-policy",
		Item:     checklist.Deploy,
		Severity: checklist.Medium,
		Title:    "CronJobs do not start a run while the previous one is still going",
		Why: "The default concurrencyPolicy, Allow, starts every scheduled run even when earlier ones have " +
			"not finished. A run that hangs or slows down (a locked table, a slow dependency) is joined by " +
			"another at every tick: runs pile up, compete for the same data and the same nodes, and can " +
			"process the same work twice. Forbid skips a tick while a run is active; Replace stops the old run.",
		Fix: `spec:
  concurrencyPolicy: Forbid   # or Replace`,
		References: []string{doc("concepts/workloads/controllers/cron-jobs/#concurrency-policy")},
		Kinds:      []string{"batch/CronJob"},
		Check:      checkCronJobConcurrency,
	})
}

func checkCronJobConcurrency(c *rules.Check) {
	v := c.R.Attrs.Get("spec.concurrencyPolicy")
	if !v.IsKnown() {
		c.Unknown("spec.concurrencyPolicy", v)
		return
	}
	switch p := str(v); p {
	case "Forbid", "Replace":
		c.Pass("concurrencyPolicy is %s", p)
	case "":
		// concurrencyPolicy defaults to Allow.
		c.Fail("spec", "concurrencyPolicy is not set, so it is Allow: a slow run is joined by another at every schedule; set Forbid or Replace")
	default:
		c.Fail("spec.concurrencyPolicy", "concurrencyPolicy is %s: a slow run is joined by another at every schedule; set Forbid or Replace", p)
	}
}
