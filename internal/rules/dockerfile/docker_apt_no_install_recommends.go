package dockerfile

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-apt-no-install-recommends",
		Item:     checklist.Performance,
		Severity: checklist.Low,
		Title:    "apt-get install in an image that ships uses --no-install-recommends",
		Why: "By default apt installs every package a package merely recommends: documentation, X11 " +
			"libraries, compilers. They make the image much larger, so it is slower to pull on every new node " +
			"and during a scale-out, and every extra package is more code to patch and more CVEs to triage.",
		Fix: `RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \
 && rm -rf /var/lib/apt/lists/*`,
		// Like hadolint DL3015 and Trivy AVD-DS-0029, except that a stage
		// that only feeds COPY --from is not graded (its packages never
		// ship) and an apt configuration that turns recommends off counts.
		References: []string{
			"https://docs.docker.com/build/building/best-practices/#apt-get",
			"hadolint: DL3015", "AVD-DS-0029",
		},
		Kinds:         stageKinds,
		CrossResource: true, // the stages and Compose services that decide whether it ships
		Check:         checkAptNoRecommends,
	})
}

func checkAptNoRecommends(c *rules.Check) {
	if !shipped(c) {
		return
	}
	configured := false
	// An earlier stage this one is built on can turn recommends off in
	// /etc/apt/apt.conf.d for every later install.
	for _, s := range chain(c.Graph, c.R)[1:] {
		for _, ru := range runs(c.Graph, s) {
			if setsNoRecommends(ru) {
				configured = true
			}
		}
	}
	seen, failed := false, false
	for _, ru := range runs(c.Graph, c.R) {
		if setsNoRecommends(ru) {
			configured = true
		}
		for _, p := range pkgCmds(ru) {
			if p.tool != "apt-get" && p.tool != "apt" || p.sub != "install" || len(p.pkgs) == 0 {
				continue
			}
			seen = true
			if configured || p.hasOpt("--no-install-recommends") || recommendsOff(p.opts) {
				continue
			}
			c.Fail(ru.path, "%s install runs without --no-install-recommends and pulls in every recommended package; add --no-install-recommends", p.tool)
			failed = true
			break // one finding per RUN
		}
	}
	if seen && !failed {
		c.Pass("apt installs only the packages it is asked for")
	}
}

// recommendsOff reports -o APT::Install-Recommends=false (or 0).
func recommendsOff(opts []string) bool {
	for _, o := range opts {
		k, v, ok := strings.Cut(o, "=")
		if ok && strings.EqualFold(k, "APT::Install-Recommends") && (v == "0" || strings.EqualFold(v, "false")) {
			return true
		}
	}
	return false
}

// setsNoRecommends reports a RUN that writes APT::Install-Recommends into
// apt's configuration (echo 'APT::Install-Recommends "0";' > …).
func setsNoRecommends(ru run) bool {
	for _, c := range ru.cmds {
		if p := c.prog(); p != "echo" && p != "printf" {
			continue
		}
		for _, w := range c.words {
			if strings.Contains(w, "APT::Install-Recommends") && (strings.Contains(w, `"0"`) || strings.Contains(w, "false")) {
				return true
			}
		}
	}
	return false
}
