package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-image-tag",
		Item:     checklist.Install,
		Severity: checklist.High,
		Title:    "Container images are pinned to a version tag or a digest, not latest",
		Why: "An image with no tag, or tagged latest, is whatever was pushed last: nodes that pull at " +
			"different times run different code from one manifest, a rescheduled pod can upgrade itself, " +
			"and there is no earlier version to roll back to. A digest pins the exact image; a version tag " +
			"pins it as long as nobody pushes that tag again.",
		Fix: `containers:
  - name: web
    image: registry.example.com/web:1.4.2   # better: registry.example.com/web@sha256:<digest>`,
		References: []string{
			doc("concepts/containers/images/#image-names"),
			"CKV_K8S_14", "CKV_K8S_43", "AVD-KSV-0013",
			"kube-score: container-image-tag", "Polaris: tagNotSpecified", "kube-linter: latest-tag",
		},
		Kinds: podKinds,
		Check: checkImageTag,
	})
}

// checkImageTag looks at every container, init containers included: an
// init container's image is installed software like any other.
func checkImageTag(c *rules.Check) {
	cts, ok := podContainers(c)
	if !ok {
		return
	}
	noPass, tagOnly := false, 0
	for _, ct := range cts {
		path := ct.path + ".image"
		v := ct.v.Get("image")
		if !v.IsKnown() {
			c.Unknown(path, v)
			noPass = true
			continue
		}
		image := str(v)
		tag, digest := imageRef(image)
		switch {
		case image == "":
			failNear(c, path, "%s has no image", ct.label())
			noPass = true
		case digest != "":
			// A digest pins the image whatever the tag says: the runtime
			// pulls by digest and ignores the tag.
		case tag == "":
			failNear(c, path, "%s runs image %s with no tag, which means latest; pin a version tag or a digest", ct.label(), image)
			noPass = true
		case tag == "latest":
			failNear(c, path, "%s runs image %s; pin a version tag or a digest instead of latest", ct.label(), image)
			noPass = true
		default:
			tagOnly++
		}
	}
	switch {
	case noPass || len(cts) == 0:
	case tagOnly > 0:
		c.Pass("every image has a version tag (%d by tag only: a digest would also survive a re-pushed tag)", tagOnly)
	default:
		c.Pass("every image is pinned by digest")
	}
}
