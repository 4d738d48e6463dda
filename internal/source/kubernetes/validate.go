package kubernetes

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// typed are the kinds decoded into k8s.io/api's types to check them as
// Kubernetes would: a string where an integer belongs, a field the API
// does not have. Rules read the position-keeping value tree; the typed
// decode is for meaning only.
var typed = map[string]func() any{
	"apps/Deployment":                       func() any { return new(appsv1.Deployment) },
	"apps/StatefulSet":                      func() any { return new(appsv1.StatefulSet) },
	"apps/DaemonSet":                        func() any { return new(appsv1.DaemonSet) },
	"apps/ReplicaSet":                       func() any { return new(appsv1.ReplicaSet) },
	"batch/Job":                             func() any { return new(batchv1.Job) },
	"batch/CronJob":                         func() any { return new(batchv1.CronJob) },
	"core/Pod":                              func() any { return new(corev1.Pod) },
	"core/Service":                          func() any { return new(corev1.Service) },
	"core/ServiceAccount":                   func() any { return new(corev1.ServiceAccount) },
	"core/PersistentVolumeClaim":            func() any { return new(corev1.PersistentVolumeClaim) },
	"core/ConfigMap":                        func() any { return new(corev1.ConfigMap) },
	"networking.k8s.io/Ingress":             func() any { return new(networkingv1.Ingress) },
	"networking.k8s.io/NetworkPolicy":       func() any { return new(networkingv1.NetworkPolicy) },
	"policy/PodDisruptionBudget":            func() any { return new(policyv1.PodDisruptionBudget) },
	"autoscaling/HorizontalPodAutoscaler":   func() any { return new(autoscalingv2.HorizontalPodAutoscaler) },
	"rbac.authorization.k8s.io/Role":        func() any { return new(rbacv1.Role) },
	"rbac.authorization.k8s.io/RoleBinding": func() any { return new(rbacv1.RoleBinding) },
	"rbac.authorization.k8s.io/ClusterRole": func() any { return new(rbacv1.ClusterRole) },
	"rbac.authorization.k8s.io/ClusterRoleBinding": func() any {
		return new(rbacv1.ClusterRoleBinding)
	},
}

// typedVersions are the apiVersions the typed decode applies to: an older
// version (autoscaling/v1, batch/v1beta1) has other fields.
var typedVersions = map[string]bool{
	"v1": true, "apps/v1": true, "batch/v1": true, "networking.k8s.io/v1": true, "policy/v1": true,
	"autoscaling/v2": true, "rbac.authorization.k8s.io/v1": true,
}

// Validate decodes an object of a known kind as the API server would and
// returns an error note for a value of the wrong type (the object would be
// rejected) and a coverage note for a field the API does not have (kubectl
// rejects it by default; a typo such as readinessprobe silently drops a
// setting). Notes point at the offending value where its path is known.
func Validate(r *infra.Resource) []infra.Note {
	mk := typed[r.Kind]
	if mk == nil || !typedVersions[mustStr(r.Attrs.Get("apiVersion"))] {
		return nil
	}
	data := appendJSON(nil, r.Attrs)
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	err := dec.Decode(mk())
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		keys := fieldPath(te.Field)
		at := r.LocOf(find(r.Attrs, keys))
		return []infra.Note{{Kind: infra.NoteError, File: at.File, Line: int(at.Line), Col: int(at.Col),
			Message: fmt.Sprintf("%s: %s is %s where Kubernetes wants %s; the API server rejects this object", r.Address, strings.Join(keys, "."), jsonKind(te.Value), te.Type)}}
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return []infra.Note{{Kind: infra.NoteCoverage, File: r.Loc.File, Line: int(r.Loc.Line),
			Message: fmt.Sprintf("%s: field %s is not part of %s; kubectl rejects it and its setting has no effect (a typo?)", r.Address, f, r.Kind)}}
	}
	return []infra.Note{{Kind: infra.NoteError, File: r.Loc.File, Line: int(r.Loc.Line),
		Message: fmt.Sprintf("%s: Kubernetes cannot read this object: %s", r.Address, strings.TrimPrefix(msg, "json: "))}}
}

// fieldPath turns encoding/json's field path into the object's keys: Go
// names of embedded structs ("VolumeSource") are not keys.
func fieldPath(field string) []string {
	var out []string
	for _, seg := range strings.Split(field, ".") {
		if seg != "" && !(seg[0] >= 'A' && seg[0] <= 'Z') {
			out = append(out, seg)
		}
	}
	return out
}

// find follows keys through v; a list is searched for the element in which
// the rest of the keys lead somewhere (encoding/json's paths have no
// indices).
func find(v infra.Value, keys []string) infra.Value {
	if len(keys) == 0 {
		return v
	}
	if v.Kind() == infra.List {
		for _, e := range v.List() {
			if got := find(e, keys); !got.IsNull() {
				return got
			}
		}
		return infra.Value{}
	}
	if !v.Has(keys[0]) {
		return infra.Value{}
	}
	return find(v.Field(keys[0]), keys[1:])
}

func jsonKind(v string) string {
	switch v {
	case "string":
		return "a string"
	case "number":
		return "a number"
	case "bool":
		return "a bool"
	case "array":
		return "a list"
	case "object":
		return "a mapping"
	}
	return v
}

// appendJSON writes a value as JSON, for the typed decode.
func appendJSON(b []byte, v infra.Value) []byte {
	switch v.Kind() {
	case infra.Bool:
		x, _ := v.Bool()
		return strconv.AppendBool(b, x)
	case infra.Number:
		n, _ := v.Number()
		if math.IsNaN(n) || math.IsInf(n, 0) {
			return append(b, "null"...)
		}
		if n == math.Trunc(n) && math.Abs(n) < 1e18 {
			return strconv.AppendInt(b, int64(n), 10)
		}
		return strconv.AppendFloat(b, n, 'g', -1, 64)
	case infra.String:
		s, _ := v.Str()
		return strconv.AppendQuote(b, s)
	case infra.List:
		b = append(b, '[')
		for i, e := range v.List() {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, e)
		}
		return append(b, ']')
	case infra.Object:
		b = append(b, '{')
		for i, f := range v.Fields() {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendQuote(b, f.Name)
			b = append(b, ':')
			b = appendJSON(b, f.Value)
		}
		return append(b, '}')
	}
	return append(b, "null"...)
}
