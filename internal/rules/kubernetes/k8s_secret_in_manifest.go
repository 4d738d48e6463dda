package kubernetes

import (
	"sort"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-secret-in-manifest",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Secrets are not written in the manifests",
		Why: "A Secret's data in a manifest is only base64: whoever can read the repository, its history, its " +
			"forks and its CI logs has the password. Secrets belong in a secrets manager, synced by External " +
			"Secrets or the CSI driver, or encrypted for the cluster (Sealed Secrets, SOPS).",
		Fix: `apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: db-credentials}
spec:
  secretStoreRef: {name: aws-secrets-manager, kind: ClusterSecretStore}
  target: {name: db-credentials}
  data:
    - secretKey: password
      remoteRef: {key: prod/db, property: password}`,
		References: []string{doc("concepts/configuration/secret/#information-security-for-secrets")},
		Kinds:      []string{"core/Secret"},
		Check: func(c *rules.Check) {
			// A service account token Secret is filled in by the cluster.
			if t := str(c.R.Attrs.Get("type")); t == "kubernetes.io/service-account-token" {
				return
			}
			var keys []string
			for _, field := range []string{"data", "stringData"} {
				for _, f := range c.R.Attrs.Get(field).Fields() {
					if s, ok := f.Value.Str(); ok && strings.TrimSpace(s) != "" {
						keys = append(keys, f.Name)
					}
				}
			}
			if len(keys) == 0 {
				c.Pass("the manifest holds no secret values")
				return
			}
			sort.Strings(keys)
			c.Fail("data", "the manifest holds the values of %s; keep them in a secrets manager and create the Secret from it (External Secrets, Sealed Secrets, the CSI driver)", strings.Join(keys, ", "))
		},
	})
}
