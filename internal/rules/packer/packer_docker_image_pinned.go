package packer

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "packer-docker-image-pinned",
		Item:     checklist.Install,
		Severity: checklist.High,
		Title:    "Packer docker builds start from an image pinned to a version tag or a digest",
		Why: "An image without a tag is :latest, and latest (or lts, stable, …) moves to each new release: " +
			"two builds of the same commit bake different operating systems and libraries, and a rebuild to " +
			"ship a one-line fix can pull in a new major version that breaks the service. A version tag keeps " +
			"builds repeatable; a digest (@sha256:…) also guards against a re-pushed tag.",
		Fix: `source "docker" "app" {
  image  = "ubuntu:24.04"
  # best: image = "ubuntu:24.04@sha256:<digest>"
  commit = true
}`,
		References: []string{
			"https://developer.hashicorp.com/packer/integrations/hashicorp/docker/latest/components/builder/docker#image",
			"https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
		},
		Kinds: sourceKinds,
		Check: checkDockerImagePinned,
	})
}

// floatingTags name a release channel, not a version.
var floatingTags = map[string]bool{"latest": true, "lts": true, "current": true, "stable": true,
	"mainline": true, "edge": true, "nightly": true, "rolling": true, "devel": true, "testing": true,
	"unstable": true, "sid": true, "alpine": true, "slim": true}

func checkDockerImagePinned(c *rules.Check) {
	if builderType(c.R) != "docker" {
		return
	}
	img := c.R.Attrs.Field("image")
	switch {
	case img.IsNull():
		return // Packer refuses a docker source without image
	case !img.IsKnown():
		c.Unknown("image", img)
		return
	}
	ref := str(img)
	if strings.Contains(ref, "@sha256:") {
		c.Pass("image %s is pinned by digest", ref)
		return
	}
	name := ref[strings.LastIndexByte(ref, '/')+1:] // registry:5000/team/app:1.2 → app:1.2
	_, tag, tagged := strings.Cut(name, ":")
	switch {
	case !tagged:
		c.Fail("image", "image %s has no tag, so Docker pulls :latest, which moves with each release; pin a version tag or a digest", ref)
	case floatingTags[lower(tag)]:
		c.Fail("image", "image %s uses the moving tag %q; pin a version tag or a digest", ref, tag)
	default:
		c.Pass("image %s is pinned to tag %s", ref, tag)
	}
}
