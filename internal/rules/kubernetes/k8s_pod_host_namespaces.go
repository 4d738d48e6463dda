package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pod-host-namespaces",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Pods do not share the node's network, PID or IPC namespace",
		Why: "A pod on the host network can reach every port bound on the node's loopback (the kubelet's, " +
			"other pods' sidecars) and sniff its traffic, bypassing NetworkPolicies; one in the host PID " +
			"namespace can see and signal every process on the node, and read their environments; one in the " +
			"host IPC namespace can read other processes' shared memory. Each breaks the isolation between the " +
			"pod and everything else on its node.",
		Fix: `spec:
  hostNetwork: false   # the defaults: remove the fields
  hostPID: false
  hostIPC: false`,
		References: []string{
			doc("concepts/security/pod-security-standards/#baseline"),
			"CKV_K8S_17", "CKV_K8S_18", "CKV_K8S_19",
			"AVD-KSV-0008", "AVD-KSV-0009", "AVD-KSV-0010",
			"Polaris: hostNetworkSet", "Polaris: hostPIDSet", "Polaris: hostIPCSet",
			"kube-linter: host-network", "kube-linter: host-pid", "kube-linter: host-ipc",
		},
		Kinds: podKinds,
		Check: checkHostNamespaces,
	})
}

// hostNamespaces are the pod fields that share a node namespace, and what
// each exposes. All default to false.
var hostNamespaces = []struct{ field, what string }{
	{"hostNetwork", "the node's network namespace: every port on its loopback and its traffic"},
	{"hostPID", "the node's PID namespace: every process on it"},
	{"hostIPC", "the node's IPC namespace: other processes' shared memory"},
}

// checkHostNamespaces records one finding per host namespace a pod shares.
func checkHostNamespaces(c *rules.Check) {
	spec, path := podSpec(c.R)
	if spec.IsNull() {
		return
	}
	failed, unknown := false, false
	for _, ns := range hostNamespaces {
		v := spec.Get(ns.field)
		if !v.IsKnown() {
			c.Unknown(path+"."+ns.field, v)
			unknown = true
			continue
		}
		if b, _ := v.Bool(); b {
			failed = true
			c.Fail(path+"."+ns.field, "%s is true: the pod shares %s; remove it", ns.field, ns.what)
		}
	}
	if !failed && !unknown {
		c.Pass("the pod shares no namespace with its node")
	}
}
