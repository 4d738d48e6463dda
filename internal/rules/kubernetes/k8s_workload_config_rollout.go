package kubernetes

import (
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-workload-config-rollout",
		Item:     checklist.Configure,
		Severity: checklist.Low,
		Title:    "A change to the configuration pods read from environment variables rolls the pods",
		Why: "Environment variables are read once, when a container starts. Editing a ConfigMap or Secret that " +
			"pods read through env or envFrom changes nothing that runs: the deploy succeeds, old pods keep the " +
			"old values, and new pods started later by a crash or a scale-up get the new ones, so replicas " +
			"disagree until someone restarts them all. Tie the pods to the configuration's content: a name that " +
			"changes with it (kustomize generators, an immutable ConfigMap), a checksum annotation on the pod " +
			"template (the Helm idiom), or a reloader.",
		Fix: `# Helm: roll the pods when the ConfigMap's content changes
spec:
  template:
    metadata:
      annotations:
        checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
# kustomize: configMapGenerator gives the ConfigMap a name with a content hash
# or: metadata.annotations: {reloader.stakater.com/auto: "true"}`,
		References: []string{
			doc("concepts/configuration/configmap/#configmaps-and-pods"),
			"https://helm.sh/docs/howto/charts_tips_and_tricks/#automatically-roll-deployments",
			"https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/configmapgenerator/",
		},
		Kinds:         serviceKinds,
		CrossResource: true, // the ConfigMaps and Secrets the pods read
		Check:         checkConfigRollout,
	})
}

// hashSuffix is the content hash kustomize appends to generated names:
// ten hex digits with 0, 1, 3, a and e swapped for letters.
var hashSuffix = regexp.MustCompile(`-[2456789bcdfghkmt]{10}$`)

// reloaders are the annotations of controllers that restart workloads when
// their ConfigMaps or Secrets change (Stakater Reloader, Wave).
var reloaders = []string{
	"reloader.stakater.com/auto", "reloader.stakater.com/search",
	"configmap.reloader.stakater.com/reload", "secret.reloader.stakater.com/reload",
	"wave.pusher.com/update-on-config-change",
}

// checkConfigRollout judges the ConfigMaps and Secrets of the scan that
// the pod reads through env or envFrom. Volumes are left out: the kubelet
// updates mounted files in place, and many programs reload them.
func checkConfigRollout(c *rules.Check) {
	for _, a := range reloaders {
		if _, ok := c.R.Annotations[a]; ok {
			c.Pass("annotation %s restarts the pods when their configuration changes", a)
			return
		}
	}
	pod, _, _ := k8s.PodTemplate(c.R)
	for _, f := range pod.Get("metadata.annotations").Fields() {
		if k := strings.ToLower(f.Name); strings.Contains(k, "checksum") || strings.Contains(k, "config-hash") {
			c.Pass("pod template annotation %s changes with the configuration, so a change rolls the pods", f.Name)
			return
		}
	}
	judged, noPass := 0, false
	for _, ref := range configRefs(c.R) {
		if !strings.Contains(ref.path, ".env") { // env[i] and envFrom[i], not volumes
			continue
		}
		if !ref.name.IsKnown() {
			c.Unknown(ref.path, ref.name)
			noPass = true
			continue
		}
		name := str(ref.name)
		if !scanHolds(c.R, ref.kind, name) {
			continue // made elsewhere: not judged
		}
		judged++
		if hashSuffix.MatchString(name) || immutable(c, ref.kind, name) {
			continue
		}
		c.Fail(ref.path, "the pods read %s %s through environment variables, which a change to it does not reach until every pod restarts; add a checksum annotation to the pod template, generate it with a content hash in its name, or use a reloader",
			short(ref.kind), name)
		noPass = true
	}
	if !noPass && judged > 0 {
		c.Pass("every ConfigMap and Secret read through env changes name with its content")
	}
}

// immutable reports a ConfigMap or Secret of the component marked
// immutable: it cannot be edited, so a change comes with a new name.
func immutable(c *rules.Check, kind, name string) bool {
	obj := c.Graph.Lookup(k8s.Address(kind, c.R.Namespace, name))
	if obj == nil {
		return false
	}
	b, _ := obj.Attrs.Get("immutable").Bool()
	return b
}
