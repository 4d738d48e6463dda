package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-job-ttl",
		Item:     checklist.Deploy,
		Severity: checklist.Low,
		Title:    "Jobs shipped with an application clean themselves up after they finish (ttlSecondsAfterFinished)",
		Why: "A Job's pod template cannot be changed once created, so the next deploy that changes a migration or " +
			"seed Job's image fails to apply while the finished Job from the last release is still there. " +
			"ttlSecondsAfterFinished deletes it (and its pods) a while after it ends, leaving time to read its " +
			"logs. Jobs run as Helm or Argo CD hooks with a delete policy are cleaned up by the tool instead.",
		Fix: `spec:
  ttlSecondsAfterFinished: 86400   # a day to read its logs, then it is deleted`,
		References: []string{
			doc("concepts/workloads/controllers/ttlafterfinished/"),
			"kube-linter: job-ttl-seconds-after-finished",
		},
		// A CronJob's Jobs are pruned by its history limits.
		Kinds: []string{"batch/Job"},
		Check: checkJobTTL,
	})
}

// hookDeletePolicies are the annotations with which deploy tools delete
// the Jobs they run as hooks.
var hookDeletePolicies = []string{"helm.sh/hook-delete-policy", "argocd.argoproj.io/hook-delete-policy"}

func checkJobTTL(c *rules.Check) {
	for _, a := range hookDeletePolicies {
		if p, ok := c.R.Annotations[a]; ok && p != "" {
			c.Pass("%s deletes it (%s: %s)", deployTool(a), a, p)
			return
		}
	}
	v := c.R.Attrs.Get("spec.ttlSecondsAfterFinished")
	switch {
	case !v.IsKnown():
		c.Unknown("spec.ttlSecondsAfterFinished", v)
	case v.IsNull():
		failNear(c, "spec.ttlSecondsAfterFinished", "the Job is kept after it finishes, so the next deploy that changes it fails (a Job's template cannot be changed); set spec.ttlSecondsAfterFinished")
	default:
		c.Pass("the Job is deleted %s seconds after it finishes", str(v))
	}
}

// deployTool names the tool of a hook annotation.
func deployTool(annotation string) string {
	if annotation == "helm.sh/hook-delete-policy" {
		return "Helm"
	}
	return "Argo CD"
}
