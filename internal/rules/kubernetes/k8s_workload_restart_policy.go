package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-workload-restart-policy",
		Item:     checklist.Deploy,
		Severity: checklist.High,
		Title:    "Long-running workloads keep the pod restartPolicy Always",
		Why: "Deployments, StatefulSets, DaemonSets and ReplicaSets keep their pods running, so the API server " +
			"accepts only restartPolicy Always for their pod template and refuses OnFailure or Never: the deploy " +
			"fails. The setting is usually copied from a Job.",
		Fix: `spec:
  template:
    spec:
      restartPolicy: Always   # or leave it out: Always is the default`,
		References: []string{doc("concepts/workloads/pods/pod-lifecycle/#restart-policy")},
		Kinds:      append(append([]string{}, serviceKinds...), "apps/DaemonSet", "extensions/DaemonSet"),
		Check: func(c *rules.Check) {
			pod, path, _ := k8s.PodTemplate(c.R)
			at := join(path, "spec.restartPolicy")
			v := pod.Get("spec.restartPolicy")
			switch p := str(v); {
			case !v.IsKnown():
				c.Unknown(at, v)
			case p == "" || p == "Always":
				c.Pass("restartPolicy is Always")
			default:
				c.Fail(at, "restartPolicy is %s, which the API server refuses for a %s (only Always); remove it", p, short(c.R.Kind))
			}
		},
	})
}
