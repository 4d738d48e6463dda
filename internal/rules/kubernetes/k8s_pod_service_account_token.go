package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pod-service-account-token",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Pods mount a service account token only when they call the Kubernetes API",
		Why: "Unless told otherwise, Kubernetes mounts a token for the pod's ServiceAccount into every " +
			"container. An app that never calls the API gains nothing from it, while anyone who reads its files " +
			"(a path traversal, a debug endpoint) gets a credential for the cluster's API, with whatever the " +
			"ServiceAccount has been granted.",
		Fix: `spec:
  automountServiceAccountToken: false   # on the pod, or on its ServiceAccount
# a pod that calls the API runs as its own ServiceAccount, bound to a Role, and sets it to true`,
		References: []string{
			doc("tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting"),
			"CKV_K8S_38", "Polaris: automountServiceAccountToken",
		},
		Kinds:         podKinds,
		CrossResource: true,
		Check:         checkServiceAccountToken,
	})
}

// checkServiceAccountToken decides whether a token is mounted: the pod's
// automountServiceAccountToken wins, else its ServiceAccount's, else the
// default, true. A token asked for explicitly (true) is needed when a
// RoleBinding or ClusterRoleBinding among the scanned objects grants the
// pod's own ServiceAccount something: an operator or controller that
// calls the API. The default ServiceAccount is never a reason to mount one.
func checkServiceAccountToken(c *rules.Check) {
	spec, specPath, sa, _, ok := podAccount(c)
	if !ok {
		return
	}
	dedicated := sa != "" && sa != "default"
	auto := spec.Get("automountServiceAccountToken")
	if !auto.IsKnown() {
		c.Unknown(specPath+".automountServiceAccountToken", auto)
		return
	}
	if b, ok := auto.Bool(); ok {
		switch {
		case !b:
			c.Pass("automountServiceAccountToken is false")
		case !dedicated:
			c.Fail(specPath+".automountServiceAccountToken", "automountServiceAccountToken is true for the default ServiceAccount; set it to false, or run the pod as its own ServiceAccount if it calls the API")
		default:
			explicitToken(c, specPath+".automountServiceAccountToken", sa)
		}
		return
	}
	obj := lookupServiceAccount(c, sa)
	// A dedicated account that a binding grants a role is there to call
	// the API: its token is needed, mounted by default.
	if b := bindingsOf(c, sa); dedicated && len(b) > 0 && (obj == nil || obj.Attrs.Get("automountServiceAccountToken").IsNull()) {
		c.Pass("ServiceAccount %s is granted a role by %s, so the pod calls the API and needs its token", sa, b[0].Address)
		return
	}
	if obj == nil {
		c.Fail(specPath, "the pod does not set automountServiceAccountToken and its ServiceAccount %s is not among the scanned objects (looked for %s), so the token is mounted (the default); set automountServiceAccountToken: false", sa, k8s.Address("core/ServiceAccount", c.R.Namespace, sa))
		return
	}
	saAuto := obj.Attrs.Get("automountServiceAccountToken")
	if !saAuto.IsKnown() {
		c.UnknownIn(obj, "automountServiceAccountToken", saAuto)
		return
	}
	b, ok := saAuto.Bool()
	switch {
	case ok && !b:
		c.Pass("%s sets automountServiceAccountToken: false", obj.Address)
	case ok && dedicated:
		explicitToken(c, specPath, sa)
	default:
		c.Fail(specPath, "neither the pod nor %s sets automountServiceAccountToken: false, so the token is mounted (the default); set it to false on either", obj.Address)
	}
}

// explicitToken judges a token asked for explicitly for the pod's own
// ServiceAccount sa: needed when a binding grants sa a role.
func explicitToken(c *rules.Check, path, sa string) {
	if b := bindingsOf(c, sa); len(b) > 0 {
		c.Pass("the token is mounted on purpose (automountServiceAccountToken: true) for ServiceAccount %s, which %s grants a role", sa, b[0].Address)
		return
	}
	c.Fail(path, "automountServiceAccountToken is true, but no RoleBinding or ClusterRoleBinding among the scanned objects grants ServiceAccount %s anything; set it to false unless the app calls the Kubernetes API", sa)
}

// bindingsOf returns the RoleBindings and ClusterRoleBindings the rule can
// see whose subjects include the ServiceAccount name of c.R's namespace.
func bindingsOf(c *rules.Check, name string) []*infra.Resource {
	var out []*infra.Resource
	for _, kind := range []string{"rbac.authorization.k8s.io/RoleBinding", "rbac.authorization.k8s.io/ClusterRoleBinding"} {
		for _, b := range c.Graph.OfKind(kind) {
			if kind == "rbac.authorization.k8s.io/RoleBinding" && b.Namespace != c.R.Namespace {
				continue
			}
			for _, s := range b.Attrs.Get("subjects").List() {
				if str(s.Get("kind")) == "ServiceAccount" && str(s.Get("name")) == name &&
					(str(s.Get("namespace")) == c.R.Namespace || str(s.Get("namespace")) == "" && b.Namespace == c.R.Namespace) {
					out = append(out, b)
					break
				}
			}
		}
	}
	return out
}
