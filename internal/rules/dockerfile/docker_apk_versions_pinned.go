package dockerfile

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-apk-versions-pinned",
		Item:     checklist.Install,
		Severity: checklist.Low,
		Title:    "apk add pins the version of each package (pkg=version)",
		Why: "Without a version, apk installs whatever the repository holds on the day of the build, so two " +
			"builds of the same commit can differ and a rebuild for an unrelated fix can bring in a changed " +
			"library. Pinned versions make the image reproducible and an upgrade a reviewed change.",
		Fix: `RUN apk add --no-cache curl=8.9.1-r0 ca-certificates=20240705-r0
# or a constraint that stays within a release: curl~8.9`,
		References: []string{
			"https://docs.docker.com/build/building/best-practices/#run",
			"hadolint: DL3018",
		},
		Kinds:         stageKinds,
		CrossResource: true, // the stages it is built on, in the same Dockerfile
		Check:         checkApkPinned,
	})
}

func checkApkPinned(c *rules.Check) {
	checkPinned(c, pinning{
		installs: func(p pkgCmd) (bool, bool) { return p.tool == "apk" && p.sub == "add", false },
		// apk's constraints: =, ~, <, > (pkg=1.2-r0, pkg~1.2, pkg>=1.2).
		pinned: func(pkg string) bool { return strings.ContainsAny(pkg, "=~<>") || strings.HasSuffix(pkg, ".apk") },
		fail: func(_ string, loose []string) (string, []any) {
			return "apk add does not pin %s; pin each package to a version (%s=<version>)", []any{list(loose), loose[0]}
		},
		pass: "every apk package is pinned to a version",
	})
}
