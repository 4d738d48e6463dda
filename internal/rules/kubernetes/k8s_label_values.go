package kubernetes

import (
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-label-values",
		Item:     checklist.Provision,
		Severity: checklist.Medium,
		Title:    "Labels have valid keys and values",
		Why: "The API server refuses an object with a label it cannot index: a value longer than 63 characters or " +
			"with characters other than letters, digits, '-', '_' and '.', or a key with an invalid prefix or " +
			"name. The apply fails, often only in the environment where a templated value (a branch name, a " +
			"version with '+') happens to be long or unusual.",
		Fix: `metadata:
  labels:
    app.kubernetes.io/version: "1.4.2"   # ≤ 63 characters of [A-Za-z0-9-_.], starting and ending with one of [A-Za-z0-9]`,
		References: []string{
			doc("concepts/overview/working-with-objects/labels/#syntax-and-character-set"),
			"kube-score: label-values",
		},
		Kinds: labelledKinds,
		Check: checkLabelValues,
	})
}

// labelledKinds are the kinds whose labels are checked: the workloads and
// the objects that select or expose them.
var labelledKinds = append(append([]string{}, podKinds...),
	kindService, kindPDB, kindHPA, kindNetPol, "core/ConfigMap", "core/Secret", "core/ServiceAccount",
	"core/PersistentVolumeClaim", "networking.k8s.io/Ingress", "core/Namespace")

var (
	labelName  = regexp.MustCompile(`^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$`)
	labelValue = regexp.MustCompile(`^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$`)
	dnsLabel   = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`)
)

// validLabelKey checks [prefix/]name: a DNS subdomain prefix of at most
// 253 characters and a name like a value, but not empty.
func validLabelKey(k string) bool {
	prefix, name, hasPrefix := strings.Cut(k, "/")
	if !hasPrefix {
		name = prefix
	} else {
		if len(prefix) > 253 {
			return false
		}
		for _, part := range strings.Split(prefix, ".") {
			if !dnsLabel.MatchString(part) {
				return false
			}
		}
	}
	return labelName.MatchString(name)
}

func checkLabelValues(c *rules.Check) {
	failed := false
	check := func(labels infra.Value, at string) bool {
		if !labels.IsKnown() {
			c.Unknown(at, labels)
			return false
		}
		for _, f := range labels.Fields() {
			p := at + "[" + quote(f.Name) + "]"
			if !f.Value.IsKnown() {
				c.Unknown(p, f.Value)
				continue
			}
			if !validLabelKey(f.Name) {
				c.Fail(p, "label key %q is not valid ([prefix/]name, the name ≤ 63 characters of [A-Za-z0-9-_.]), so the API server refuses the object", f.Name)
				failed = true
			}
			// A number or a bool is a type error the source reports.
			if v, _ := f.Value.Str(); f.Value.Kind() == infra.String && !labelValue.MatchString(v) {
				c.Fail(p, "label %s has value %q, which is not a valid label value (≤ 63 characters of [A-Za-z0-9-_.], starting and ending with a letter or digit)", f.Name, v)
				failed = true
			}
		}
		return true
	}
	if !check(c.R.Attrs.Get("metadata.labels"), "metadata.labels") {
		return
	}
	if pod, path, ok := k8s.PodTemplate(c.R); ok && path != "" {
		if !check(pod.Get("metadata.labels"), path+".metadata.labels") {
			return
		}
	}
	if !failed {
		c.Pass("every label key and value is valid")
	}
}
