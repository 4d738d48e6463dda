package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-api-version-removed",
		Item:     checklist.Provision,
		Severity: checklist.High,
		Title:    "Objects use API versions the cluster still serves",
		Why: "Kubernetes removes beta API versions a few releases after the stable one ships. A manifest that " +
			"still uses one is rejected by every current cluster, so the next deploy or the next cluster " +
			"upgrade fails, often at the worst time.",
		Fix: `apiVersion: apps/v1          # not extensions/v1beta1 or apps/v1beta2
kind: Deployment`,
		References: []string{
			doc("reference/using-api/deprecation-guide/"),
			"kube-score: stable-version",
		},
		Kinds: []string{
			"extensions/Deployment", "extensions/DaemonSet", "extensions/ReplicaSet", "extensions/Ingress",
			"extensions/NetworkPolicy", "extensions/PodSecurityPolicy", "apps/Deployment", "apps/StatefulSet",
			"apps/DaemonSet", "apps/ReplicaSet", "batch/CronJob", "policy/PodDisruptionBudget", "policy/PodSecurityPolicy",
			"networking.k8s.io/Ingress", "networking.k8s.io/IngressClass", "autoscaling/HorizontalPodAutoscaler",
			"rbac.authorization.k8s.io/Role", "rbac.authorization.k8s.io/RoleBinding",
			"rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/ClusterRoleBinding",
			"storage.k8s.io/CSIDriver", "storage.k8s.io/StorageClass", "storage.k8s.io/VolumeAttachment",
			"storage.k8s.io/CSINode", "storage.k8s.io/CSIStorageCapacity", "apiregistration.k8s.io/APIService",
			"node.k8s.io/RuntimeClass", "events.k8s.io/Event", "discovery.k8s.io/EndpointSlice",
			"apiextensions.k8s.io/CustomResourceDefinition", "scheduling.k8s.io/PriorityClass",
			"admissionregistration.k8s.io/ValidatingWebhookConfiguration",
			"admissionregistration.k8s.io/MutatingWebhookConfiguration",
			"flowcontrol.apiserver.k8s.io/FlowSchema", "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
		},
		Check: checkAPIVersion,
	})
}

// removed maps apiVersion/kind to the Kubernetes release that stopped
// serving it and the version to use instead (the deprecation guide).
var removed = map[string][2]string{
	"extensions/v1beta1/Deployment":                                       {"1.16", "apps/v1"},
	"extensions/v1beta1/DaemonSet":                                        {"1.16", "apps/v1"},
	"extensions/v1beta1/ReplicaSet":                                       {"1.16", "apps/v1"},
	"extensions/v1beta1/NetworkPolicy":                                    {"1.16", "networking.k8s.io/v1"},
	"extensions/v1beta1/PodSecurityPolicy":                                {"1.16", "Pod Security Admission (PodSecurityPolicy was removed in 1.25)"},
	"extensions/v1beta1/Ingress":                                          {"1.22", "networking.k8s.io/v1"},
	"apps/v1beta1/Deployment":                                             {"1.16", "apps/v1"},
	"apps/v1beta1/StatefulSet":                                            {"1.16", "apps/v1"},
	"apps/v1beta2/Deployment":                                             {"1.16", "apps/v1"},
	"apps/v1beta2/StatefulSet":                                            {"1.16", "apps/v1"},
	"apps/v1beta2/DaemonSet":                                              {"1.16", "apps/v1"},
	"apps/v1beta2/ReplicaSet":                                             {"1.16", "apps/v1"},
	"networking.k8s.io/v1beta1/Ingress":                                   {"1.22", "networking.k8s.io/v1"},
	"networking.k8s.io/v1beta1/IngressClass":                              {"1.22", "networking.k8s.io/v1"},
	"rbac.authorization.k8s.io/v1beta1/Role":                              {"1.22", "rbac.authorization.k8s.io/v1"},
	"rbac.authorization.k8s.io/v1beta1/RoleBinding":                       {"1.22", "rbac.authorization.k8s.io/v1"},
	"rbac.authorization.k8s.io/v1beta1/ClusterRole":                       {"1.22", "rbac.authorization.k8s.io/v1"},
	"rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding":                {"1.22", "rbac.authorization.k8s.io/v1"},
	"apiextensions.k8s.io/v1beta1/CustomResourceDefinition":               {"1.22", "apiextensions.k8s.io/v1"},
	"scheduling.k8s.io/v1beta1/PriorityClass":                             {"1.22", "scheduling.k8s.io/v1"},
	"storage.k8s.io/v1beta1/CSIDriver":                                    {"1.22", "storage.k8s.io/v1"},
	"admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration": {"1.22", "admissionregistration.k8s.io/v1"},
	"admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration":   {"1.22", "admissionregistration.k8s.io/v1"},
	"storage.k8s.io/v1beta1/StorageClass":                                 {"1.22", "storage.k8s.io/v1"},
	"storage.k8s.io/v1beta1/VolumeAttachment":                             {"1.22", "storage.k8s.io/v1"},
	"storage.k8s.io/v1beta1/CSINode":                                      {"1.22", "storage.k8s.io/v1"},
	"apiregistration.k8s.io/v1beta1/APIService":                           {"1.22", "apiregistration.k8s.io/v1"},
	"node.k8s.io/v1beta1/RuntimeClass":                                    {"1.25", "node.k8s.io/v1"},
	"events.k8s.io/v1beta1/Event":                                         {"1.25", "events.k8s.io/v1"},
	"storage.k8s.io/v1beta1/CSIStorageCapacity":                           {"1.27", "storage.k8s.io/v1"},
	"batch/v1beta1/CronJob":                                               {"1.25", "batch/v1"},
	"policy/v1beta1/PodDisruptionBudget":                                  {"1.25", "policy/v1"},
	"policy/v1beta1/PodSecurityPolicy":                                    {"1.25", "Pod Security Admission (no replacement API)"},
	"discovery.k8s.io/v1beta1/EndpointSlice":                              {"1.25", "discovery.k8s.io/v1"},
	"autoscaling/v2beta1/HorizontalPodAutoscaler":                         {"1.25", "autoscaling/v2"},
	"autoscaling/v2beta2/HorizontalPodAutoscaler":                         {"1.26", "autoscaling/v2"},
	"flowcontrol.apiserver.k8s.io/v1beta1/FlowSchema":                     {"1.26", "flowcontrol.apiserver.k8s.io/v1"},
	"flowcontrol.apiserver.k8s.io/v1beta2/FlowSchema":                     {"1.29", "flowcontrol.apiserver.k8s.io/v1"},
	"flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema":                     {"1.32", "flowcontrol.apiserver.k8s.io/v1"},
	"flowcontrol.apiserver.k8s.io/v1beta1/PriorityLevelConfiguration":     {"1.26", "flowcontrol.apiserver.k8s.io/v1"},
	"flowcontrol.apiserver.k8s.io/v1beta2/PriorityLevelConfiguration":     {"1.29", "flowcontrol.apiserver.k8s.io/v1"},
	"flowcontrol.apiserver.k8s.io/v1beta3/PriorityLevelConfiguration":     {"1.32", "flowcontrol.apiserver.k8s.io/v1"},
}

func checkAPIVersion(c *rules.Check) {
	v := str(c.R.Attrs.Get("apiVersion"))
	kind := str(c.R.Attrs.Get("kind"))
	if r, ok := removed[v+"/"+kind]; ok {
		c.Fail("apiVersion", "apiVersion %s of %s is no longer served since Kubernetes %s; use %s", v, kind, r[0], r[1])
		return
	}
	c.Pass("apiVersion %s is served", v)
}
