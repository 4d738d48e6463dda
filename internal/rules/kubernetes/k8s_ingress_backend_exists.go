package kubernetes

import (
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-ingress-backend-exists",
		Item:     checklist.Networking,
		Severity: checklist.Medium,
		Title:    "Ingress backends are Services of the scanned manifests, on ports those Services expose",
		Why: "An Ingress path whose backend Service does not exist, or names a port the Service does not " +
			"have, answers every request with an error (503 or 404), and nothing fails at deploy time to say so.",
		Fix: `spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web        # a Service in the Ingress's namespace
                port:
                  name: http     # one of its spec.ports (or number: 80)`,
		References: []string{
			doc("concepts/services-networking/ingress/"),
			"kube-score: ingress-targets-service", "kube-linter: dangling-ingress",
		},
		Kinds:         []string{"networking.k8s.io/Ingress"},
		CrossResource: true,
		Check:         checkIngressBackends,
	})
}

// ingressBackend is one backend of an Ingress and its path.
type ingressBackend struct {
	v    infra.Value
	path string
}

// ingressBackends lists the default backend and every path's backend.
// Rules without http (used by some controllers for redirects) have none.
func ingressBackends(r *infra.Resource) []ingressBackend {
	var out []ingressBackend
	for _, p := range []string{"spec.defaultBackend", "spec.backend"} {
		if v := r.Attrs.Get(p); !v.IsNull() {
			out = append(out, ingressBackend{v, p})
		}
	}
	for i, rule := range r.Attrs.Get("spec.rules").List() {
		for j, p := range rule.Get("http.paths").List() {
			out = append(out, ingressBackend{p.Get("backend"), fmt.Sprintf("spec.rules[%d].http.paths[%d].backend", i, j)})
		}
	}
	return out
}

// checkIngressBackends checks every backend that names a Service; a
// backend that names another resource (backend.resource) is not judged.
// The backend fields of networking.k8s.io/v1beta1 (serviceName,
// servicePort) are read in that version.
func checkIngressBackends(c *rules.Check) {
	v1 := str(c.R.Attrs.Get("apiVersion")) == "networking.k8s.io/v1"
	checked, ok := 0, true
	for _, b := range ingressBackends(c.R) {
		if !b.v.Get("resource").IsNull() {
			continue
		}
		checked++
		nameV, namePath := b.v.Get("service.name"), b.path+".service.name"
		portV, portPath := b.v.Get("service.port"), b.path+".service.port"
		if nameV.IsNull() && !b.v.Get("serviceName").IsNull() {
			if v1 {
				ok = false
				c.Fail(b.path+".serviceName", "serviceName and servicePort are networking.k8s.io/v1beta1 fields: a networking.k8s.io/v1 backend is service.name and service.port, so this backend names no Service")
				continue
			}
			nameV, namePath = b.v.Get("serviceName"), b.path+".serviceName"
			portV, portPath = b.v.Get("servicePort"), b.path+".servicePort"
		}
		if !checkIngressBackend(c, nameV, namePath, portV, portPath) {
			ok = false
		}
	}
	if checked > 0 && ok {
		c.Pass("every backend is a Service of the scan, on one of its ports")
	}
}

// checkIngressBackend checks one backend's Service and port, recording a
// finding and returning false when it is wrong or cannot be told.
func checkIngressBackend(c *rules.Check, nameV infra.Value, namePath string, portV infra.Value, portPath string) bool {
	if !nameV.IsKnown() {
		c.Unknown(namePath, nameV)
		return false
	}
	name := str(nameV)
	if name == "" {
		c.Fail(namePath, "the backend names no Service")
		return false
	}
	if !scanHolds(c.R, kindService, name) {
		c.Fail(namePath, "the backend's Service %s is not in namespace %s of the scanned manifests, so requests routed to it fail", name, c.R.Namespace)
		return false
	}
	svc := c.Graph.Lookup(k8s.Address(kindService, c.R.Namespace, name))
	// A Service graded in another component cannot be read; an
	// ExternalName Service forwards any port.
	if svc == nil || str(svc.Attrs.Get("spec.type")) == "ExternalName" {
		return true
	}
	num, named := portV.Get("number"), portV.Get("name")
	if portV.Kind() == infra.Number || portV.Kind() == infra.String { // v1beta1 servicePort
		num, named = portV, infra.NullValue()
		if portV.Kind() == infra.String {
			num, named = infra.NullValue(), portV
		}
	}
	for _, v := range []infra.Value{num, named} {
		if !v.IsKnown() {
			c.Unknown(portPath, v)
			return false
		}
	}
	var have []string
	for _, p := range svc.Attrs.Get("spec.ports").List() {
		n, _ := p.Get("port").Number()
		pn := str(p.Get("name"))
		if !num.IsNull() {
			if want, _ := num.Number(); want == n {
				return true
			}
		} else if !named.IsNull() && pn != "" && pn == str(named) {
			return true
		}
		if pn != "" {
			have = append(have, fmt.Sprintf("%s (%d)", pn, int(n)))
		} else {
			have = append(have, fmt.Sprint(int(n)))
		}
	}
	if num.IsNull() && named.IsNull() {
		c.Fail(portPath, "the backend names no port of Service %s", name)
		return false
	}
	want := str(num)
	if num.IsNull() {
		want = str(named)
	}
	if len(have) == 0 {
		have = []string{"none"}
	}
	c.Fail(portPath, "Service %s has no port %s (its ports: %s), so requests routed to this backend fail", name, want, strings.Join(have, ", "))
	return false
}
