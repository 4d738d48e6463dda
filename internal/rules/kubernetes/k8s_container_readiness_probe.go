package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-readiness-probe",
		Item:     checklist.Deploy,
		Severity: checklist.High,
		Title:    "Containers of long-running pods have a readiness probe",
		Why: "Without a readiness probe a container counts as ready the moment it starts: Services send it " +
			"traffic before it can answer, and a rollout replaces working pods with new ones that are " +
			"running but broken, because nothing tells Kubernetes to stop. The probe is what makes a " +
			"rolling update wait for each new pod to actually serve.",
		Fix: `containers:
  - name: web
    readinessProbe:
      httpGet:
        path: /ready
        port: 8080
      periodSeconds: 5`,
		References: []string{
			doc("tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"),
			"CKV_K8S_9", "Polaris: readinessProbeMissing", "kube-linter: no-readiness-probe",
		},
		// Jobs and CronJobs finish and serve nothing; init containers
		// finish before the pod can be ready. A bare Pod counts unless its
		// restartPolicy says it is a task.
		Kinds: longRunningKinds,
		Check: func(c *rules.Check) {
			// A bare Pod no Service selects receives no traffic and has no
			// rollout: readiness gates nothing for it.
			if c.R.Kind == "core/Pod" && len(c.Graph.Referrers(c.R, "core/Service", "")) == 0 {
				return
			}
			checkProbePresent(c, "readinessProbe",
				"it receives traffic as soon as it starts, and a rollout does not wait for it to work")
		},
	})
}
