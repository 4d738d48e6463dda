// Package kubernetes holds the rules for Kubernetes objects, one rule per
// file. Rules read the position-keeping value tree of each object; the pod
// a workload runs is found with k8s.PodTemplate wherever it sits
// (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod, Argo Rollout),
// and other objects through the graph the source built (selectors,
// scaleTargetRefs, names).
package kubernetes

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

// Workload kinds, as rules name them in Kinds.
var (
	// podKinds run pods: every rule about containers applies to them.
	podKinds = k8s.WorkloadKinds
	// serviceKinds run long-lived, replicated pods: a service that should
	// survive the loss of one pod. DaemonSets run one pod per node, Jobs
	// and CronJobs finish, and a bare Pod is not managed at all.
	serviceKinds = []string{"apps/Deployment", "apps/StatefulSet", "apps/ReplicaSet", "argoproj.io/Rollout", "core/ReplicationController",
		"extensions/Deployment", "extensions/ReplicaSet"}
)

// isService reports a kind of serviceKinds.
func isService(kind string) bool {
	for _, k := range serviceKinds {
		if k == kind {
			return true
		}
	}
	return false
}

// container is one container of a workload's pod, with its path in the
// object (for findings) and whether it is an init container (which needs
// no probes) or an ephemeral one.
type container struct {
	v    infra.Value
	path string
	name string
	init bool
}

// containers lists the containers of a workload's pod: init containers
// first, then the app containers. Nil for an object that runs no pods.
func containers(r *infra.Resource) []container {
	pod, path, ok := k8s.PodTemplate(r)
	if !ok {
		return nil
	}
	spec := join(path, "spec")
	var out []container
	for _, list := range []string{"initContainers", "containers"} {
		for i, c := range pod.Get("spec." + list).List() {
			name, _ := c.Get("name").Str()
			out = append(out, container{v: c, path: fmt.Sprintf("%s.%s[%d]", spec, list, i), name: name, init: list == "initContainers"})
		}
	}
	return out
}

// podSpec is the spec of a workload's pod and its path ("spec.template.spec").
func podSpec(r *infra.Resource) (infra.Value, string) {
	pod, path, _ := k8s.PodTemplate(r)
	return pod.Get("spec"), join(path, "spec")
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// doc is the Kubernetes documentation page of a concept.
func doc(page string) string { return "https://kubernetes.io/docs/" + page }

// str reads a string, "" when absent or not a string.
func str(v infra.Value) string {
	s, _ := v.Str()
	return s
}

// short is a kind without its group, for messages ("Deployment").
func short(kind string) string {
	_, k, _ := strings.Cut(kind, "/")
	return k
}

// referrers returns the objects of the given kinds whose edges point at r.
func referrers(c *rules.Check, kinds ...string) []*infra.Resource {
	var out []*infra.Resource
	for _, k := range kinds {
		out = append(out, c.Graph.Referrers(c.R, k, "")...)
	}
	return out
}

// quote writes a key as a path segment in brackets ("app.kubernetes.io/name").
func quote(key string) string { return strconv.Quote(key) }

// builtinGroups are the API groups of Kubernetes itself; every other group
// is a custom resource.
var builtinGroups = map[string]bool{
	"core": true, "apps": true, "batch": true, "extensions": true, "policy": true, "autoscaling": true,
	"networking.k8s.io": true, "rbac.authorization.k8s.io": true, "storage.k8s.io": true,
	"scheduling.k8s.io": true, "node.k8s.io": true, "discovery.k8s.io": true, "coordination.k8s.io": true,
	"admissionregistration.k8s.io": true, "apiextensions.k8s.io": true, "apiregistration.k8s.io": true,
	"certificates.k8s.io": true, "events.k8s.io": true, "flowcontrol.apiserver.k8s.io": true,
}

// configOnly are custom kinds known to create no pods: monitoring, secrets
// and certificate objects that an operator reads.
var configOnly = map[string]bool{
	"monitoring.coreos.com/ServiceMonitor": true, "monitoring.coreos.com/PodMonitor": true,
	"monitoring.coreos.com/PrometheusRule": true, "monitoring.coreos.com/Probe": true,
	"monitoring.coreos.com/AlertmanagerConfig": true, "monitoring.coreos.com/ScrapeConfig": true,
	"external-secrets.io/ExternalSecret": true, "external-secrets.io/SecretStore": true,
	"bitnami.com/SealedSecret": true, "cert-manager.io/Certificate": true, "cert-manager.io/Issuer": true,
	"keda.sh/ScaledObject": true, "velero.io/Schedule": true, "secrets-store.csi.x-k8s.io/SecretProviderClass": true,
}

// podMaker returns a custom resource in c.R's namespace that an operator
// may turn into pods (a Prometheus, an Alertmanager, a database cluster),
// or nil. A selector that matches no workload of the manifests may be
// meant for that operator's pods.
func podMaker(c *rules.Check, selector infra.Value) *infra.Resource {
	var first *infra.Resource
	for _, r := range c.Graph.Resources() {
		group, _, _ := strings.Cut(r.Kind, "/")
		if r.Namespace != c.R.Namespace || builtinGroups[group] || configOnly[r.Kind] {
			continue
		}
		// One labelled like the pods the selector wants is the likeliest.
		if k8s.Selects(selector, r.Labels) {
			return r
		}
		if first == nil {
			first = r
		}
	}
	return first
}

func itoa(i int) string { return strconv.Itoa(i) }

// hasAny reports whether a list value holds one of the strings.
func hasAny(list infra.Value, want ...string) bool {
	for _, e := range list.List() {
		for _, w := range want {
			if str(e) == w {
				return true
			}
		}
	}
	return false
}
