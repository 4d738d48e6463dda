package compose

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-host-namespaces",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Services do not share the host's network, PID or IPC namespace",
		Why: "network_mode: host puts the container on the host's interfaces: every port it opens is open on the " +
			"host, and it reaches every service bound to the host's loopback. pid: host lets it see and signal " +
			"every process on the host and read their environments; ipc: host lets it read other processes' " +
			"shared memory. Each removes the isolation between the container and the rest of the machine.",
		Fix: `# remove network_mode: host, pid: host and ipc: host; publish only the ports it serves
ports:
  - "127.0.0.1:8080:8080"`,
		References: []string{
			secDoc("network_mode"), secDoc("pid"), secDoc("ipc"),
			"KICS: Shared Host Network Namespace", "KICS: Host Namespace is Shared", "KICS: Shared Host IPC Namespace",
		},
		Kinds: serviceKinds,
		Check: secCheckHostNamespaces,
	})
}

// secHostNamespaces are the service fields that can share a host
// namespace, and what sharing it exposes. Each defaults to the container's
// own namespace.
var secHostNamespaces = []struct{ field, what string }{
	{"network_mode", "the host's network: every port it opens is open on the host, and it reaches everything on the host's loopback"},
	{"pid", "the host's PID namespace: it sees and can signal every process on the host"},
	{"ipc", "the host's IPC namespace: it can read other processes' shared memory"},
}

// secHostAgents are images whose job is to observe the host, for which
// the host's network and PID namespaces are the documented way to run.
var secHostAgents = map[string]bool{"node-exporter": true}

// secCheckHostNamespaces records one finding per host namespace shared.
func secCheckHostNamespaces(c *rules.Check) {
	agent := secHostAgents[secImageBase(str(c.R.Attrs.Get("image")))]
	failed, unknown, excused := false, false, false
	for _, ns := range secHostNamespaces {
		v := c.R.Attrs.Get(ns.field)
		if !v.IsKnown() {
			c.Unknown(ns.field, v)
			unknown = true
			continue
		}
		if str(v) != "host" {
			continue
		}
		if agent && ns.field != "ipc" {
			excused = true
			continue
		}
		failed = true
		// ns.what is the rule's own text: in the format, so it is not cut short.
		c.Fail(ns.field, ns.field+" is host: the container shares "+ns.what+"; remove it")
	}
	switch {
	case failed || unknown:
	case excused:
		c.Pass("it is a host metrics agent (%s), which needs the host's network and PID namespaces to do its job", str(c.R.Attrs.Get("image")))
	default:
		c.Pass("the service shares no namespace with the host")
	}
}
