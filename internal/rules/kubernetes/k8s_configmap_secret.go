package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-configmap-secret",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "ConfigMaps hold no secrets",
		Why: "A ConfigMap is meant to be read: RBAC grants it widely, tools print it, it is never encrypted at " +
			"rest and it sits in the repository in plain text. A password or key put there is exposed to " +
			"everyone who can read the namespace's configuration or the code.",
		Fix: `# Keep the secret in a Secret (from a secrets manager: External Secrets,
# Sealed Secrets, Vault) and read it with secretKeyRef.
env:
  - name: DB_PASSWORD
    valueFrom:
      secretKeyRef: {name: db-credentials, key: password}`,
		References: []string{doc("concepts/configuration/secret/")},
		Kinds:      []string{"core/ConfigMap"},
		Check: func(c *rules.Check) {
			failed := false
			for _, f := range c.R.Attrs.Get("data").Fields() {
				if !f.Value.IsKnown() {
					continue
				}
				if why := literalSecret(f.Name, f.Value); why != "" {
					c.Fail("data["+quote(f.Name)+"]", "data key %s is %s; move it to a Secret fed by a secrets manager", f.Name, why)
					failed = true
				}
			}
			if !failed {
				c.Pass("no data key holds a secret")
			}
		},
	})
}
