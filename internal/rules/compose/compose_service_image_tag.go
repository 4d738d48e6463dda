package compose

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-image-tag",
		Item:     checklist.Install,
		Severity: checklist.High,
		Title:    "Services that pull an image pin it to a version tag or a digest, not latest",
		Why: "An image with no tag, or tagged latest, is whatever was pushed last: two hosts that pull at " +
			"different times run different software from one Compose file, a `docker compose pull` upgrades " +
			"it unasked, and there is no earlier version to roll back to. A digest pins the exact image; a " +
			"version tag pins it as long as nobody pushes that tag again.",
		Fix: `services:
  db:
    image: postgres:16.4   # better: postgres:16.4@sha256:<digest>`,
		References: []string{
			"https://docs.docker.com/reference/compose-file/services/#image",
			"https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier",
		},
		Kinds: serviceKinds,
		Check: checkImageTag,
	})
}

// opsMovingTags are tags that name a channel, not a version: whatever was
// built last from a branch. latest is handled on its own.
var opsMovingTags = map[string]bool{
	"nightly": true, "edge": true, "master": true, "main": true, "dev": true, "develop": true,
	"development": true, "unstable": true, "canary": true, "snapshot": true, "head": true,
}

// checkImageTag grades the image of services that pull one. A service
// that builds its image is graded by its Dockerfile (its FROM lines): the
// image name it sets only names what it builds.
func checkImageTag(c *rules.Check) {
	if !c.R.Attrs.Get("build").IsNull() {
		return
	}
	v := c.R.Attrs.Get("image")
	if !v.IsKnown() {
		c.Unknown("image", v)
		return
	}
	image := str(v)
	if image == "" {
		return // Docker Compose refuses a service with neither image nor build
	}
	_, tag, digest := opsImageRef(image)
	switch {
	case digest != "":
		// Docker pulls by digest and ignores the tag.
		c.Pass("image %s is pinned by digest", image)
	case tag == "":
		c.Fail("image", "image %s has no tag, which means latest; pin a version tag or a digest", image)
	case tag == "latest":
		c.Fail("image", "image %s is tagged latest; pin a version tag or a digest", image)
	case opsMovingTags[strings.ToLower(tag)]:
		c.Fail("image", "image %s has tag %s, which moves with every build; pin a version tag or a digest", image, tag)
	default:
		c.Pass("image %s has a version tag (a digest would also survive a re-pushed tag)", image)
	}
}
