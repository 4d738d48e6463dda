package kubernetes

import (
	"fmt"
	"slices"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-workload-config-refs",
		Item:     checklist.Configure,
		Severity: checklist.Medium,
		Title:    "The ConfigMaps and Secrets a pod uses are defined, with the keys it reads",
		Why: "A pod that reads a ConfigMap or Secret that does not exist, or a key it does not hold, does not " +
			"start (CreateContainerConfigError, or a volume that cannot mount); a rollout that depends on one " +
			"created by hand stalls in every new cluster or namespace where nobody created it.",
		Fix: `# define what the pod reads next to it (or generate it: ExternalSecret, SealedSecret),
# or mark a reference that may be absent as optional:
envFrom:
  - configMapRef: {name: web-config, optional: true}`,
		References: []string{
			doc("concepts/configuration/configmap/"),
			doc("concepts/configuration/secret/"),
		},
		Kinds:         podKinds,
		CrossResource: true,
		Check:         checkWorkloadConfigRefs,
	})
}

const (
	kindConfigMap = "core/ConfigMap"
	kindSecret    = "core/Secret"
)

// configRef is one use of a ConfigMap or Secret by a pod.
type configRef struct {
	kind     string
	name     infra.Value
	path     string // where the name is written
	optional infra.Value
	keys     []configKey // the keys it reads; none for envFrom or a whole volume
}

// configKey is a key a reference reads and where it is written.
type configKey struct {
	key  string
	path string
}

// configRefs lists the ConfigMaps and Secrets a workload's pod uses: its
// volumes (projected sources included) and the env and envFrom of every
// container, init containers included (they must start too).
func configRefs(r *infra.Resource) []configRef {
	spec, specPath := podSpec(r)
	var out []configRef
	// items lists the keys a volume projects.
	items := func(src infra.Value, path string) []configKey {
		var ks []configKey
		for i, it := range src.Get("items").List() {
			ks = append(ks, configKey{str(it.Get("key")), fmt.Sprintf("%s.items[%d].key", path, i)})
		}
		return ks
	}
	for i, v := range spec.Get("volumes").List() {
		vp := fmt.Sprintf("%s.volumes[%d]", specPath, i)
		if cm := v.Get("configMap"); !cm.IsNull() {
			out = append(out, configRef{kindConfigMap, cm.Get("name"), vp + ".configMap.name", cm.Get("optional"), items(cm, vp+".configMap")})
		}
		if s := v.Get("secret"); !s.IsNull() {
			out = append(out, configRef{kindSecret, s.Get("secretName"), vp + ".secret.secretName", s.Get("optional"), items(s, vp+".secret")})
		}
		for j, src := range v.Get("projected.sources").List() {
			sp := fmt.Sprintf("%s.projected.sources[%d]", vp, j)
			if cm := src.Get("configMap"); !cm.IsNull() {
				out = append(out, configRef{kindConfigMap, cm.Get("name"), sp + ".configMap.name", cm.Get("optional"), items(cm, sp+".configMap")})
			}
			if s := src.Get("secret"); !s.IsNull() {
				out = append(out, configRef{kindSecret, s.Get("name"), sp + ".secret.name", s.Get("optional"), items(s, sp+".secret")})
			}
		}
	}
	for _, ct := range containers(r) {
		for i, e := range ct.v.Get("envFrom").List() {
			ep := fmt.Sprintf("%s.envFrom[%d]", ct.path, i)
			if ref := e.Get("configMapRef"); !ref.IsNull() {
				out = append(out, configRef{kindConfigMap, ref.Get("name"), ep + ".configMapRef.name", ref.Get("optional"), nil})
			}
			if ref := e.Get("secretRef"); !ref.IsNull() {
				out = append(out, configRef{kindSecret, ref.Get("name"), ep + ".secretRef.name", ref.Get("optional"), nil})
			}
		}
		for i, e := range ct.v.Get("env").List() {
			ep := fmt.Sprintf("%s.env[%d].valueFrom", ct.path, i)
			for _, kr := range []struct{ field, kind string }{{"configMapKeyRef", kindConfigMap}, {"secretKeyRef", kindSecret}} {
				if ref := e.Get("valueFrom." + kr.field); !ref.IsNull() {
					p := ep + "." + kr.field
					out = append(out, configRef{kr.kind, ref.Get("name"), p + ".name", ref.Get("optional"),
						[]configKey{{str(ref.Get("key")), p + ".key"}}})
				}
			}
		}
	}
	return out
}

