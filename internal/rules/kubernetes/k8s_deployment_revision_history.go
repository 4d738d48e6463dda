package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-deployment-revision-history",
		Item:     checklist.Deploy,
		Severity: checklist.Low,
		Title:    "Rollouts keep earlier revisions to roll back to",
		Why: "revisionHistoryLimit: 0 deletes every old ReplicaSet (or controller revision) as soon as a " +
			"rollout finishes, so `kubectl rollout undo` has nothing to return to: a bad release can only " +
			"be undone by finding and re-applying the old manifest while it is failing.",
		Fix: `spec:
  revisionHistoryLimit: 10   # or leave it out: 10 is the default`,
		References: []string{doc("concepts/workloads/controllers/deployment/#revision-history-limit")},
		Kinds:      []string{"apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "argoproj.io/Rollout"},
		Check:      checkRevisionHistory,
	})
}

func checkRevisionHistory(c *rules.Check) {
	v := c.R.Attrs.Get("spec.revisionHistoryLimit")
	if !v.IsKnown() {
		c.Unknown("spec.revisionHistoryLimit", v)
		return
	}
	n, isNum := v.Number()
	switch {
	case v.IsNull():
		// revisionHistoryLimit defaults to 10 for every one of these kinds.
		c.Pass("revisionHistoryLimit is not set: 10 earlier revisions are kept (the default)")
	case !isNum:
		c.Fail("spec.revisionHistoryLimit", "revisionHistoryLimit is not a number")
	case n < 1:
		c.Fail("spec.revisionHistoryLimit", "revisionHistoryLimit is %d: no earlier revision is kept, so a rollout cannot be undone; keep at least 1 (10 is the default)", int(n))
	default:
		c.Pass("revisionHistoryLimit is %d", int(n))
	}
}
