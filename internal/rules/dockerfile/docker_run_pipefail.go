package dockerfile

import (
	"path"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/shellword"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-run-pipefail",
		Item:     checklist.Install,
		Severity: checklist.Low,
		Title:    "A RUN with a pipe fails when any command of the pipe fails (pipefail)",
		Why: "A pipe's status is its last command's: in RUN curl -fsSL $URL | tar -xz, a failed download " +
			"still lets the build succeed, and the image ships without the files it should hold, found out " +
			"only when the service fails in production. With pipefail the build stops at the failure.",
		Fix: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin
# or in the RUN itself: RUN set -o pipefail && curl … | tar …`,
		// Like hadolint DL4006, except that a pipe fed only by echo or
		// printf, which cannot fail, passes, and so do a pipe tested as a
		// condition (if a | grep -q b) and a RUN that sets pipefail itself.
		References: []string{
			"https://docs.docker.com/build/building/best-practices/#using-pipes",
			"hadolint: DL4006",
		},
		Kinds:         stageKinds,
		CrossResource: true, // the stages it is built on, in the same Dockerfile
		Check:         checkPipefail,
	})
}

// cannotFail are commands whose failure a pipe would hide harmlessly.
var cannotFail = map[string]bool{"echo": true, "printf": true, "yes": true, "true": true}

func checkPipefail(c *rules.Check) {
	seen, failed := false, false
	for _, ru := range runs(c.Graph, c.R) {
		if b, _ := ru.v.Get("exec_form").Bool(); b && len(ru.cmds) > 0 && !shellword.PosixShells[ru.cmds[0].prog()] {
			continue // no shell: no pipe
		}
		pipe := ""    // the first command whose failure a pipe hides
		guarded := "" // one whose pipe runs with pipefail set
		setsPipefail := false
		for _, sc := range ru.cmds {
			// set -o pipefail, or sh -o pipefail -c "…" for its script.
			if (sc.prog() == "set" || shellword.PosixShells[sc.prog()]) && setsOption(sc.argv()[1:]) {
				setsPipefail = true
			}
			if !sc.pipeTo || sc.cond || cannotFail[sc.prog()] {
				continue
			}
			if setsPipefail {
				guarded = sc.prog()
			} else if pipe == "" {
				pipe = sc.prog()
			}
		}
		if pipe == "" && guarded == "" {
			continue
		}
		seen = true
		if pipe == "" || pipefailShell(ru.shell) {
			continue
		}
		c.Fail(ru.path, "this RUN pipes the output of %s, and a failure of %s does not fail the build; set SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before it, or start the RUN with set -o pipefail", pipe, pipe)
		failed = true
	}
	if seen && !failed {
		c.Pass("every RUN with a pipe runs with pipefail")
	}
}

// setsOption reports -o pipefail among a set or shell command's words
// (set -eo pipefail, set -o errexit -o pipefail).
func setsOption(args []string) bool {
	for i, a := range args {
		if a == "pipefail" && i > 0 && strings.HasPrefix(args[i-1], "-") && strings.HasSuffix(args[i-1], "o") {
			return true
		}
		if a == "-opipefail" {
			return true
		}
	}
	return false
}

// pipefailShell reports a SHELL that turns pipefail on. Plain sh does not
// count, as hadolint holds: the POSIX sh of older Debian (dash) rejects
// the option.
func pipefailShell(shell []string) bool {
	if len(shell) == 0 {
		return false
	}
	switch path.Base(shell[0]) {
	case "bash", "zsh", "ash", "ksh":
		return setsOption(shell[1:])
	}
	return false
}
