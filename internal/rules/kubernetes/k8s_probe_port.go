package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-probe-port",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "Probes that name a port name one the container declares",
		Why: "A probe may name its port (port: http) instead of giving a number; the kubelet looks the name up " +
			"in the container's own ports. A name that is not there (a typo, a port renamed, a probe copied from " +
			"another container) makes every probe fail: a readiness probe keeps the pod out of its Service " +
			"forever, a liveness or startup probe restarts it in a loop, and the rollout stalls.",
		Fix: `ports:
- name: http
  containerPort: 8080
readinessProbe:
  httpGet: {path: /ready, port: http}   # a name of the container's ports, or the number`,
		References: []string{
			doc("tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#use-a-named-port"),
			// kube-linter also fails a numeric port the container does not
			// list; listing ports is optional and the kubelet probes the
			// number anyway, so only named ports are judged here.
			"kube-linter: liveness-port (named ports)", "kube-linter: readiness-port (named ports)", "kube-linter: startup-port (named ports)",
		},
		Kinds: longRunningKinds,
		Check: checkProbePort,
	})
}

// probeFields are the probes a container can have.
var probeFields = []string{"startupProbe", "readinessProbe", "livenessProbe"}

// checkProbePort looks up every named probe port among the ports of the
// container that owns the probe; a port given as a number is not looked
// up, since declaring container ports is optional.
func checkProbePort(c *rules.Check) {
	if runsToCompletion(c.R) {
		return
	}
	cts, ok := podContainers(c)
	if !ok {
		return
	}
	named, noPass := 0, false
	for _, ct := range cts {
		if !runsWithApp(ct) {
			continue
		}
		for _, field := range probeFields {
			probe := ct.v.Get(field)
			h := probeHandler(probe)
			if h == "" || h == "exec" {
				continue
			}
			at := ct.path + "." + field + "." + h + ".port"
			port := probe.Get(h + ".port")
			if !port.IsKnown() {
				c.Unknown(at, port)
				noPass = true
				continue
			}
			if port.Kind() != infra.String {
				continue
			}
			name := str(port)
			named++
			switch proto, found, known := namedPort(ct.v.Get("ports"), name); {
			case !known:
				c.Unknown(ct.path+".ports", ct.v.Get("ports"))
				noPass = true
			case !found:
				c.Fail(at, "the %s of %s uses port %q, which is not the name of one of its ports: the probe always fails; name a port of the container or give the number", field, ct.label(), name)
				noPass = true
			case proto != "" && proto != "TCP":
				c.Fail(at, "the %s of %s uses port %q, which is declared %s, but probes connect over TCP: the probe always fails; name the container's TCP port", field, ct.label(), name, proto)
				noPass = true
			}
		}
	}
	if !noPass && named > 0 {
		c.Pass("every named probe port is a port of its container")
	}
}

// namedPort looks a port up by name in a container's ports list, and
// returns its protocol ("" when not written: TCP). known is false when
// the list, or a name in it, cannot be resolved.
func namedPort(ports infra.Value, name string) (proto string, found, known bool) {
	if !ports.IsKnown() {
		return "", false, false
	}
	known = true
	for _, p := range ports.List() {
		n := p.Get("name")
		if !n.IsKnown() {
			known = false
			continue
		}
		if str(n) == name {
			return str(p.Get("protocol")), true, true
		}
	}
	return "", false, known
}
