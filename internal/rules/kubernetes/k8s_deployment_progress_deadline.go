package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-deployment-progress-deadline",
		Item:     checklist.Deploy,
		Severity: checklist.Medium,
		Title:    "Deployments give a rollout time to progress past minReadySeconds (progressDeadlineSeconds)",
		Why: "progressDeadlineSeconds is how long a rollout may go without progress before the Deployment reports " +
			"it failed, which is what kubectl rollout status, Argo CD and Flux wait on to stop a bad release. The " +
			"API server refuses a deadline that is not above minReadySeconds, so the deploy fails outright.",
		Fix: `spec:
  minReadySeconds: 10
  progressDeadlineSeconds: 600   # the default; well above minReadySeconds and the pods' start-up time`,
		References: []string{doc("concepts/workloads/controllers/deployment/#progress-deadline-seconds")},
		Kinds:      []string{"apps/Deployment"},
		Check: func(c *rules.Check) {
			pd, mr := c.R.Attrs.Get("spec.progressDeadlineSeconds"), c.R.Attrs.Get("spec.minReadySeconds")
			switch {
			case !pd.IsKnown():
				c.Unknown("spec.progressDeadlineSeconds", pd)
				return
			case !mr.IsKnown():
				c.Unknown("spec.minReadySeconds", mr)
				return
			}
			deadline := 600.0 // the default
			if n, ok := pd.Number(); ok {
				deadline = n
			}
			ready, _ := mr.Number() // 0 when unset
			if deadline <= ready {
				c.Fail("spec.progressDeadlineSeconds", "progressDeadlineSeconds (%d) is not above minReadySeconds (%d), so the API server refuses the Deployment; raise it (600 is the default)", int(deadline), int(ready))
				return
			}
			c.Pass("a rollout may go %d seconds without progress before it is reported failed", int(deadline))
		},
	})
}