// checkWorkloadConfigRefs checks each ConfigMap and Secret the pod needs.
//
// One that is in the scanned manifests passes, and the keys the pod reads
// from it must be among its keys (a missing key keeps the pod from
// starting: fail). One that is not in them is reported as unknown, not as
// a gap: it may well be created outside them (by hand, by an operator, by
// another repository). A Secret made by an ExternalSecret, a SealedSecret,
// a cert-manager Certificate or a Secrets Store CSI SecretProviderClass
// of the component counts as present (its keys are not known). A
// reference marked optional: true is skipped.
func checkWorkloadConfigRefs(c *rules.Check) {
	refs := configRefs(c.R)
	seen := map[string]bool{}
	checked, settled := 0, true
	for _, ref := range refs {
		if !ref.optional.IsKnown() {
			c.Unknown(ref.path, ref.optional)
			settled = false
			continue
		}
		if opt, _ := ref.optional.Bool(); opt {
			continue
		}
		if !ref.name.IsKnown() {
			c.Unknown(ref.path, ref.name)
			settled = false
			continue
		}
		name := str(ref.name)
		if name == "" {
			continue
		}
		checked++
		key := ref.kind + "/" + name
		if present(c, ref.kind, name) {
			if !checkConfigKeys(c, ref, name) {
				settled = false
			}
			continue
		}
		if secretProducer(c, ref.kind, name) != nil {
			continue
		}
		settled = false
		if seen[key] {
			continue
		}
		seen[key] = true
		c.UnknownBecause(fmt.Sprintf("%s %s (read at %s) is not in namespace %s of the scanned manifests; it must be created outside them, and the pod does not start until it exists",
			short(ref.kind), name, ref.path, c.R.Namespace))
	}
	if checked > 0 && settled {
		c.Pass("every ConfigMap and Secret the pod reads is in the scanned manifests, or made by one of them")
	}
}

// present reports a ConfigMap or Secret of the scan. Every namespace
// holds the ConfigMap kube-root-ca.crt, published by Kubernetes.
func present(c *rules.Check, kind, name string) bool {
	return scanHolds(c.R, kind, name) || kind == kindConfigMap && name == "kube-root-ca.crt"
}

// checkConfigKeys checks that an object of the scan holds the keys a
// reference reads, recording a fail for each missing one. An object
// graded in another component cannot be read and is taken as it is.
func checkConfigKeys(c *rules.Check, ref configRef, name string) bool {
	obj := c.Graph.Lookup(k8s.Address(ref.kind, c.R.Namespace, name))
	if obj == nil || len(ref.keys) == 0 {
		return true
	}
	fields := []string{"data", "binaryData"}
	if ref.kind == kindSecret {
		// The token controller fills a service-account-token Secret.
		if str(obj.Attrs.Get("type")) == "kubernetes.io/service-account-token" {
			return true
		}
		fields = []string{"data", "stringData"}
	}
	for _, f := range fields {
		if v := obj.Attrs.Get(f); !v.IsKnown() {
			c.UnknownIn(obj, f, v)
			return false
		}
	}
	ok := true
	for _, k := range ref.keys {
		if k.key == "" || obj.Attrs.Get(fields[0]).Has(k.key) || obj.Attrs.Get(fields[1]).Has(k.key) {
			continue
		}
		ok = false
		c.Fail(k.path, "%s has no key %s, so the pod does not start; add the key or fix the name", obj.Address, k.key)
	}
	return ok
}

// secretProducer returns the object of the component that creates the
// Secret name in c.R's namespace (see kubernetes.SecretsMade), or nil.
func secretProducer(c *rules.Check, kind, name string) *infra.Resource {
	if kind != kindSecret {
		return nil
	}
	for _, r := range c.Graph.Resources() {
		if r.Namespace == c.R.Namespace && slices.Contains(k8s.SecretsMade(r), name) {
			return r
		}
	}
	return nil
}
