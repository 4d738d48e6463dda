package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-monitor-selects-targets",
		Item:     checklist.Metrics,
		Severity: checklist.Medium,
		Title:    "ServiceMonitors and PodMonitors select the Services or pods they are written for",
		Why: "A monitor whose selector matches nothing is accepted by the Prometheus Operator and scrapes nothing. " +
			"The service looks monitored in review, its dashboards stay empty and its alerts never fire. It is " +
			"almost always a label renamed on the Service or pod template but not in the monitor.",
		Fix: `spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: web   # labels of the Service (ServiceMonitor) or pod template (PodMonitor)`,
		// kube-linter's dangling-servicemonitor is the same concept, but this
		// rule only sees the Services of the monitor's own application
		// (component), so a monitor grouped apart from every Service is not
		// judged; the reference is left out until it sees the whole namespace.
		References:    []string{"https://prometheus-operator.dev/docs/developer/troubleshooting/#troubleshooting-servicemonitor-changes"},
		Kinds:         []string{kindSvcMonitor, kindPodMonitor},
		CrossResource: true,
		Check:         checkMonitorSelects,
	})
}

// checkMonitorSelects fails a monitor of its own namespace (no
// namespaceSelector) whose selector matches none of the Services (or pod
// templates) of that namespace in the component, when there are some. A
// monitor of other namespaces, or one whose namespace holds a custom
// resource an operator may turn into Services and pods, is not judged
// when it matches nothing.
func checkMonitorSelects(c *rules.Check) {
	sel := c.R.Attrs.Get("spec.selector")
	if !sel.IsKnown() {
		c.Unknown("spec.selector", sel)
		return
	}
	what, isTarget := "Service", func(r *infra.Resource) bool { return r.Kind == kindService }
	if c.R.Kind == kindPodMonitor {
		what, isTarget = "pod", func(r *infra.Resource) bool { return k8s.IsWorkload(r.Kind) }
	}
	if ts := c.Graph.Targets(c.R, "spec.selector"); len(ts) > 0 {
		c.Pass("it selects %s", addresses(ts))
		return
	}
	if !c.R.Attrs.Get("spec.namespaceSelector").IsNull() {
		return
	}
	if m := podMaker(c, sel); m != nil {
		c.UnknownBecause("spec.selector matches no " + what + " of the manifests; " + m.Address + " may have an operator create the ones it means")
		return
	}
	for _, r := range c.Graph.Resources() {
		if r.Namespace == c.R.Namespace && isTarget(r) {
			c.Fail("spec.selector", "the selector matches no %s in namespace %s, so nothing is scraped; match the labels of the %s it is for", what, c.R.Namespace, what)
			return
		}
	}
}
