package kubernetes

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-networkpolicy-allows-metrics",
		Item:     checklist.Metrics,
		Severity: checklist.Medium,
		Title:    "Network policies let the metrics scraper in",
		Why: "A NetworkPolicy that isolates a workload's pods and admits only its application traffic also " +
			"blocks Prometheus: the ServiceMonitor is there, the dashboards are empty, and the alerts built on " +
			"those metrics never fire.",
		Fix: `ingress:
  - from:
      - namespaceSelector:
          matchLabels: {kubernetes.io/metadata.name: monitoring}
    ports:
      - port: metrics   # the port the ServiceMonitor or PodMonitor scrapes`,
		References:    []string{doc("concepts/services-networking/network-policies/")},
		Kinds:         append(append([]string{}, serviceKinds...), "apps/DaemonSet"),
		CrossResource: true,
		Check:         checkPolicyAllowsMetrics,
	})
}

// checkPolicyAllowsMetrics finds the ports the workload's metrics are
// scraped on (a PodMonitor's endpoints, a ServiceMonitor's through the
// Service, prometheus.io/port) and the NetworkPolicies that isolate its
// ingress, and fails when none of them admits any of those ports. Sources
// are not judged: the scraper's labels are not in the manifests, so any
// rule that opens the port counts.
func checkPolicyAllowsMetrics(c *rules.Check) {
	ports := metricsPorts(c)
	if len(ports) == 0 {
		return // not scraped: k8s-workload-metrics-scraped's concern
	}
	var isolating []*infra.Resource
	for _, np := range c.Graph.Referrers(c.R, "networking.k8s.io/NetworkPolicy", "") {
		if isolatesIngress(np) {
			isolating = append(isolating, np)
		}
	}
	if len(isolating) == 0 {
		return // ingress is not isolated: the scraper gets in
	}
	for _, np := range isolating {
		for _, rule := range np.Attrs.Get("spec.ingress").List() {
			if admitsAny(rule, ports, c.R) {
				c.Pass("%s admits the metrics port", np.Address)
				return
			}
		}
	}
	c.Fail("", "the metrics of %s are scraped on port %s, but the NetworkPolicies that isolate its pods (%s) admit no traffic to it: the scraper is blocked; add an ingress rule for that port",
		c.R.Address, strings.Join(ports, " or "), addresses(isolating))
}

// metricsPorts are the ports (numbers or names, as written) metrics are
// scraped on.
func metricsPorts(c *rules.Check) []string {
	var out []string
	add := func(p string) {
		if p != "" {
			out = append(out, p)
		}
	}
	for _, pm := range c.Graph.Referrers(c.R, "monitoring.coreos.com/PodMonitor", "") {
		for _, e := range pm.Attrs.Get("spec.podMetricsEndpoints").List() {
			add(str(e.Get("port")))
			add(str(e.Get("targetPort")))
		}
	}
	for _, svc := range c.Graph.Referrers(c.R, "core/Service", "") {
		for _, sm := range c.Graph.Referrers(svc, "monitoring.coreos.com/ServiceMonitor", "") {
			for _, e := range sm.Attrs.Get("spec.endpoints").List() {
				// A ServiceMonitor names a Service port; the pod is reached
				// on that port's targetPort.
				name := str(e.Get("port"))
				for _, sp := range svc.Attrs.Get("spec.ports").List() {
					if name != "" && str(sp.Get("name")) == name {
						if tp := str(sp.Get("targetPort")); tp != "" {
							add(tp)
						} else {
							add(str(sp.Get("port")))
						}
					}
				}
				add(str(e.Get("targetPort")))
			}
		}
	}
	pod, _, _ := k8s.PodTemplate(c.R)
	add(str(pod.Get(`metadata.annotations["prometheus.io/port"]`)))
	return out
}

// isolatesIngress reports a policy that restricts ingress: policyTypes
// lists Ingress, or, when it is omitted, always (Kubernetes' default).
func isolatesIngress(np *infra.Resource) bool {
	types := np.Attrs.Get("spec.policyTypes")
	if types.IsNull() {
		return true
	}
	for _, t := range types.List() {
		if str(t) == "Ingress" {
			return true
		}
	}
	return false
}

// admitsAny reports an ingress rule that opens one of the ports: a rule
// without ports opens them all; a named port matches by name, or by the
// number of the container port of that name.
func admitsAny(rule infra.Value, ports []string, w *infra.Resource) bool {
	rp := rule.Get("ports")
	if rp.Len() == 0 {
		return true
	}
	want := map[string]bool{}
	for _, p := range ports {
		want[p] = true
		for _, ct := range containers(w) {
			for _, cp := range ct.v.Get("ports").List() {
				if str(cp.Get("name")) == p {
					want[str(cp.Get("containerPort"))] = true
				}
				if str(cp.Get("containerPort")) == p {
					if n := str(cp.Get("name")); n != "" {
						want[n] = true
					}
				}
			}
		}
	}
	for _, p := range rp.List() {
		if v := p.Get("port"); v.IsNull() || want[str(v)] {
			return true
		}
	}
	return false
}
