package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-rbac-token-create",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Roles do not mint tokens for other ServiceAccounts (serviceaccounts/token)",
		Why: "create on serviceaccounts/token issues a token for any ServiceAccount in scope, so the role holds the " +
			"permissions of all of them at once, including those of controllers bound to powerful roles. Only " +
			"the kubelet and a few identity brokers need it.",
		Fix: `# Remove create on serviceaccounts/token; let each pod mount its own
# ServiceAccount's projected token.`,
		References: []string{doc("concepts/security/rbac-good-practices/#token-request")},
		Kinds:      []string{"rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/Role"},
		Check: func(c *rules.Check) {
			checkRBACGrant(c, []string{"serviceaccounts/token", "serviceaccounts/*"}, []string{"create"},
				"rules[%d] grants %s on serviceaccounts/token, with which it gets a token of any ServiceAccount in scope; remove it")
		},
	})
}
