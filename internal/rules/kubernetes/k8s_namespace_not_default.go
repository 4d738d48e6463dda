package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-namespace-not-default",
		Item:     checklist.Provision,
		Severity: checklist.Low,
		Title:    "Objects are placed in a namespace of their own, not \"default\"",
		Why: "Everything in \"default\" shares one set of RBAC grants, quotas, NetworkPolicies and Pod Security " +
			"admission level: one app's permissions and one app's noisy pods become every app's. A namespace per " +
			"app or team gives each its own boundary.",
		Fix: `metadata:
  namespace: shop   # or leave it out and let Helm (--namespace) or Kustomize (namespace:) set it`,
		References: []string{
			doc("concepts/overview/working-with-objects/namespaces/"),
			"CKV_K8S_21", "AVD-KSV-0110", "kube-linter: use-namespace",
		},
		Kinds: append(append([]string{}, podKinds...),
			"core/Service", "core/ConfigMap", "core/Secret", "core/ServiceAccount", "core/PersistentVolumeClaim",
			"networking.k8s.io/Ingress", "networking.k8s.io/NetworkPolicy", "policy/PodDisruptionBudget",
			"autoscaling/HorizontalPodAutoscaler", "rbac.authorization.k8s.io/Role", "rbac.authorization.k8s.io/RoleBinding"),
		Check: checkNamespaceNotDefault,
	})
}

// builtinDefault are the objects Kubernetes itself keeps in "default";
// a manifest that patches one of them must name that namespace.
var builtinDefault = map[string]bool{
	"core/Service/kubernetes": true, "core/ServiceAccount/default": true, "core/ConfigMap/kube-root-ca.crt": true,
}

// checkNamespaceNotDefault flags objects whose metadata.namespace is
// "default". An object that names no namespace goes wherever it is
// applied: Helm's --namespace, a kustomization's namespace, kubectl's
// context; the manifest alone cannot tell, so the rule records nothing.
func checkNamespaceNotDefault(c *rules.Check) {
	ns := c.R.Attrs.Get("metadata.namespace")
	switch {
	case !ns.IsKnown():
		c.Unknown("metadata.namespace", ns)
	case ns.IsNull() || str(ns) == "":
		// Applied wherever it is deployed.
	case str(ns) != "default":
		c.Pass("placed in namespace %s", str(ns))
	case builtinDefault[c.R.Kind+"/"+c.R.Name]:
		// Kubernetes' own object, which lives in default.
	default:
		c.Fail("metadata.namespace", "metadata.namespace is \"default\", shared by everything that names no namespace; give the app a namespace of its own")
	}
}
