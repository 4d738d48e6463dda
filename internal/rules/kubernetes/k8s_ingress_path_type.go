package kubernetes

import (
	"fmt"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-ingress-path-type",
		Item:     checklist.Networking,
		Severity: checklist.High,
		Title:    "Ingress paths say how they match (pathType)",
		Why: "networking.k8s.io/v1 requires every Ingress path to set pathType (Exact, Prefix or " +
			"ImplementationSpecific); the API server refuses one that does not, which commonly happens when an " +
			"Ingress is moved from the removed extensions/v1beta1 API by changing only apiVersion. Prefix " +
			"matches by path element; ImplementationSpecific leaves it to the controller.",
		Fix: `paths:
- path: /api
  pathType: Prefix
  backend: {service: {name: api, port: {number: 80}}}`,
		References: []string{doc("concepts/services-networking/ingress/#path-types")},
		Kinds:      []string{"networking.k8s.io/Ingress"},
		Check: func(c *rules.Check) {
			paths, failed := 0, false
			for i, r := range c.R.Attrs.Get("spec.rules").List() {
				for j, p := range r.Get("http.paths").List() {
					paths++
					at := fmt.Sprintf("spec.rules[%d].http.paths[%d]", i, j)
					t := p.Get("pathType")
					switch s := str(t); {
					case !t.IsKnown():
						c.Unknown(at+".pathType", t)
						failed = true
					case s == "":
						failNear(c, at+".pathType", "path %s has no pathType, which networking.k8s.io/v1 requires; the API server refuses the Ingress; set Prefix or Exact", str(p.Get("path")))
						failed = true
					case s != "Exact" && s != "Prefix" && s != "ImplementationSpecific":
						c.Fail(at+".pathType", "pathType %q is not Exact, Prefix or ImplementationSpecific", s)
						failed = true
					}
				}
			}
			if !failed && paths > 0 {
				c.Pass("every path sets its pathType")
			}
		},
	})
}
