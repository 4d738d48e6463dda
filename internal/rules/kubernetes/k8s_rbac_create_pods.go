package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-rbac-create-pods",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Application roles do not create pods",
		Why: "Whoever may create a pod may create one that runs as any ServiceAccount of the namespace and mounts " +
			"any of its Secrets and ConfigMaps: create on pods is, in effect, every permission the namespace holds. " +
			"Applications rarely need it; controllers that do should run with a role of their own, reviewed as one.",
		Fix: `# Remove create on pods from application roles; let a Deployment or a Job
# (created by your deploy pipeline) make the pods.`,
		References: []string{doc("concepts/security/rbac-good-practices/#workload-creation"), "kube-linter: access-to-create-pods"},
		Kinds:      []string{"rbac.authorization.k8s.io/Role", "rbac.authorization.k8s.io/ClusterRole"},
		Check: func(c *rules.Check) {
			checkRBACGrant(c, []string{"pods"}, []string{"create"},
				"rules[%d] lets it create pods (%s on pods), and so run code as any ServiceAccount with any Secret of the namespace; remove it from application roles")
		},
	})
}
