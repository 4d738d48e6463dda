package kubernetes

import (
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-rbac-wildcard",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Roles and ClusterRoles name the verbs, resources and API groups they grant",
		Why: "A wildcard grants everything that exists now and everything added later: \"*\" verbs include " +
			"escalate, bind and impersonate; \"*\" resources include secrets and every custom resource a " +
			"future operator installs. A role that lists what it needs cannot silently grow into cluster-admin.",
		Fix: `rules:
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch"]`,
		References: []string{
			doc("reference/access-authn-authz/rbac/"),
			doc("concepts/security/rbac-good-practices/"),
			"CKV_K8S_49", "kube-linter: wildcard-in-rules",
		},
		Kinds: []string{"rbac.authorization.k8s.io/Role", "rbac.authorization.k8s.io/ClusterRole"},
		Check: checkRBACWildcard,
	})
}

// checkRBACWildcard records one finding per rule that uses a wildcard in
// its verbs, resources (including subresource wildcards such as pods/*)
// or apiGroups. A ClusterRole with only an aggregationRule has its rules
// filled in by the controller from other roles, which are judged themselves.
func checkRBACWildcard(c *rules.Check) {
	rs := c.R.Attrs.Get("rules")
	if !rs.IsKnown() {
		c.Unknown("rules", rs)
		return
	}
	failed, unknown := false, false
	for i, rule := range rs.List() {
		var wild []string
		at := ""
		for _, field := range []string{"verbs", "resources", "apiGroups"} {
			list := rule.Get(field)
			path := fmt.Sprintf("rules[%d].%s", i, field)
			if !list.IsKnown() {
				c.Unknown(path, list)
				unknown = true
				continue
			}
			for j, v := range list.List() {
				if !v.IsKnown() {
					c.Unknown(fmt.Sprintf("%s[%d]", path, j), v)
					unknown = true
					continue
				}
				if strings.Contains(str(v), "*") {
					wild = append(wild, field+" "+str(v))
					if at == "" {
						at = fmt.Sprintf("%s[%d]", path, j)
					}
				}
			}
		}
		if len(wild) > 0 {
			failed = true
			c.Fail(at, "rules[%d] grants a wildcard (%s); list the verbs, resources and API groups it needs", i, strings.Join(wild, ", "))
		}
	}
	if !failed && !unknown {
		c.Pass("no rule uses a wildcard")
	}
}
