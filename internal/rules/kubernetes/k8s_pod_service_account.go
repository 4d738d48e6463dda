package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pod-service-account",
		Item:     checklist.Security,
		Severity: checklist.Low,
		Title:    "Pods run as a ServiceAccount of their own, not the namespace's default",
		Why: "Every pod of a namespace that names no ServiceAccount runs as \"default\": a permission granted to " +
			"one of them is granted to all, and audit logs cannot tell them apart. A ServiceAccount per app keeps " +
			"each one's API access, cloud IAM binding and image pull secrets its own.",
		Fix: `apiVersion: v1
kind: ServiceAccount
metadata: {name: web}
automountServiceAccountToken: false
---
# in the pod template
spec:
  serviceAccountName: web`,
		References: []string{
			doc("tasks/configure-pod-container/configure-service-account/"),
			"kube-linter: default-service-account",
		},
		Kinds:         podKinds,
		CrossResource: true,
		Check:         checkServiceAccount,
	})
}

// checkServiceAccount flags pods that run as the default ServiceAccount
// (serviceAccountName not set, or "default") and mount its token. A pod
// that mounts no token (automountServiceAccountToken: false on the pod,
// or on a default ServiceAccount it can see without the pod overriding
// it) never acts as that identity against the API.
func checkServiceAccount(c *rules.Check) {
	spec, specPath, sa, saPath, ok := podAccount(c)
	if !ok {
		return
	}
	if sa != "" && sa != "default" {
		c.Pass("runs as ServiceAccount %s", sa)
		return
	}
	auto := spec.Get("automountServiceAccountToken")
	if !auto.IsKnown() {
		c.Unknown(specPath+".automountServiceAccountToken", auto)
		return
	}
	if b, ok := auto.Bool(); ok && !b {
		c.Pass("runs as the default ServiceAccount but mounts no token (automountServiceAccountToken: false)")
		return
	}
	if obj := lookupServiceAccount(c, "default"); obj != nil && auto.IsNull() {
		if b, ok := obj.Attrs.Get("automountServiceAccountToken").Bool(); ok && !b {
			c.Pass("runs as the default ServiceAccount, which mounts no token (%s sets automountServiceAccountToken: false)", obj.Address)
			return
		}
	}
	if saPath != "" {
		c.Fail(saPath, "the pod runs as the namespace's default ServiceAccount; create a ServiceAccount for it and set serviceAccountName")
		return
	}
	c.Fail(specPath, "serviceAccountName is not set, so the pod runs as the namespace's default ServiceAccount; create a ServiceAccount for it and set serviceAccountName")
}
