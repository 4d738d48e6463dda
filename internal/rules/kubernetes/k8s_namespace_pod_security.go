package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-namespace-pod-security",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Namespaces enforce a Pod Security Standard",
		Why: "Without the pod-security.kubernetes.io/enforce label, the namespace admits privileged pods, " +
			"host namespaces and host paths from anyone who can create a pod there: every hardening in the " +
			"application's own manifests is optional for the next one.",
		Fix: `metadata:
  labels:
    pod-security.kubernetes.io/enforce: restricted   # or baseline`,
		References: []string{doc("concepts/security/pod-security-admission/")},
		Kinds:      []string{"core/Namespace"},
		Check: func(c *rules.Check) {
			switch level := c.R.Labels["pod-security.kubernetes.io/enforce"]; level {
			case "restricted", "baseline":
				c.Pass("pod-security.kubernetes.io/enforce is %s", level)
			case "":
				c.Fail("metadata", "the namespace enforces no Pod Security Standard; label it pod-security.kubernetes.io/enforce: restricted (or baseline)")
			default:
				c.Fail(`metadata.labels["pod-security.kubernetes.io/enforce"]`, "pod-security.kubernetes.io/enforce is %s, which admits privileged pods; use restricted or baseline", level)
			}
		},
	})
}
