package dockerfile

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-apt-versions-pinned",
		Item:     checklist.Install,
		Severity: checklist.Low,
		Title:    "apt-get install pins the version of each package (pkg=version)",
		Why: "Without a version, apt installs whatever the mirror holds on the day of the build, so two builds " +
			"of the same commit can differ and a rebuild for an unrelated fix can bring in a changed library. " +
			"Pinned versions make the image reproducible and an upgrade a reviewed change.",
		Fix: `RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 ca-certificates=20230311 \
 && rm -rf /var/lib/apt/lists/*`,
		References: []string{
			"https://docs.docker.com/build/building/best-practices/#apt-get",
			"hadolint: DL3008",
		},
		Kinds:         stageKinds,
		CrossResource: true, // the stages it is built on, in the same Dockerfile
		Check:         checkAptPinned,
	})
}

func checkAptPinned(c *rules.Check) {
	checkPinned(c, pinning{
		installs: func(p pkgCmd) (bool, bool) {
			return (p.tool == "apt-get" || p.tool == "apt") && p.sub == "install", false
		},
		pinned: func(pkg string) bool { return strings.Contains(pkg, "=") || strings.HasSuffix(pkg, ".deb") },
		fail: func(tool string, loose []string) (string, []any) {
			return "%s install does not pin %s; pin each package to a version (%s=<version>)", []any{tool, list(loose), loose[0]}
		},
		pass: "every apt package is pinned to a version",
	})
}

// list names up to three items: "curl, git, vim and 2 more".
func list(items []string) string {
	if len(items) <= 3 {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:3], ", ") + " and " + itoa(len(items)-3) + " more"
}
