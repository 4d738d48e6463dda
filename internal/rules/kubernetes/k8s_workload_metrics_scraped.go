package kubernetes

import (
	"slices"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-workload-metrics-scraped",
		Item:     checklist.Metrics,
		Severity: checklist.Medium,
		Title:    "The metrics of every service are scraped",
		Why: "Metrics nobody collects cannot show saturation, errors or latency, and no alert can fire on them: " +
			"an overloaded or failing service is found by its users first, and an incident is investigated " +
			"without its history.",
		Fix: `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}   # the labels of the Service in front of the pods
  endpoints:
    - port: metrics           # a port name of that Service
# or annotate the pod template: prometheus.io/scrape: "true"`,
		References: []string{
			"https://prometheus-operator.dev/docs/developer/getting-started/",
			"https://github.com/prometheus/prometheus/blob/main/documentation/examples/prometheus-kubernetes.yml",
			"kube-linter: dangling-servicemonitor",
		},
		Kinds:         append(append([]string{}, serviceKinds...), "apps/DaemonSet"),
		CrossResource: true,
		Check:         checkMetricsScraped,
	})
}

// checkMetricsScraped looks for what makes a Prometheus (or a Datadog
// agent) collect the workload's metrics: a ServiceMonitor that selects a
// Service selecting its pods, a PodMonitor selecting them, the
// prometheus.io/scrape: "true" annotation on its pod template or on a
// selecting Service (the convention of Prometheus' example Kubernetes
// configuration), or Datadog Autodiscovery checks on its pod template.
// Monitors that select it but scrape nothing (a port name its Service or
// containers do not have, a namespaceSelector that leaves it out) are
// named in the message with why.
func checkMetricsScraped(c *rules.Check) {
	pod, _, _ := k8s.PodTemplate(c.R)
	annotations := pod.Get("metadata.annotations")
	if scrapeAnnotated(annotations) {
		c.Pass(`its pod template is annotated prometheus.io/scrape: "true"`)
		return
	}
	if datadogChecks(annotations) {
		c.Pass("its pod template configures Datadog Autodiscovery checks")
		return
	}
	var why []string
	for _, pm := range referrers(c, kindPodMonitor) {
		if reason := podMonitorMisses(pm, c.R); reason != "" {
			why = append(why, pm.Address, reason)
			continue
		}
		c.Pass("%s scrapes its pods", pm.Address)
		return
	}
	for _, svc := range referrers(c, kindService) {
		if scrapeAnnotated(svc.Attrs.Get("metadata.annotations")) {
			c.Pass(`%s, which selects its pods, is annotated prometheus.io/scrape: "true"`, svc.Address)
			return
		}
		for _, sm := range c.Graph.Referrers(svc, kindSvcMonitor, "") {
			if reason := serviceMonitorMisses(sm, svc); reason != "" {
				why = append(why, sm.Address, reason)
				continue
			}
			c.Pass("%s scrapes %s, which selects its pods", sm.Address, svc.Address)
			return
		}
	}
	msg := `nothing scrapes the metrics of %s: looked for a ServiceMonitor selecting a Service that selects its pods, a PodMonitor selecting them, and prometheus.io/scrape: "true" on its pod template or such a Service`
	args := []any{c.R.Address}
	for i := 0; i < len(why); i += 2 {
		msg += "; %s %s"
		args = append(args, why[i], why[i+1])
	}
	c.Fail("", msg, args...)
}

// scrapeAnnotated reports prometheus.io/scrape: "true" (annotations are
// strings).
func scrapeAnnotated(annotations infra.Value) bool {
	return str(annotations.Get(`["prometheus.io/scrape"]`)) == "true"
}

// datadogChecks reports Datadog Autodiscovery annotations that configure
// checks (ad.datadoghq.com/<container>.checks, or the older .check_names).
func datadogChecks(annotations infra.Value) bool {
	for _, f := range annotations.Fields() {
		if strings.HasPrefix(f.Name, "ad.datadoghq.com/") &&
			(strings.HasSuffix(f.Name, ".checks") || strings.HasSuffix(f.Name, ".check_names")) {
			return true
		}
	}
	return false
}

// namespaceMisses says why a monitor's namespaceSelector leaves namespace
// ns out, or "". Without a namespaceSelector a monitor selects in its own
// namespace, which is where the source matched it.
func namespaceMisses(monitor *infra.Resource, ns string) string {
	sel := monitor.Attrs.Get("spec.namespaceSelector")
	if b, _ := sel.Get("any").Bool(); b {
		return ""
	}
	if names := stringsOf(sel.Get("matchNames")); len(names) > 0 && !slices.Contains(names, ns) {
		return "has a namespaceSelector that leaves out namespace " + ns
	}
	return ""
}

// serviceMonitorMisses says why a ServiceMonitor that selects svc scrapes
// none of its ports, or "". An endpoint names a Service port by name
// (port), or a container port (targetPort, deprecated); one with neither
// scrapes every port.
func serviceMonitorMisses(sm, svc *infra.Resource) string {
	if reason := namespaceMisses(sm, svc.Namespace); reason != "" {
		return reason
	}
	var have []string
	for _, p := range svc.Attrs.Get("spec.ports").List() {
		have = append(have, str(p.Get("name")))
	}
	eps := sm.Attrs.Get("spec.endpoints").List()
	if len(eps) == 0 {
		return "has no endpoints"
	}
	for _, ep := range eps {
		port := str(ep.Get("port"))
		if port == "" || slices.Contains(have, port) {
			return ""
		}
	}
	return "asks for port " + endpointPorts(eps, "port") + ", not a port name of " + svc.Address
}

// podMonitorMisses says why a PodMonitor that selects workload w scrapes
// none of its containers' ports, or "". An endpoint names a container
// port by name (port) or number (portNumber); one with neither scrapes
// every declared port.
func podMonitorMisses(pm, w *infra.Resource) string {
	if reason := namespaceMisses(pm, w.Namespace); reason != "" {
		return reason
	}
	declared := declaredPorts(w)
	eps := pm.Attrs.Get("spec.podMetricsEndpoints").List()
	if len(eps) == 0 {
		return "has no podMetricsEndpoints"
	}
	for _, ep := range eps {
		port := str(ep.Get("port"))
		num, isNum := ep.Get("portNumber").Number()
		if port == "" && !isNum {
			return ""
		}
		for _, d := range declared {
			if port != "" && d.name == port || isNum && d.number == int(num) {
				return ""
			}
		}
	}
	return "asks for port " + endpointPorts(eps, "port") + ", which its containers do not declare"
}

// endpointPorts lists the port names monitor endpoints ask for.
func endpointPorts(eps []infra.Value, field string) string {
	var out []string
	for _, ep := range eps {
		if s := str(ep.Get(field)); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, ", ")
}
