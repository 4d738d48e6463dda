package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-workload-pdb",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "Replicated services have a PodDisruptionBudget that selects their pods",
		Why: "Without a PodDisruptionBudget, a node drain, a cluster upgrade or the autoscaler removing nodes " +
			"may evict every replica of a service at once: the replicas that were meant to keep it up go down " +
			"together, and the service is unavailable until they are rescheduled and ready.",
		Fix: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web   # the labels of the workload's pod template`,
		References: []string{
			doc("concepts/workloads/pods/disruptions/"),
			doc("tasks/run-application/configure-pdb/"),
			"kube-score: deployment-has-poddisruptionbudget", "kube-score: statefulset-has-poddisruptionbudget",
			"Polaris: missingPodDisruptionBudget",
		},
		Kinds:         serviceKinds,
		CrossResource: true,
		Check:         checkWorkloadPDB,
	})
}

func checkWorkloadPDB(c *rules.Check) {
	if len(autoscalers(c.Graph, c.R)) == 0 {
		v := c.R.Attrs.Get("spec.replicas")
		if !v.IsKnown() {
			c.Unknown("spec.replicas", v)
			return
		}
		// A workload that deliberately runs fewer than two replicas has
		// nothing a budget could keep available: k8s-workload-replicas
		// reports it. When replicas is omitted (the default is 1) the
		// count is usually set elsewhere (a kustomize replicas entry, a
		// Helm value, an autoscaler added later), so the workload is
		// checked, as kube-score does.
		if n, ok := v.Number(); ok && n < 2 {
			return
		}
	}
	if pdbs := referrers(c, kindPDB); len(pdbs) > 0 {
		c.Pass("%s selects its pods", pdbs[0].Address)
		return
	}
	c.Fail("", "no PodDisruptionBudget in namespace %s selects the pods of %s (looked for a selector matching its pod template's labels)",
		c.R.Namespace, c.R.Address)
}
