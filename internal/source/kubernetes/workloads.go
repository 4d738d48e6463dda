package kubernetes

import "github.com/prodgrade/prodgrade/internal/infra"

// podTemplatePaths says where each workload kind keeps the pod it runs, so
// that the pod is examined the same way wherever it sits.
var podTemplatePaths = map[string]string{
	"apps/Deployment":            "spec.template",
	"apps/StatefulSet":           "spec.template",
	"apps/DaemonSet":             "spec.template",
	"apps/ReplicaSet":            "spec.template",
	"extensions/Deployment":      "spec.template", // extensions/v1beta1, no longer served but still written
	"extensions/DaemonSet":       "spec.template",
	"extensions/ReplicaSet":      "spec.template",
	"core/ReplicationController": "spec.template",
	"batch/Job":                  "spec.template",
	"batch/CronJob":              "spec.jobTemplate.spec.template",
	"argoproj.io/Rollout":        "spec.template",
}

// WorkloadKinds are the kinds that run pods.
var WorkloadKinds = []string{
	"apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet",
	"core/ReplicationController", "batch/Job", "batch/CronJob", "core/Pod", "argoproj.io/Rollout",
	"extensions/Deployment", "extensions/DaemonSet", "extensions/ReplicaSet",
}

// IsWorkload reports a kind that runs pods.
func IsWorkload(kind string) bool {
	_, ok := podTemplatePaths[kind]
	return ok || kind == "core/Pod"
}

// PodTemplate returns the pod a workload runs, as a pod object (metadata
// and spec), and its path in the workload ("spec.template"; "" for a Pod
// itself). ok is false for a kind that runs no pods.
func PodTemplate(r *infra.Resource) (pod infra.Value, path string, ok bool) {
	if r.Kind == "core/Pod" {
		return r.Attrs, "", true
	}
	p, ok := podTemplatePaths[r.Kind]
	if !ok {
		return infra.Value{}, "", false
	}
	return r.Attrs.Get(p), p, true
}

// PodLabels are the labels of the pods a workload runs.
func PodLabels(r *infra.Resource) map[string]string {
	if r.Kind == "core/Pod" {
		return r.Labels
	}
	pod, _, ok := PodTemplate(r)
	if !ok {
		return nil
	}
	return stringMap(pod.Get("metadata.labels"))
}

// Selects reports whether a label selector (matchLabels, and matchExpressions
// with In, NotIn, Exists, DoesNotExist) selects labels. A selector whose
// operators are not understood selects nothing.
func Selects(selector infra.Value, labels map[string]string) bool {
	match := selector.Get("matchLabels")
	exprs := selector.Get("matchExpressions")
	if match.IsNull() && exprs.IsNull() {
		// A Service's selector is a plain map.
		match = selector
	}
	for _, f := range match.Fields() {
		want, _ := f.Value.Str()
		if got, ok := labels[f.Name]; !ok || got != want {
			return false
		}
	}
	for _, e := range exprs.List() {
		key := mustStr(e.Get("key"))
		got, has := labels[key]
		in := false
		for _, v := range e.Get("values").List() {
			if s, _ := v.Str(); s == got {
				in = true
			}
		}
		switch mustStr(e.Get("operator")) {
		case "In":
			if !has || !in {
				return false
			}
		case "NotIn":
			if has && in {
				return false
			}
		case "Exists":
			if !has {
				return false
			}
		case "DoesNotExist":
			if has {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// IsEmptySelector reports a selector that selects every pod of its
// namespace ({} as a NetworkPolicy's podSelector).
func IsEmptySelector(selector infra.Value) bool {
	return selector.Kind() == infra.Object && selector.Get("matchLabels").Len() == 0 && selector.Get("matchExpressions").Len() == 0 ||
		selector.IsNull()
}
