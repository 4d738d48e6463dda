package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-job-restart-policy",
		Item:     checklist.Deploy,
		Severity: checklist.High,
		Title:    "Jobs and CronJobs set the pod restartPolicy to OnFailure or Never",
		Why: "A Job's pods must end, so the API server accepts only restartPolicy OnFailure or Never for them. " +
			"Left out, the pod's default (Always) applies and the Job or CronJob is refused when it is applied: " +
			"the deploy fails, or for a CronJob every scheduled run is silently missing.",
		Fix: `spec:
  template:
    spec:
      restartPolicy: OnFailure   # retry in the same pod; Never starts a new pod per retry`,
		References: []string{
			doc("concepts/workloads/controllers/job/#pod-template"),
			"kube-score: cronjob-restartpolicy",
		},
		Kinds: []string{"batch/Job", "batch/CronJob"},
		Check: checkJobRestartPolicy,
	})
}

func checkJobRestartPolicy(c *rules.Check) {
	pod, path, _ := k8s.PodTemplate(c.R)
	at := join(path, "spec.restartPolicy")
	v := pod.Get("spec.restartPolicy")
	if !v.IsKnown() {
		c.Unknown(at, v)
		return
	}
	switch p := str(v); p {
	case "OnFailure", "Never":
		c.Pass("restartPolicy is %s", p)
	case "":
		failNear(c, at, "the pod template sets no restartPolicy, so it is Always, which the API server refuses for a %s; set OnFailure or Never", short(c.R.Kind))
	default:
		c.Fail(at, "restartPolicy is %s, which the API server refuses for a %s; set OnFailure or Never", p, short(c.R.Kind))
	}
}
