package dockerfile

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/shellword"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-package-update-alone",
		Item:     checklist.Install,
		Severity: checklist.Low,
		Title:    "apt-get update and apk update run in the same RUN as the install that uses the index",
		Why: "The build cache keeps a RUN that only updates the package index as long as its text does not " +
			"change: later builds reuse an index weeks old, and an install in a following RUN gets outdated " +
			"packages or fails when the mirror no longer holds them. Updating and installing in one RUN " +
			"refreshes the index whenever the package list changes.",
		Fix: `RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \
 && rm -rf /var/lib/apt/lists/*`,
		// As Checkov CKV_DOCKER_5 and Trivy AVD-DS-0017 for apt and apk.
		// Trivy also fails yum/dnf/zypper update alone; those upgrade the
		// installed packages rather than refresh an index, so they are
		// left out here.
		References: []string{
			"https://docs.docker.com/build/building/best-practices/#apt-get",
			"CKV_DOCKER_5", "AVD-DS-0017",
		},
		Kinds:         stageKinds,
		CrossResource: true, // the stages it is built on, in the same Dockerfile
		Check:         checkUpdateAlone,
	})
}

// indexUsers are the subcommands that read the package index an update
// refreshed.
var indexUsers = map[string]map[string]bool{
	"apt": {"install": true, "upgrade": true, "dist-upgrade": true, "full-upgrade": true, "build-dep": true, "reinstall": true, "source": true, "safe-upgrade": true},
	"apk": {"add": true, "upgrade": true, "fix": true},
}

// mayInstall reports a command that may install packages in a way this
// reading cannot follow: a script (./install.sh, sh deps.sh) or a wrapper
// such as xargs apt-get install. Such a RUN is given the benefit of the
// doubt.
func mayInstall(sc shellCmd) bool {
	argv := sc.argv()
	if len(argv) == 0 {
		return false
	}
	w := shellword.DropAssignments(sc.words)
	if len(w) > 0 && (strings.Contains(w[0], "/") || strings.HasSuffix(w[0], ".sh")) {
		return true
	}
	if shellword.PosixShells[argv[0]] && !shellword.ReadsScriptFromStdin(argv) {
		return true
	}
	for _, a := range argv[1:] {
		if aptTools[a] || a == "apk" || a == "install" {
			return true
		}
	}
	return false
}

func checkUpdateAlone(c *rules.Check) {
	seen, failed := false, false
	for _, ru := range runs(c.Graph, c.R) {
		cmds := pkgCmds(ru)
		for i, p := range cmds {
			family := "apk"
			if aptTools[p.tool] {
				family = "apt"
			} else if p.tool != "apk" {
				continue
			}
			if p.sub != "update" {
				continue
			}
			seen = true
			used := false
			for _, q := range cmds[i+1:] {
				if (aptTools[q.tool] && family == "apt" || q.tool == "apk" && family == "apk") && indexUsers[family][q.sub] {
					used = true
				}
			}
			for _, sc := range ru.cmds[p.index+1:] {
				if mayInstall(sc) {
					used = true
				}
			}
			if !used {
				c.Fail(ru.path, "%s update runs without an install after it in the same RUN, so the build cache keeps a stale index; update and install in one RUN", p.tool)
				failed = true
				break
			}
		}
	}
	if seen && !failed {
		c.Pass("every package index update is followed by its install in the same RUN")
	}
}
