package kubernetes

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-service-selects-pods",
		Item:     checklist.Networking,
		Severity: checklist.Medium,
		Title:    "Services select the pods of a workload, on ports their containers declare",
		Why: "A Service whose selector matches no pod has no endpoints: every connection to it is refused, " +
			"and the mistake (a renamed label, a typo) shows only when traffic fails. A targetPort that no " +
			"container serves, by number or by name, fails the same way for that port.",
		Fix: `spec:
  selector:
    app: web              # the labels of the workload's pod template
  ports:
    - port: 80
      targetPort: http    # a containerPort's name (or its number)`,
		References: []string{
			doc("concepts/services-networking/service/"),
			"kube-score: service-targets-pod", "kube-linter: dangling-service",
		},
		Kinds:         []string{kindService},
		CrossResource: true,
		Check:         checkServiceSelectsPods,
	})
}

// checkServiceSelectsPods checks the selector, then each port's targetPort.
//
// A Service without a selector (its endpoints are managed by hand or by a
// controller) and an ExternalName Service are skipped. A numeric
// targetPort is compared with the containers' ports only when they declare
// some: declaring ports is optional, and a process may listen on a port it
// does not declare. A named targetPort must match a declared port's name,
// as Kubernetes resolves it only from the pod's declarations.
func checkServiceSelectsPods(c *rules.Check) {
	if str(c.R.Attrs.Get("spec.type")) == "ExternalName" {
		return
	}
	sel := c.R.Attrs.Get("spec.selector")
	if !sel.IsKnown() {
		c.Unknown("spec.selector", sel)
		return
	}
	if sel.Len() == 0 {
		return
	}
	if m := podMaker(c, sel); m != nil && !selectsAny(c.R, "spec.selector") {
		c.UnknownBecause("spec.selector matches no workload of the manifests; " + m.Address + " may have an operator create the pods it selects")
		return
	}
	if !selectsAny(c.R, "spec.selector") {
		c.Fail("spec.selector", "spec.selector %s matches the pods of no workload in namespace %s of the scanned manifests, so the Service has no endpoints",
			selectorText(sel), c.R.Namespace)
		return
	}
	// Workloads graded in another component are not in the graph: their
	// ports cannot be compared, and the selector alone passes.
	ws := c.Graph.Targets(c.R, "spec.selector")
	if len(ws) == 0 {
		c.Pass("spec.selector %s selects pods of the scan", selectorText(sel))
		return
	}
	var declared []podPort
	for _, w := range ws {
		declared = append(declared, declaredPorts(w)...)
	}
	ok := true
	for i, p := range c.R.Attrs.Get("spec.ports").List() {
		path := fmt.Sprintf("spec.ports[%d].targetPort", i)
		tp := p.Get("targetPort")
		if tp.IsNull() {
			// targetPort defaults to port.
			path, tp = fmt.Sprintf("spec.ports[%d].port", i), p.Get("port")
		}
		if !tp.IsKnown() {
			c.Unknown(path, tp)
			ok = false
			continue
		}
		if tp.IsNull() {
			continue // a port without a number: the API server rejects it
		}
		if !targetPortServed(tp, declared) {
			ok = false
			what := "names no port"
			if isPortNumber(tp) {
				what = "is not a containerPort"
			}
			c.Fail(path, "targetPort %s %s of the containers of %s (they declare %s), so this port of the Service reaches nothing",
				str(tp), what, addresses(ws), portsText(declared))
		}
	}
	switch {
	case !ok:
	case len(declared) == 0:
		c.Pass("spec.selector selects %s (its containers declare no ports to compare targetPorts with)", addresses(ws))
	default:
		c.Pass("spec.selector selects %s, and every targetPort is a port its containers declare", addresses(ws))
	}
}

// targetPortServed reports whether a targetPort is a port the selected
// containers declare: by name, or by number when they declare any.
func targetPortServed(tp infra.Value, declared []podPort) bool {
	if isPortNumber(tp) {
		n, _ := tp.Number()
		if len(declared) == 0 {
			return true
		}
		for _, d := range declared {
			if d.number == int(n) {
				return true
			}
		}
		return false
	}
	name := str(tp)
	for _, d := range declared {
		if d.name != "" && d.name == name {
			return true
		}
	}
	return false
}

// selectorText writes a Service selector as key=value pairs.
func selectorText(sel infra.Value) string {
	if sel.Len() == 0 {
		return "empty"
	}
	var parts []string
	for _, f := range sel.Fields() {
		parts = append(parts, f.Name+"="+str(f.Value))
	}
	return strings.Join(parts, ",")
}

// portsText lists declared ports for messages: "http (8080), 9090".
func portsText(ports []podPort) string {
	if len(ports) == 0 {
		return "no ports"
	}
	var parts []string
	for _, p := range ports {
		s := strconv.Itoa(p.number)
		if p.name != "" {
			s = p.name + " (" + s + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}
