package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pod-sysctls",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Pods set only the kernel parameters that are safe to set per pod (sysctls)",
		Why: "Most kernel parameters are not namespaced: a pod that sets one changes it for the whole node, for " +
			"every other pod on it, and can weaken or crash the node. The Pod Security Standards' baseline " +
			"profile allows only a short list of namespaced, safe sysctls; the kubelet rejects the others unless " +
			"an administrator allowed them on every node.",
		Fix: `securityContext:
  sysctls:
  - name: net.ipv4.ip_local_port_range   # one of the safe set
    value: "1024 65535"
# tune node-wide parameters on the nodes (a node image, a tuning DaemonSet owned by the platform)`,
		References: []string{
			doc("tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls"),
			doc("concepts/security/pod-security-standards/#baseline"),
		},
		Kinds: podKinds,
		Check: checkSysctls,
	})
}

// safeSysctls is the Pod Security Standards' baseline list of sysctls a
// pod may set (Kubernetes 1.32).
var safeSysctls = map[string]bool{
	"kernel.shm_rmid_forced": true, "net.ipv4.ip_local_port_range": true,
	"net.ipv4.ip_unprivileged_port_start": true, "net.ipv4.tcp_syncookies": true,
	"net.ipv4.ping_group_range": true, "net.ipv4.ip_local_reserved_ports": true,
	"net.ipv4.tcp_keepalive_time": true, "net.ipv4.tcp_fin_timeout": true,
	"net.ipv4.tcp_keepalive_intvl": true, "net.ipv4.tcp_keepalive_probes": true,
}

func checkSysctls(c *rules.Check) {
	spec, path := podSpec(c.R)
	at := path + ".securityContext.sysctls"
	list := spec.Get("securityContext.sysctls")
	if !list.IsKnown() {
		c.Unknown(at, list)
		return
	}
	failed := false
	for i, s := range list.List() {
		name := s.Get("name")
		if !name.IsKnown() {
			c.Unknown(at+"["+itoa(i)+"].name", name)
			return
		}
		if n := str(name); !safeSysctls[n] {
			c.Fail(at+"["+itoa(i)+"].name", "the pod sets sysctl %s, which is not in the safe set: it may change the whole node, and the kubelet refuses it unless allowed; tune it on the nodes instead", n)
			failed = true
		}
	}
	if !failed {
		c.Pass("the pod sets only safe sysctls, or none")
	}
}
