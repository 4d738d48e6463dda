package kubernetes

import (
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-rbac-cluster-admin-binding",
		Item:     checklist.Security,
		Severity: checklist.Critical,
		Title:    "No ServiceAccount is bound to the cluster-admin ClusterRole",
		Why: "cluster-admin can do anything to any object, secrets included. Bound to a ServiceAccount, it is " +
			"handed to every pod that runs as it: one remote code execution in that app, or one stolen token, " +
			"and the whole cluster, with every other team's data, belongs to the intruder.",
		Fix: `kind: ClusterRole            # or a namespaced Role
metadata: {name: web}
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch"]
---
kind: RoleBinding
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: web}`,
		References: []string{
			doc("reference/access-authn-authz/rbac/#user-facing-roles"),
			doc("concepts/security/rbac-good-practices/"),
			"kube-linter: cluster-admin-role-binding",
		},
		Kinds: []string{"rbac.authorization.k8s.io/RoleBinding", "rbac.authorization.k8s.io/ClusterRoleBinding"},
		Check: checkClusterAdminBinding,
	})
}

// checkClusterAdminBinding flags each ServiceAccount subject of a binding
// to the cluster-admin ClusterRole: a ServiceAccount by kind, a
// system:serviceaccount:<ns>:<name> user, or a system:serviceaccounts
// group (every ServiceAccount, or every one of a namespace). Bindings of
// people (users and groups) are administrators' own business.
func checkClusterAdminBinding(c *rules.Check) {
	ref := c.R.Attrs.Get("roleRef")
	kind, name := ref.Get("kind"), ref.Get("name")
	for _, path := range []string{"roleRef.kind", "roleRef.name"} {
		if v := c.R.Attrs.Get(path); !v.IsKnown() {
			c.Unknown(path, v)
			return
		}
	}
	if str(kind) != "ClusterRole" || str(name) != "cluster-admin" {
		c.Pass("does not bind cluster-admin")
		return
	}
	scope := "the whole cluster"
	if short(c.R.Kind) == "RoleBinding" {
		scope = "namespace " + c.R.Namespace
	}
	subjects := c.R.Attrs.Get("subjects")
	if !subjects.IsKnown() {
		c.Unknown("subjects", subjects)
		return
	}
	failed := false
	for i, s := range subjects.List() {
		if who := serviceAccountSubject(s); who != "" {
			failed = true
			c.Fail(fmt.Sprintf("subjects[%d]", i), "binds cluster-admin over %s to %s; bind a role that grants only what it needs", scope, who)
		}
	}
	if !failed {
		c.Pass("binds cluster-admin to no ServiceAccount")
	}
}

// serviceAccountSubject names the ServiceAccounts a binding subject stands
// for, or "" for a person.
func serviceAccountSubject(s infra.Value) string {
	kind, name := str(s.Get("kind")), str(s.Get("name"))
	switch {
	case kind == "ServiceAccount":
		ns := str(s.Get("namespace"))
		return "ServiceAccount " + strings.TrimPrefix(ns+"/", "/") + name
	case kind == "User" && strings.HasPrefix(name, "system:serviceaccount:"):
		return "ServiceAccount " + strings.Replace(strings.TrimPrefix(name, "system:serviceaccount:"), ":", "/", 1)
	case kind == "Group" && name == "system:serviceaccounts":
		return "every ServiceAccount of the cluster (group system:serviceaccounts)"
	case kind == "Group" && strings.HasPrefix(name, "system:serviceaccounts:"):
		return "every ServiceAccount of namespace " + strings.TrimPrefix(name, "system:serviceaccounts:")
	}
	return ""
}
