package dockerfile

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-apk-no-cache",
		Item:     checklist.Performance,
		Severity: checklist.Low,
		Title:    "apk add in an image that ships uses --no-cache",
		Why: "Without --no-cache, apk stores the package index it downloaded in /var/cache/apk, and the layer " +
			"ships it with every pull of the image though nothing reads it at run time. --no-cache fetches a " +
			"fresh index and keeps nothing.",
		Fix: `RUN apk add --no-cache curl=8.9.1-r0`,
		// As hadolint DL3019 and Trivy AVD-DS-0025, except that a stage
		// that only feeds COPY --from is not graded (its cache never
		// ships) and removing /var/cache/apk in the same RUN counts.
		References: []string{
			"https://docs.docker.com/build/building/best-practices/#run",
			"hadolint: DL3019", "AVD-DS-0025",
		},
		Kinds:         stageKinds,
		CrossResource: true, // the stages and Compose services that decide whether it ships
		Check:         checkApkNoCache,
	})
}

func checkApkNoCache(c *rules.Check) {
	if !shipped(c) {
		return
	}
	seen, failed := false, false
	for _, ru := range runs(c.Graph, c.R) {
		for _, p := range pkgCmds(ru) {
			if p.tool != "apk" || p.sub != "add" {
				continue
			}
			seen = true
			if p.hasOpt("--no-cache") || hasMount(ru.flags, "/var/cache/apk") || removedLater(ru, p.index, "/var/cache/apk") {
				continue
			}
			c.Fail(ru.path, "apk add runs without --no-cache and leaves its package index in /var/cache/apk in the layer; add --no-cache")
			failed = true
			break // one finding per RUN
		}
	}
	if seen && !failed {
		c.Pass("apk leaves no package cache in the image")
	}
}

// removedLater reports a RUN that deletes path after its command at index.
func removedLater(ru run, index int, path string) bool {
	for _, sc := range ru.cmds[index+1:] {
		if removes(sc, path) {
			return true
		}
	}
	return false
}
