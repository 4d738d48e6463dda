package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-job-deadline",
		Item:     checklist.Deploy,
		Severity: checklist.Low,
		Title:    "Jobs have a deadline",
		Why: "A Job without activeDeadlineSeconds runs until it succeeds or exhausts its retries: a run that " +
			"hangs (a lock, a stuck connection) holds its pod and resources forever, and for a CronJob with " +
			"concurrencyPolicy Forbid it blocks every later run.",
		Fix: `spec:
  activeDeadlineSeconds: 3600   # the longest a run may take`,
		References: []string{doc("concepts/workloads/controllers/job/#job-termination-and-cleanup")},
		Kinds:      []string{"batch/Job", "batch/CronJob"},
		Check: func(c *rules.Check) {
			path := "spec.activeDeadlineSeconds"
			if c.R.Kind == "batch/CronJob" {
				path = "spec.jobTemplate.spec.activeDeadlineSeconds"
			}
			v := c.R.Attrs.Get(path)
			n, ok := v.Number()
			switch {
			case !v.IsKnown():
				c.Unknown(path, v)
			case v.IsNull():
				// activeDeadlineSeconds has no default: no limit.
				c.Fail(parentPath(path), "%s is not set, so a run that hangs is never stopped; set the longest a run may take", path)
			case ok && n > 0:
				c.Pass("%s is %d", path, int(n))
			default:
				c.Fail(path, "%s is not a positive number of seconds", path)
			}
		},
	})
}
