package kubernetes

import (
	"fmt"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-service-valid",
		Item:     checklist.Provision,
		Severity: checklist.High,
		Title:    "Services have a type, node ports and an external name the API server accepts",
		Why: "The API server refuses a Service whose type is not ClusterIP, NodePort, LoadBalancer or ExternalName, " +
			"whose nodePort lies outside the cluster's node port range (30000–32767 unless the cluster changed it), " +
			"or of type ExternalName without an externalName. The apply fails and the service is not reachable.",
		Fix: `spec:
  type: NodePort
  ports:
  - {port: 80, targetPort: 8080, nodePort: 30080}   # 30000–32767, or leave it out`,
		References: []string{doc("concepts/services-networking/service/#publishing-services-service-types")},
		Kinds:      []string{kindService},
		Check: func(c *rules.Check) {
			t := c.R.Attrs.Get("spec.type")
			if !t.IsKnown() {
				c.Unknown("spec.type", t)
				return
			}
			failed := false
			switch typ := str(t); typ {
			case "", "ClusterIP", "NodePort", "LoadBalancer":
			case "ExternalName":
				if n := c.R.Attrs.Get("spec.externalName"); n.IsKnown() && str(n) == "" {
					failNear(c, "spec.externalName", "the Service is of type ExternalName but has no externalName; the API server refuses it")
					failed = true
				}
			default:
				c.Fail("spec.type", "type %q is not ClusterIP, NodePort, LoadBalancer or ExternalName; the API server refuses the Service", typ)
				failed = true
			}
			for i, p := range c.R.Attrs.Get("spec.ports").List() {
				if n, ok := p.Get("nodePort").Number(); ok && n != 0 && (n < 30000 || n > 32767) {
					c.Fail(fmt.Sprintf("spec.ports[%d].nodePort", i), "nodePort %d is outside the default node port range 30000–32767; the API server refuses it unless the cluster was set up with a wider range", int(n))
					failed = true
				}
			}
			if !failed {
				c.Pass("its type and ports are valid")
			}
		},
	})
}
