package dockerfile

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-base-image-pinned",
		Item:     checklist.Install,
		Severity: checklist.High,
		Title:    "Every build stage starts from a base image pinned to a version tag or a digest",
		Why: "An image without a tag is :latest, and latest (or lts, stable, alpine, …) moves to each new " +
			"release: two builds of the same commit get different operating systems, runtimes and libraries, " +
			"and a rebuild to ship a one-line fix can pull in a new major version that breaks the service. A " +
			"version tag keeps builds repeatable; a digest (@sha256:…) also guards against a re-pushed tag.",
		Fix: `FROM python:3.12.4-slim-bookworm
# best: the digest, which a tag push cannot change
FROM python:3.12.4-slim-bookworm@sha256:<digest>`,
		References: []string{
			"https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
			"hadolint: DL3006", "hadolint: DL3007", "CKV_DOCKER_7", "AVD-DS-0001",
		},
		Kinds:         stageKinds,
		CrossResource: true, // the stages it is built on, in the same Dockerfile
		Check:         checkBaseImagePinned,
	})
}

// floatingWords in a tag name a release channel, not a version: the image
// moves to each new release, as with latest (node:lts-alpine,
// nginx:stable, debian:testing).
var floatingWords = map[string]bool{"latest": true, "lts": true, "current": true, "stable": true,
	"mainline": true, "edge": true, "nightly": true, "rolling": true, "devel": true, "testing": true,
	"unstable": true, "sid": true}

// variantWords name an image variant; a tag made only of them (nginx:alpine,
// python:slim) names no version either. With a version or a distribution
// codename (3.12-slim, bookworm-slim) it is pinned. A codename alone on a
// language image (rust:bookworm) still lets the language move; telling it
// from a distribution image's codename (debian:bookworm) needs a list of
// images this rule does not keep, so it passes.
var variantWords = map[string]bool{"alpine": true, "slim": true}

func checkBaseImagePinned(c *rules.Check) {
	img := c.R.Attrs.Get("image")
	switch {
	case img.IsNull(), baseOf(c.Graph, c.R) != nil:
		return // built on an earlier stage, which is graded itself
	case !img.IsKnown() && mayNameStage(c.Graph, c.R, str(c.R.Attrs.Get("from"))):
		return // FROM binaries-$TARGETOS: one of the stages binaries-linux, …
	case !img.IsKnown():
		// FROM ${REGISTRY}/node:20 is pinned whatever the registry:
		// judge the tag when no variable is in it.
		if ref := str(c.R.Attrs.Get("from")); !variableTag(ref) {
			judgeImage(c, ref)
			return
		}
		c.Unknown("image", img)
		return
	}
	judgeImage(c, str(img))
}

// variableTag reports a reference whose tag, digest or (when it has
// neither) last path element holds a variable, so that whether it is pinned
// is not known.
func variableTag(ref string) bool {
	name, tag, digest := splitImageRef(ref)
	switch {
	case digest != "":
		return strings.Contains(digest, "$")
	case tag != "":
		return strings.Contains(tag, "$")
	}
	return strings.Contains(name[strings.LastIndex(name, "/")+1:], "$")
}

// judgeImage grades a base image reference.
func judgeImage(c *rules.Check, ref string) {
	if strings.EqualFold(ref, "scratch") {
		return
	}
	name, tag, digest := splitImageRef(ref)
	switch {
	case digest != "":
		c.Pass("the base image %s is pinned by digest", name)
	case tag == "":
		c.Fail("image", "FROM %s has no tag, so it is %s:latest and changes with every release; pin a version tag (%s:<version>) or a digest", ref, name, name)
	case isFloatingTag(tag):
		c.Fail("image", "FROM %s uses the tag %s, which moves to each new release; pin a version tag or a digest", ref, tag)
	default:
		c.Pass("the base image is pinned to tag %s (a digest would pin it exactly)", tag)
	}
}

func isFloatingTag(tag string) bool {
	onlyVariants := true
	for _, p := range strings.Split(strings.ToLower(tag), "-") {
		if floatingWords[p] {
			return true
		}
		if !variantWords[p] {
			onlyVariants = false
		}
	}
	return onlyVariants
}

// splitImageRef splits [registry[:port]/]path[:tag][@digest]. A colon
// before the last slash belongs to the registry's port.
func splitImageRef(ref string) (name, tag, digest string) {
	name = ref
	if i := strings.Index(name, "@"); i >= 0 {
		name, digest = name[:i], name[i+1:]
	}
	if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
		name, tag = name[:i], name[i+1:]
	}
	return name, tag, digest
}
