package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-ingress-class",
		Item:     checklist.Configure,
		Severity: checklist.Low,
		Title:    "Ingresses name the controller that serves them",
		Why: "An Ingress without an ingress class is served by the cluster's default class, if one is marked, " +
			"and by nothing otherwise; with two controllers (public and internal) it may be exposed by the wrong " +
			"one. Naming the class makes the exposure explicit.",
		Fix: `spec:
  ingressClassName: nginx`,
		References: []string{doc("concepts/services-networking/ingress/#ingress-class")},
		Kinds:      []string{"networking.k8s.io/Ingress", "extensions/Ingress"},
		Check: func(c *rules.Check) {
			if v := c.R.Attrs.Get("spec.ingressClassName"); !v.IsKnown() {
				c.Unknown("spec.ingressClassName", v)
				return
			} else if s := str(v); s != "" {
				c.Pass("spec.ingressClassName is %s", s)
				return
			}
			// The annotation that came before ingressClassName still works.
			if s := c.R.Annotations["kubernetes.io/ingress.class"]; s != "" {
				c.Pass("the kubernetes.io/ingress.class annotation names %s", s)
				return
			}
			c.Fail("spec", "the Ingress names no ingress class, so the cluster's default class serves it, or nothing does; set spec.ingressClassName")
		},
	})
}
