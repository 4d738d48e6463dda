package kubernetes

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-ingress-nginx-snippet",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Ingresses do not inject raw NGINX configuration (snippet annotations)",
		Why: "ingress-nginx copies snippet annotations verbatim into the controller's configuration, where they run " +
			"with the controller's rights: a snippet can read every Secret the controller can (all TLS keys and " +
			"its ServiceAccount token, CVE-2021-25742) or break routing for every Ingress. Current releases " +
			"refuse snippets by default; use the dedicated annotations or a configuration the platform owns.",
		Fix: `metadata:
  annotations:
    nginx.ingress.kubernetes.io/proxy-body-size: 8m   # a dedicated annotation, not a *-snippet`,
		References: []string{
			"https://github.com/kubernetes/ingress-nginx/issues/7837",
			"https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#configuration-snippet",
		},
		Kinds: []string{"networking.k8s.io/Ingress", "extensions/Ingress"},
		Check: func(c *rules.Check) {
			failed := false
			for _, f := range c.R.Attrs.Get("metadata.annotations").Fields() {
				if strings.HasPrefix(f.Name, "nginx.ingress.kubernetes.io/") && strings.HasSuffix(f.Name, "-snippet") {
					c.Fail("metadata.annotations["+quote(f.Name)+"]", "annotation %s injects raw NGINX configuration that runs with the controller's rights; use a dedicated annotation instead", f.Name)
					failed = true
				}
			}
			if !failed {
				c.Pass("no annotation injects NGINX configuration")
			}
		},
	})
}
