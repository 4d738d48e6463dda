package kubernetes

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-workload-network-policy",
		Item:     checklist.Networking,
		Severity: checklist.High,
		Title:    "Pods are selected by NetworkPolicies that restrict both ingress and egress",
		Why: "A pod no NetworkPolicy selects accepts connections from every pod in the cluster and may " +
			"connect anywhere: one compromised pod reaches every other service and exfiltrates freely. " +
			"Restricting ingress alone still leaves that way out open.",
		Fix: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
spec:
  podSelector: {}          # every pod of the namespace
  policyTypes: [Ingress, Egress]
# then allow what each app needs, e.g. ingress from its clients and egress to DNS`,
		References: []string{
			doc("concepts/services-networking/network-policies/"),
			"kube-score: pod-networkpolicy", "kube-linter: non-isolated-pod", "Polaris: missingNetworkPolicy", "CKV2_K8S_6",
		},
		Kinds:         podKinds,
		CrossResource: true,
		Check:         checkWorkloadNetworkPolicy,
	})
}

// checkWorkloadNetworkPolicy looks for policies that isolate the pods in
// each direction. A pod is isolated for a direction as soon as one policy
// of that type selects it, whether the policy allows some traffic or none:
// a namespace's default-deny policy (podSelector: {}) counts like an app's
// own. Which traffic the allow rules let through is not judged (a
// policy that allows the metrics scraper, for instance, cannot be told
// from the manifests alone without guessing the scraper's labels).
func checkWorkloadNetworkPolicy(c *rules.Check) {
	spec, _ := podSpec(c.R)
	// NetworkPolicies do not apply to pods on the host network: they
	// share the node's interfaces. k8s security rules judge hostNetwork.
	if b, _ := spec.Get("hostNetwork").Bool(); b {
		return
	}
	var ingress, egress []*infra.Resource
	for _, np := range referrers(c, kindNetPol) {
		in, eg, ok := policyTypes(c, np)
		if !ok {
			return
		}
		if in {
			ingress = append(ingress, np)
		}
		if eg {
			egress = append(egress, np)
		}
	}
	switch {
	case len(ingress) > 0 && len(egress) > 0:
		c.Pass("ingress restricted by %s, egress by %s", ingress[0].Address, egress[0].Address)
	case len(ingress) == 0 && len(egress) == 0:
		c.Fail("", "no NetworkPolicy in namespace %s selects the pods of %s (looked for a podSelector matching its pod labels, and for a default-deny podSelector: {}): all traffic in and out is allowed",
			c.R.Namespace, c.R.Address)
	case len(egress) == 0:
		c.Fail("", "%s restricts ingress to the pods of %s, but no NetworkPolicy restricts their egress (a policy covers Egress only when policyTypes lists it or it has egress rules); add policyTypes: [Egress] with the egress it needs",
			ingress[0].Address, c.R.Address)
	default:
		c.Fail("", "%s restricts egress from the pods of %s, but no NetworkPolicy restricts their ingress; add a policy with policyTypes: [Ingress]",
			egress[0].Address, c.R.Address)
	}
}

// policyTypes says which directions a policy isolates. When policyTypes is
// not set, the API defaults it: Ingress always, and Egress when the policy
// has egress rules (an empty egress list is no rules).
func policyTypes(c *rules.Check, np *infra.Resource) (ingress, egress, ok bool) {
	types := np.Attrs.Get("spec.policyTypes")
	if !types.IsKnown() {
		c.UnknownIn(np, "spec.policyTypes", types)
		return false, false, false
	}
	if types.Len() == 0 {
		eg := np.Attrs.Get("spec.egress")
		if !eg.IsKnown() {
			c.UnknownIn(np, "spec.egress", eg)
			return false, false, false
		}
		return true, eg.Len() > 0, true
	}
	for _, t := range stringsOf(types) {
		ingress = ingress || strings.EqualFold(t, "Ingress")
		egress = egress || strings.EqualFold(t, "Egress")
	}
	return ingress, egress, true
}
