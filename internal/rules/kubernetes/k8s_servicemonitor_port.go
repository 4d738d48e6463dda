package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-servicemonitor-port",
		Item:     checklist.Metrics,
		Severity: checklist.High,
		Title:    "ServiceMonitors scrape a port the Services they select expose",
		Why: "A ServiceMonitor endpoint names a Service port; the Prometheus Operator scrapes only Services that " +
			"have a port of that name. When none of the selected Services has it (the port was renamed, or never " +
			"named), the monitor is accepted, looks right in review, and nothing is scraped: dashboards go flat " +
			"and alerts on the service's metrics never fire.",
		Fix: `# Service
ports:
- name: metrics        # the name the ServiceMonitor endpoint uses
  port: 9090
# ServiceMonitor
endpoints:
- port: metrics`,
		References:    []string{"https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.Endpoint"},
		Kinds:         []string{kindSvcMonitor},
		CrossResource: true,
		Check:         checkServiceMonitorPort,
	})
}

// checkServiceMonitorPort looks up each endpoint's port name among the
// ports of the Services the monitor selects. A monitor that selects no
// Service of the scan is left alone: its Services may be made elsewhere.
// Endpoints given by targetPort (a container port) are not looked up.
func checkServiceMonitorPort(c *rules.Check) {
	svcs := c.Graph.Targets(c.R, "spec.selector")
	if len(svcs) == 0 {
		return
	}
	eps := c.R.Attrs.Get("spec.endpoints")
	if !eps.IsKnown() {
		c.Unknown("spec.endpoints", eps)
		return
	}
	named, failed := 0, false
	for i, ep := range eps.List() {
		at := "spec.endpoints[" + itoa(i) + "].port"
		port := ep.Get("port")
		if !port.IsKnown() {
			c.Unknown(at, port)
			return
		}
		name := str(port)
		if name == "" {
			continue
		}
		named++
		found := false
		for _, s := range svcs {
			for _, p := range s.Attrs.Get("spec.ports").List() {
				n := p.Get("name")
				if !n.IsKnown() {
					c.UnknownIn(s, "spec.ports", n)
					return
				}
				found = found || str(n) == name
			}
		}
		if !found {
			c.Fail(at, "endpoint port %q is not the name of a port of %s, so nothing is scraped; name the Service's metrics port %q or fix the endpoint", name, addresses(svcs), name)
			failed = true
		}
	}
	if !failed && named > 0 {
		c.Pass("every endpoint names a port of %s", addresses(svcs))
	}
}
