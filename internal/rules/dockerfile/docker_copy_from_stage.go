package dockerfile

import (
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-copy-from-stage",
		Item:     checklist.Install,
		Severity: checklist.Medium,
		Title:    "COPY --from names another stage of the build, or an image pinned to a version",
		Why: "A --from that matches no stage name is pulled as an image: a typo of a stage name (--from=buidler) " +
			"fetches docker.io/library/buidler:latest, whatever that is, into the image. An image named " +
			"without a tag is :latest and changes under the build. A stage cannot copy from itself, and " +
			"--from does not expand variables: both fail the build.",
		Fix: `FROM golang:1.22 AS build
RUN go build -o /out/app .
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
# or an image pinned to a version: COPY --from=docker/buildx-bin:0.16.2 /buildx /usr/libexec/docker/cli-plugins/docker-buildx`,
		// Agrees with hadolint DL3022 and DL3023 and Trivy AVD-DS-0006,
		// except that a stage defined later in the file passes (BuildKit
		// resolves stages by name wherever they are, so DL3022's "alias
		// defined after" builds), and an image tagged :latest fails like an
		// untagged one.
		References: []string{
			"https://docs.docker.com/reference/dockerfile/#copy---from",
			"hadolint: DL3022", "hadolint: DL3023", "AVD-DS-0006",
		},
		Kinds:         stageKinds,
		CrossResource: true, // the other stages, and build contexts Compose passes
		Check:         checkCopyFrom,
	})
}

func checkCopyFrom(c *rules.Check) {
	stages := fileStages(c.Graph, c.R)
	self := stageIndex(c.R)
	seen, failed := false, false
	for _, in := range instructions(c.R) {
		if in.cmd != "COPY" {
			continue
		}
		from := ""
		for _, f := range words(in.v.Get("flags")) {
			if v, ok := strings.CutPrefix(f, "--from="); ok {
				from = unquote(v)
			}
		}
		if from == "" {
			continue
		}
		seen = true
		if namedContext(c, stages, from) {
			continue
		}
		if msg := badFrom(from, self, stages); msg != "" {
			c.Fail(in.path, msg, from)
			failed = true
		}

	}
	if seen && !failed {
		c.Pass("every COPY --from names another stage or a pinned image")
	}
}

// namedContext reports a --from that names a build context a Compose
// service passes to the build (build.additional_contexts), which BuildKit
// resolves before stages and images.
func namedContext(c *rules.Check, stages []*infra.Resource, from string) bool {
	for _, s := range stages {
		for _, svc := range builtBy(c.Graph, s) {
			if svc.Attrs.Get("build.additional_contexts").Has(from) {
				return true
			}
		}
	}
	return false
}

// badFrom says what is wrong with a --from value, as a message format
// whose one argument is the value; "" when nothing is.
func badFrom(from string, self int, stages []*infra.Resource) string {
	if strings.Contains(from, "$") {
		return "COPY --from=%s uses a variable, which --from does not expand, so the build fails; define a stage FROM the image (ARG works there) and copy from that stage"
	}
	if n, err := strconv.Atoi(from); err == nil {
		switch {
		case n == self:
			return "COPY --from=%s names this stage itself; a stage cannot copy from itself"
		case n < 0 || n >= len(stages):
			return "COPY --from=%s is not a stage index of this Dockerfile, which has " + itoa(len(stages)) + " stages"
		}
		return ""
	}
	for _, s := range stages {
		// An unnamed stage has no name to copy from (its resource name,
		// stage-N, is not one).
		if name := str(s.Attrs.Get("name")); name != "" && strings.EqualFold(name, from) {
			if stageIndex(s) == self {
				return "COPY --from=%s names this stage itself; a stage cannot copy from itself"
			}
			return ""
		}
	}
	_, tag, digest := splitImageRef(from)
	switch {
	case digest != "":
		return ""
	case tag == "":
		return "COPY --from=%s names no stage of this Dockerfile (nor a build context Compose passes), so it pulls that image at :latest; name a stage, or pin the image to a version tag"
	case isFloatingTag(tag):
		return "COPY --from=%s pulls an image by a tag that moves with each release; pin it to a version tag or a digest"
	}
	return ""
}
