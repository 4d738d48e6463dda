package dockerfile

import (
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-workdir-absolute",
		Item:     checklist.Configure,
		Severity: checklist.Low,
		Title:    "WORKDIR is an absolute path (or follows an absolute WORKDIR of the same build)",
		Why: "A relative WORKDIR is taken from the base image's working directory, which the Dockerfile does not " +
			"control: when a new base image moves it, files are copied to and commands run from a different " +
			"directory, and the application starts in the wrong place or not at all.",
		Fix: `WORKDIR /app`,
		// Like hadolint DL3000, Checkov CKV_DOCKER_10 and Trivy AVD-DS-0009,
		// except that a relative WORKDIR after an absolute one of the same
		// stage (or the stages it is built on) passes: it no longer depends
		// on the base image, as BuildKit's WorkdirRelativePath check holds.
		References: []string{
			"https://docs.docker.com/reference/build-checks/workdir-relative-path/",
			"hadolint: DL3000", "CKV_DOCKER_10", "AVD-DS-0009",
		},
		Kinds:         stageKinds,
		CrossResource: true, // the stages it is built on, in the same Dockerfile
		Check:         checkWorkdirAbsolute,
	})
}

// absolutePath matches /x and the Windows forms C:\x and C:/x.
var absolutePath = regexp.MustCompile(`^(/|\\|[A-Za-z]:[\\/])`)

func checkWorkdirAbsolute(c *rules.Check) {
	anchored := false
	for _, s := range chain(c.Graph, c.R)[1:] {
		for _, in := range instructions(s) {
			if in.cmd == "WORKDIR" && absolutePath.MatchString(unquote(strings.Join(words(in.v.Get("args")), " "))) {
				anchored = true
			}
		}
	}
	seen, failed := false, false
	for i, in := range instructions(c.R) {
		if in.cmd != "WORKDIR" {
			continue
		}
		seen = true
		dir := unquote(strings.Join(words(in.v.Get("args")), " "))
		if strings.Contains(dir, "$") {
			v, ok := expandVars(dir, stageVars(c.Graph, c.R, i))
			if !ok {
				if !anchored {
					unknownWord(c, "WORKDIR "+dir, dir, "WORKDIR uses a build variable whose value is not known before the build", in.v.Loc)
					failed = true
				}
				continue
			}
			dir = v
		}
		switch {
		case absolutePath.MatchString(dir):
			anchored = true
		case !anchored:
			c.Fail(in.path, "WORKDIR %s is relative to the base image's working directory; use an absolute path (/app)", dir)
			failed = true
		}
	}
	if seen && !failed {
		c.Pass("every WORKDIR is absolute")
	}
}
