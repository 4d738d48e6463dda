package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

// A NetworkPolicy or a PodDisruptionBudget whose selector matches no pod
// protects nothing, silently: usually a label renamed on one side only.
func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-networkpolicy-selects-pods",
		Item:     checklist.Networking,
		Severity: checklist.Medium,
		Title:    "NetworkPolicies select the pods they are written for",
		Why: "A NetworkPolicy whose podSelector matches no pod isolates nothing: the pods it was written for " +
			"accept and send traffic freely, and nothing says so. It is almost always a label renamed on the " +
			"workload but not in the policy.",
		Fix: `spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: web   # the labels of the pod template it protects`,
		References:    []string{doc("concepts/services-networking/network-policies/"), "kube-score: networkpolicy-targets-pod"},
		Kinds:         []string{"networking.k8s.io/NetworkPolicy"},
		CrossResource: true,
		Check: func(c *rules.Check) {
			checkSelectsPods(c, "spec.podSelector", "isolates")
		},
	})
	rules.Register(&rules.Rule{
		ID:       "k8s-pdb-selects-pods",
		Item:     checklist.Availability,
		Severity: checklist.Medium,
		Title:    "PodDisruptionBudgets select the pods they are written for",
		Why: "A PodDisruptionBudget whose selector matches no pod protects nothing: a node drain can evict " +
			"every replica of the workload it was meant for at once.",
		Fix: `spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: web   # the labels of the pod template it protects`,
		References:    []string{doc("tasks/run-application/configure-pdb/")},
		Kinds:         []string{"policy/PodDisruptionBudget"},
		CrossResource: true,
		Check: func(c *rules.Check) {
			checkSelectsPods(c, "spec.selector", "protects")
		},
	})
}

// checkSelectsPods passes an object whose selector selects a workload of
// the scanned set (the source records the edge), fails one that selects
// none while the scan holds workloads of its namespace (so the pods it
// means should be there), and says nothing otherwise: the workloads may be
// deployed from elsewhere.
func checkSelectsPods(c *rules.Check, path, verb string) {
	sel := c.R.Attrs.Get(path)
	if !sel.IsKnown() {
		c.Unknown(path, sel)
		return
	}
	if k8s.IsEmptySelector(sel) && !sel.IsNull() {
		c.Pass("%s selects every pod of its namespace", path)
		return
	}
	if ts := c.Graph.Targets(c.R, path); len(ts) > 0 {
		c.Pass("%s %s %s", path, verb, ts[0].Address)
		return
	}
	if m := podMaker(c, sel); m != nil {
		c.UnknownBecause(path + " matches no workload of the manifests; " + m.Address + " may have an operator create the pods it means")
		return
	}
	for _, r := range c.Graph.Resources() {
		if r.Namespace == c.R.Namespace && k8s.IsWorkload(r.Kind) {
			c.Fail(path, "%s matches no pod of the workloads in namespace %s, so it %s nothing; match the labels of the pod template it is for", path, c.R.Namespace, verb)
			return
		}
	}
}
