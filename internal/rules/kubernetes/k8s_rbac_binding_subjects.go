package kubernetes

import (
	"fmt"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-rbac-binding-subjects",
		Item:     checklist.Provision,
		Severity: checklist.High,
		Title:    "ClusterRoleBindings name the namespace of each ServiceAccount they bind",
		Why: "A ServiceAccount exists in one namespace. A ClusterRoleBinding has no namespace of its own to " +
			"default to, so the API server refuses a ServiceAccount subject without one and the apply fails; a " +
			"RoleBinding defaults it to its own namespace, which binds the wrong account when the ServiceAccount " +
			"lives elsewhere.",
		Fix: `subjects:
- kind: ServiceAccount
  name: shop
  namespace: shop   # required in a ClusterRoleBinding`,
		References: []string{doc("reference/access-authn-authz/rbac/#referring-to-subjects")},
		Kinds:      []string{"rbac.authorization.k8s.io/ClusterRoleBinding"},
		Check: func(c *rules.Check) {
			subs := c.R.Attrs.Get("subjects")
			if !subs.IsKnown() {
				c.Unknown("subjects", subs)
				return
			}
			failed, accounts := false, 0
			for i, s := range subs.List() {
				if str(s.Get("kind")) != "ServiceAccount" {
					continue
				}
				accounts++
				ns := s.Get("namespace")
				if !ns.IsKnown() {
					c.Unknown(fmt.Sprintf("subjects[%d].namespace", i), ns)
					return
				}
				if str(ns) == "" {
					failNear(c, fmt.Sprintf("subjects[%d].namespace", i), "ServiceAccount %s is bound without its namespace, which a ClusterRoleBinding requires; the API server refuses it", str(s.Get("name")))
					failed = true
				}
			}
			if !failed && accounts > 0 {
				c.Pass("every ServiceAccount subject names its namespace")
			}
		},
	})
}
