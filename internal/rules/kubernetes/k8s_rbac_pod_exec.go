package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-rbac-pod-exec",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Roles do not run commands in other pods",
		Why: "create on pods/exec or pods/attach lets whoever holds the role run any command inside every pod " +
			"in its scope, with those pods' service accounts, Secrets and network access: one compromised " +
			"application becomes all of them.",
		Fix: `# Remove pods/exec and pods/attach from application roles; give people
# break-glass access through a separate, audited role.`,
		References: []string{doc("concepts/security/rbac-good-practices/#exec-and-attach-permissions"), "AVD-KSV-0053"},
		Kinds:      []string{"rbac.authorization.k8s.io/Role", "rbac.authorization.k8s.io/ClusterRole"},
		Check: func(c *rules.Check) {
			checkRBACGrant(c, []string{"pods/exec", "pods/attach", "pods/*"}, []string{"create"},
				"rules[%d] lets it run commands in pods (%s on pods/exec or pods/attach); remove it from application roles")
		},
	})
}
