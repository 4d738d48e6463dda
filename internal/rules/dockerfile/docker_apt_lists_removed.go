package dockerfile

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-apt-lists-removed",
		Item:     checklist.Performance,
		Severity: checklist.Low,
		Title:    "A RUN that runs apt-get update removes /var/lib/apt/lists before it ends",
		Why: "apt-get update downloads the package indexes, tens of megabytes, into /var/lib/apt/lists. Left " +
			"there, they are stored in the layer and shipped with every pull of the image, though nothing uses " +
			"them at run time. Deleting them in a later RUN does not help: the earlier layer keeps them.",
		Fix: `RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \
 && rm -rf /var/lib/apt/lists/*`,
		// As hadolint DL3009: only a stage whose files ship (the final one,
		// or one it is built on) is graded. DL3009 also wants
		// /var/cache/apt mounted next to a cache mount of /var/lib/apt;
		// here a mount of the lists alone passes, as they are then not in
		// the layer.
		References: []string{
			"https://docs.docker.com/build/building/best-practices/#apt-get",
			"hadolint: DL3009",
		},
		Kinds:         stageKinds,
		CrossResource: true, // the stages and Compose services that decide whether it ships
		Check:         checkAptListsRemoved,
	})
}

func checkAptListsRemoved(c *rules.Check) {
	if !shipped(c) {
		return
	}
	seen, failed := false, false
	for _, ru := range runs(c.Graph, c.R) {
		last := -1
		for _, p := range pkgCmds(ru) {
			if aptTools[p.tool] && p.sub == "update" {
				last = p.index
			}
		}
		if last < 0 {
			continue
		}
		seen = true
		if hasMount(ru.flags, "/var/lib/apt/lists") || hasMount(ru.flags, "/var/lib/apt") {
			continue
		}
		cleaned := false
		for _, sc := range ru.cmds[last+1:] {
			if removes(sc, "/var/lib/apt/lists", "/var/lib/apt/*") {
				cleaned = true
			}
		}
		if !cleaned {
			c.Fail(ru.path, "this RUN runs apt-get update but leaves /var/lib/apt/lists in the layer; end it with && rm -rf /var/lib/apt/lists/*")
			failed = true
		}
	}
	if seen && !failed {
		c.Pass("apt package lists are removed in the RUN that downloads them")
	}
}
