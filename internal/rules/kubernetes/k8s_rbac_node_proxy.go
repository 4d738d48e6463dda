package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-rbac-node-proxy",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Roles do not reach the kubelet API through nodes/proxy",
		Why: "nodes/proxy passes requests straight to a node's kubelet, which runs commands in any pod on that " +
			"node and reads their logs and secrets, bypassing the API server's admission control and most of its " +
			"audit log. Even get on it is enough to run commands. Monitoring agents that read kubelet metrics " +
			"can use nodes/metrics and nodes/stats instead.",
		Fix: `rules:
- apiGroups: [""]
  resources: [nodes/metrics, nodes/stats]   # not nodes/proxy
  verbs: [get]`,
		References: []string{doc("concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes")},
		Kinds:      []string{"rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/Role"},
		Check: func(c *rules.Check) {
			checkRBACGrant(c, []string{"nodes/proxy", "nodes/*"}, []string{"get", "create", "update", "patch"},
				"rules[%d] grants %s on nodes/proxy, which runs commands in every pod of a node past the API server; use nodes/metrics or nodes/stats")
		},
	})
}
