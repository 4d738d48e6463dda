package kubernetes

import (
	"fmt"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-service-port-names",
		Item:     checklist.Provision,
		Severity: checklist.High,
		Title:    "Services with several ports name each one, uniquely",
		Why: "The API server refuses a Service with more than one port unless every port has a name, and one where " +
			"two ports share a name or the same port number and protocol. Ingresses, ServiceMonitors and clients " +
			"that read SRV records find ports by these names, so they must also be unique.",
		Fix: `ports:
- {name: http, port: 80, targetPort: 8080}
- {name: metrics, port: 9090}`,
		References: []string{doc("concepts/services-networking/service/#multi-port-services")},
		Kinds:      []string{kindService},
		Check:      checkServicePortNames,
	})
}

func checkServicePortNames(c *rules.Check) {
	ports := c.R.Attrs.Get("spec.ports")
	if !ports.IsKnown() {
		c.Unknown("spec.ports", ports)
		return
	}
	list := ports.List()
	names, numbers := map[string]bool{}, map[string]bool{}
	failed := false
	for i, p := range list {
		at := fmt.Sprintf("spec.ports[%d]", i)
		if pt, v, found := firstUnknown(p, at); found {
			c.Unknown(pt, v)
			return
		}
		name := str(p.Get("name"))
		switch {
		case name == "" && len(list) > 1:
			failNear(c, at+".name", "port %s has no name, and a Service with several ports must name each; the API server refuses it", str(p.Get("port")))
			failed = true
		case name != "" && names[name]:
			c.Fail(at+".name", "port name %q is used twice; the API server refuses the Service", name)
			failed = true
		}
		names[name] = true
		proto := str(p.Get("protocol"))
		if proto == "" {
			proto = "TCP"
		}
		key := str(p.Get("port")) + "/" + proto
		if numbers[key] {
			c.Fail(at+".port", "port %s is declared twice; the API server refuses the Service", key)
			failed = true
		}
		numbers[key] = true
	}
	if !failed && len(list) > 0 {
		c.Pass("its ports are uniquely named and numbered")
	}
}
