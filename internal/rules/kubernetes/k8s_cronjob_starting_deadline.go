package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-cronjob-starting-deadline",
		Item:     checklist.Deploy,
		Severity: checklist.Low,
		Title:    "CronJobs give up on runs they could not start in time (startingDeadlineSeconds)",
		Why: "Without startingDeadlineSeconds a run that could not start on time (the controller was down, " +
			"a cluster upgrade, concurrencyPolicy: Forbid waiting on a long run) is started whenever it " +
			"becomes possible, hours late, at a time the job was never meant to run; and a CronJob that has " +
			"missed more than 100 schedules is reported as unable to determine its next run. A deadline makes " +
			"a late run a skipped one.",
		Fix: `spec:
  startingDeadlineSeconds: 300   # at least 10: the controller checks every 10 seconds`,
		References: []string{
			doc("concepts/workloads/controllers/cron-jobs/#schedule-delays"),
			"kube-score: cronjob-has-deadline",
		},
		Kinds: []string{"batch/CronJob"},
		Check: checkCronJobDeadline,
	})
}

func checkCronJobDeadline(c *rules.Check) {
	v := c.R.Attrs.Get("spec.startingDeadlineSeconds")
	if !v.IsKnown() {
		c.Unknown("spec.startingDeadlineSeconds", v)
		return
	}
	n, isNum := v.Number()
	switch {
	case v.IsNull():
		// No deadline by default: a missed run starts whenever it can.
		c.Fail("spec", "startingDeadlineSeconds is not set: a run that could not start on time starts whenever it can, however late; set a deadline")
	case !isNum:
		c.Fail("spec.startingDeadlineSeconds", "startingDeadlineSeconds is not a number")
	case n < 10:
		// The CronJob controller checks schedules every 10 seconds; a
		// shorter deadline can skip runs that were never late.
		c.Fail("spec.startingDeadlineSeconds", "startingDeadlineSeconds is %d: under 10 seconds, the controller's check interval, runs may be skipped though nothing was late; use at least 10", int(n))
	default:
		c.Pass("startingDeadlineSeconds is %d", int(n))
	}
}
