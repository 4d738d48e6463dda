package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// The peers' pull-policy checks (kube-score container-image-pull-policy,
// Polaris pullPolicyNotAlways, CKV_K8S_15) require Always. This rule does
// not, on purpose: with a pinned tag or digest (k8s-container-image-tag)
// IfNotPresent runs the same image, and Always adds a registry round trip
// to every container start, so a registry outage stops pods from
// restarting even on nodes that hold the image. A mutable tag with
// IfNotPresent is the real hazard, and k8s-container-image-tag already
// fails latest and untagged images; what is left is Never, which no pinning
// makes safe. So the rule is not equivalent to those checks and does not
// list them as references.

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-image-pull-policy",
		Item:     checklist.Install,
		Severity: checklist.Low,
		Title:    "Containers may pull their image: imagePullPolicy is not Never",
		Why: "With imagePullPolicy: Never the kubelet starts a container only if its image is already on " +
			"the node. A new node (a scale-up, a replacement, a cluster upgrade) does not have it, so the pod " +
			"fails with ErrImageNeverPull and the workload loses capacity exactly when nodes change. Never is " +
			"a setting for local clusters that load images by hand.",
		Fix: `containers:
  - name: web
    image: registry.example.com/web:1.4.2
    imagePullPolicy: IfNotPresent   # or leave it out`,
		References: []string{doc("concepts/containers/images/#image-pull-policy")},
		Kinds:      podKinds,
		Check:      checkImagePullPolicy,
	})
}

func checkImagePullPolicy(c *rules.Check) {
	cts, ok := podContainers(c)
	if !ok {
		return
	}
	noPass := len(cts) == 0
	for _, ct := range cts {
		path := ct.path + ".imagePullPolicy"
		v := ct.v.Get("imagePullPolicy")
		if !v.IsKnown() {
			c.Unknown(path, v)
			noPass = true
			continue
		}
		// Omitted, the policy is Always for an untagged or latest image
		// without a digest and IfNotPresent otherwise: both pull when the
		// node lacks the image.
		if str(v) == "Never" {
			c.Fail(path, "%s has imagePullPolicy: Never, so it cannot start on a node that does not already hold %s; use IfNotPresent", ct.label(), str(ct.v.Get("image")))
			noPass = true
		}
	}
	if !noPass {
		c.Pass("no container has imagePullPolicy: Never")
	}
}
