package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-liveness-probe",
		Item:     checklist.Availability,
		Severity: checklist.Medium,
		Title:    "Containers of long-running pods have a liveness probe",
		Why: "A process that hangs without exiting (a deadlock, a stuck event loop, an exhausted pool) " +
			"keeps its container running, and Kubernetes only restarts containers that exit or fail their " +
			"liveness probe: the pod stays broken until someone notices. The probe should check the process " +
			"itself, not its dependencies, or an outage of a database restarts every pod.",
		Fix: `containers:
  - name: web
    livenessProbe:
      httpGet:
        path: /live        # the process answers; not the readiness endpoint
        port: 8080
      periodSeconds: 10
      failureThreshold: 3`,
		References: []string{
			doc("tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"),
			"CKV_K8S_8", "Polaris: livenessProbeMissing", "kube-linter: no-liveness-probe",
		},
		// The scope of k8s-container-readiness-probe: pods meant to keep
		// running, app containers only.
		Kinds: longRunningKinds,
		Check: func(c *rules.Check) {
			checkProbePresent(c, "livenessProbe",
				"if it hangs without exiting, nothing restarts it")
		},
	})
}
