package kubernetes

import (
	"slices"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-rbac-secret-access",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Roles do not read Secrets wholesale",
		Why: "get, list or watch on secrets without resourceNames lets whoever holds the role read every " +
			"Secret in its scope — every database password and token of the namespace (or the cluster, for a " +
			"ClusterRole). An application needs at most the few Secrets it names.",
		Fix: `rules:
  - apiGroups: [""]
    resources: [secrets]
    resourceNames: [app-credentials]   # only the Secrets it needs
    verbs: [get]`,
		References: []string{doc("concepts/security/rbac-good-practices/#listing-secrets"), "AVD-KSV-0041"},
		Kinds:      []string{"rbac.authorization.k8s.io/Role", "rbac.authorization.k8s.io/ClusterRole"},
		Check: func(c *rules.Check) {
			checkRBACGrant(c, []string{"secrets"}, []string{"get", "list", "watch"},
				"rules[%d] lets it read every Secret (%s on secrets without resourceNames); name the Secrets it needs in resourceNames")
		},
	})
}

// checkRBACGrant fails each rule of a Role or ClusterRole that grants one
// of verbs on one of resources (of the core API group) to every object:
// without resourceNames. A "*" counts as every verb or resource; the
// wildcard rule reports it as well, for its own reason.
func checkRBACGrant(c *rules.Check, resources, verbs []string, format string) {
	failed := false
	for i, r := range c.R.Attrs.Get("rules").List() {
		if r.Get("resourceNames").Len() > 0 || !hasAny(r.Get("apiGroups"), "", "*") {
			continue
		}
		if !hasAny(r.Get("resources"), append(resources, "*")...) {
			continue
		}
		granted := ""
		for _, v := range r.Get("verbs").List() {
			if s := str(v); s == "*" || slices.Contains(verbs, s) {
				granted = s
				break
			}
		}
		if granted != "" {
			c.Fail("rules["+itoa(i)+"]", format, i, granted)
			failed = true
		}
	}
	if !failed {
		c.Pass("no rule grants it")
	}
}
