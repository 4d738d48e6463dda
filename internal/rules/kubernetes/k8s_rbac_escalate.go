package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-rbac-escalate",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Roles cannot grant themselves more (escalate, bind, impersonate)",
		Why: "RBAC stops a subject from granting permissions it does not hold, except through three verbs: " +
			"escalate on roles lets it edit a role to add any permission, bind on roles lets it bind any role " +
			"(cluster-admin included) to itself, and impersonate lets it act as any user, group or ServiceAccount. " +
			"Each is a path from the role to full control of its scope.",
		Fix: `# Remove escalate, bind and impersonate from application roles; where a
# controller needs bind, limit it with resourceNames to the roles it may bind.`,
		References: []string{doc("concepts/security/rbac-good-practices/#escalate-verb")},
		Kinds:      []string{"rbac.authorization.k8s.io/Role", "rbac.authorization.k8s.io/ClusterRole"},
		Check:      checkRBACEscalate,
	})
}

// escalations are the verbs that lift a subject above its own permissions,
// with the resources they act on.
var escalations = []struct {
	verb, group string
	resources   []string
}{
	{"escalate", "rbac.authorization.k8s.io", []string{"roles", "clusterroles"}},
	{"bind", "rbac.authorization.k8s.io", []string{"roles", "clusterroles"}},
	{"impersonate", "", []string{"users", "groups", "serviceaccounts"}},
}

func checkRBACEscalate(c *rules.Check) {
	list := c.R.Attrs.Get("rules")
	if !list.IsKnown() {
		c.Unknown("rules", list)
		return
	}
	failed := false
	for i, r := range list.List() {
		if p, v, found := firstUnknown(r, "rules["+itoa(i)+"]"); found {
			c.Unknown(p, v)
			return
		}
		if r.Get("resourceNames").Len() > 0 {
			continue // limited to named roles or identities
		}
		for _, e := range escalations {
			if grants(r, e.verb, e.group, e.resources) {
				c.Fail("rules["+itoa(i)+"]", "rules[%d] grants %s, with which the role can give itself any permission; remove it", i, e.verb)
				failed = true
			}
		}
	}
	if !failed {
		c.Pass("no rule grants escalate, bind or impersonate")
	}
}

// grants reports whether a policy rule allows verb on one of resources in
// group, wildcards included.
func grants(r infra.Value, verb, group string, resources []string) bool {
	return hasAny(r.Get("verbs"), verb, "*") && hasAny(r.Get("apiGroups"), group, "*") &&
		hasAny(r.Get("resources"), append(resources, "*")...)
}
