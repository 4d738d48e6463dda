// Package kubernetes loads Kubernetes manifests (YAML or JSON, plain files,
// multi-document streams, List kinds) into prodgrade's resources, groups
// them into applications, and links them through the graph: label
// selectors, scaleTargetRefs, and the objects a pod template names.
//
// Helm charts and Kustomize overlays render to the same objects; their
// loaders live in leaf packages (source/helm, source/kustomize), so a scan
// of plain manifests never pays for them, and hand what they render to
// Objects and Components here.
package kubernetes

import (
	"slices"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// Tool is what settles the unknown values of Kubernetes components.
const Tool = "Kubernetes"

// Kind is the prodgrade kind of an object: its API group and kind, without
// the version ("apps/Deployment"); the core group is "core" ("core/Service").
func Kind(apiVersion, kind string) string {
	group := "core"
	if g, _, ok := strings.Cut(apiVersion, "/"); ok {
		group = g
	}
	return group + "/" + kind
}

// clusterScoped are the kinds that live outside any namespace.
var clusterScoped = map[string]bool{
	"core/Namespace": true, "core/Node": true, "core/PersistentVolume": true,
	"rbac.authorization.k8s.io/ClusterRole": true, "rbac.authorization.k8s.io/ClusterRoleBinding": true,
	"storage.k8s.io/StorageClass": true, "apiextensions.k8s.io/CustomResourceDefinition": true,
	"admissionregistration.k8s.io/ValidatingWebhookConfiguration": true,
	"admissionregistration.k8s.io/MutatingWebhookConfiguration":   true,
	"policy/PodSecurityPolicy":                                    true, "scheduling.k8s.io/PriorityClass": true,
	"networking.k8s.io/IngressClass": true, "storage.k8s.io/CSIDriver": true, "storage.k8s.io/CSINode": true,
	"storage.k8s.io/VolumeAttachment": true, "node.k8s.io/RuntimeClass": true,
	"apiregistration.k8s.io/APIService": true, "admissionregistration.k8s.io/InitializerConfiguration": true,
	"admissionregistration.k8s.io/ValidatingAdmissionPolicy": true, "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding": true,
}

// isClusterScoped reports a kind outside any namespace: the known ones,
// and custom kinds named Cluster… (ClusterIssuer, ClusterPolicy,
// ClusterSecretStore), which are cluster-wide by convention.
func isClusterScoped(kind string) bool {
	_, k, _ := strings.Cut(kind, "/")
	return clusterScoped[kind] || strings.HasPrefix(k, "Cluster") && !strings.HasPrefix(kind, "core/")
}

// toolConfig are API groups of tools' own configuration files, which look
// like objects but are never applied to a cluster (skaffold.yaml, a kind
// cluster, a kustomization, scheduler and kubelet configuration).
var toolConfig = []string{"skaffold", "kind.x-k8s.io", "kustomize.config.k8s.io", "kubeadm.k8s.io", "k3d.io", "ctlptl.dev"}

// IsObject reports whether a document is a Kubernetes object: a mapping
// with a string apiVersion and kind. Other YAML (CI files, Compose files,
// Helm values) is not, and is left alone.
func IsObject(doc infra.Value) bool {
	a, k := doc.Get("apiVersion"), doc.Get("kind")
	if a.Kind() != infra.String || k.Kind() != infra.String || strings.TrimSpace(mustStr(k)) == "" {
		return false
	}
	group, _, _ := strings.Cut(mustStr(a), "/")
	if strings.HasSuffix(group, ".config.k8s.io") || slices.Contains(toolConfig, group) {
		return false
	}
	// A List holds objects; anything else is an object only with a name.
	return strings.HasSuffix(mustStr(k), "List") ||
		mustStr(doc.Get("metadata.name")) != "" || mustStr(doc.Get("metadata.generateName")) != ""
}

func mustStr(v infra.Value) string {
	s, _ := v.Str()
	return s
}

// Objects turns the documents of one file into resources: every object,
// with the items of a List expanded. defaultNS is the namespace of objects
// that name none (a Helm release's, or "default").
func Objects(docs []infra.Value, locs []infra.Location, defaultNS string) []*infra.Resource {
	var out []*infra.Resource
	var add func(doc infra.Value, loc infra.Location)
	add = func(doc infra.Value, loc infra.Location) {
		if !IsObject(doc) {
			return
		}
		kind := mustStr(doc.Get("kind"))
		if strings.HasSuffix(kind, "List") && doc.Get("items").Kind() == infra.List {
			for _, item := range doc.Get("items").List() {
				add(item, item.Loc)
			}
			return
		}
		out = append(out, object(doc, loc, defaultNS))
	}
	for i, d := range docs {
		add(d, locs[i])
	}
	return out
}

// object makes the resource of one object.
func object(doc infra.Value, loc infra.Location, defaultNS string) *infra.Resource {
	kind := Kind(mustStr(doc.Get("apiVersion")), mustStr(doc.Get("kind")))
	meta := doc.Get("metadata")
	name := mustStr(meta.Get("name"))
	if name == "" {
		name = mustStr(meta.Get("generateName"))
	}
	ns := ""
	if !isClusterScoped(kind) {
		ns = mustStr(meta.Get("namespace"))
		if ns == "" {
			ns = defaultNS
		}
	}
	if kind == "core/Secret" {
		doc = hideSecretData(doc)
	}
	r := &infra.Resource{
		Kind: kind, Name: name, Namespace: ns,
		Labels: stringMap(meta.Get("labels")), Annotations: stringMap(meta.Get("annotations")),
		Attrs: doc, Loc: loc, Origin: "manifest",
	}
	r.Address = Address(kind, ns, name)
	return r
}

// hideSecretData marks a Secret's data and stringData hidden: no message
// may print them, whichever rule writes it.
func hideSecretData(doc infra.Value) infra.Value {
	if !doc.Has("data") && !doc.Has("stringData") {
		return doc
	}
	fields := make([]infra.Field, 0, doc.Len())
	for _, f := range doc.Fields() {
		if f.Name == "data" || f.Name == "stringData" {
			f.Value = f.Value.WithHidden("a Secret's data")
		}
		fields = append(fields, f)
	}
	return infra.ObjectValue(fields).WithLoc(doc.Loc)
}

// Address is how an object is named in reports: Kind/namespace/name, or
// Kind/name for a cluster-scoped object ("Deployment/shop/web").
func Address(kind, ns, name string) string {
	_, k, _ := strings.Cut(kind, "/")
	if ns == "" {
		return k + "/" + name
	}
	return k + "/" + ns + "/" + name
}

// stringMap reads labels or annotations; values that are not strings are
// written as YAML would print them.
func stringMap(v infra.Value) map[string]string {
	if v.Len() == 0 || v.Kind() != infra.Object {
		return nil
	}
	m := make(map[string]string, v.Len())
	for _, f := range v.Fields() {
		if s, ok := f.Value.Str(); ok {
			m[f.Name] = s
		}
	}
	return m
}
