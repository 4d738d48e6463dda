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
	seen, failed := false, false
	for _, ru := range runs(c.Graph, c.R) {
		for _, p := range pkgCmds(ru) {
			if p.tool != "apk" || p.sub != "add" || len(p.pkgs) == 0 {
				continue
			}
			seen = true
			var loose []string
			unknown := ""
			for _, pkg := range p.pkgs {
				switch {
				// apk's constraints: =, ~, <, > (pkg=1.2-r0, pkg~1.2, pkg>=1.2).
				case strings.ContainsAny(pkg, "=~<>"), strings.HasSuffix(pkg, ".apk"):
				case hasUnexpanded(pkg):
					unknown = pkg
				default:
					loose = append(loose, pkg)
				}
			}
			switch {
			case len(loose) > 0:
				c.Fail(ru.path, "apk add does not pin %s; pin each package to a version (%s=<version>)", list(loose), loose[0])
				failed = true
			case unknown != "":
				unknownWord(c, "apk add "+unknown, unknown, "the packages come from a shell variable or command whose value is not known before the build", ru.v.Loc)
				failed = true
			}
		}
	}
	if seen && !failed {
		c.Pass("every apk package is pinned to a version")
	}
}
