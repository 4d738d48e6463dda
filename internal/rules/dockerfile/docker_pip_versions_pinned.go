package dockerfile

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-pip-versions-pinned",
		Item:     checklist.Install,
		Severity: checklist.Low,
		Title:    "pip install pins package versions, or installs from a requirements or constraints file",
		Why: "pip install flask installs whatever PyPI holds on the day of the build, with whatever versions of " +
			"its dependencies: two builds of the same commit can differ, and a new major release can break the " +
			"service on a rebuild for an unrelated fix. Versions in the command or in a requirements file make " +
			"the image reproducible.",
		Fix: `COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
# or: RUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0`,
		References: []string{
			"https://pip.pypa.io/en/stable/topics/repeatable-installs/",
			"https://docs.docker.com/build/building/best-practices/#run",
			"hadolint: DL3013",
		},
		Kinds:         stageKinds,
		CrossResource: true, // the stages it is built on, in the same Dockerfile
		Check:         checkPipPinned,
	})
}

func checkPipPinned(c *rules.Check) {
	checkPinned(c, pinning{
		installs: func(p pkgCmd) (bool, bool) {
			if p.tool != "pip" || p.sub != "install" {
				return false, false
			}
			// A requirements or constraints file sets the versions.
			return true, p.hasOpt("-r", "--requirement", "-c", "--constraint") || hasPrefixOpt(p.opts, "-r", "-c")
		},
		pinned: pipPinned,
		fail: func(_ string, loose []string) (string, []any) {
			return "pip install does not pin %s; pin each package (name==<version>, a VCS URL at @<tag or commit>) or install from a requirements file", []any{list(loose)}
		},
		pass: "pip installs pinned versions or from a requirements file",
	})
}

// hasPrefixOpt reports a short option written together with its value
// (-rrequirements.txt).
func hasPrefixOpt(opts []string, short ...string) bool {
	for _, o := range opts {
		for _, s := range short {
			if strings.HasPrefix(o, s) && len(o) > len(s) && !strings.HasPrefix(o, "--") {
				return true
			}
		}
	}
	return false
}

// pipPinned reports a requirement that fixes or bounds its version
// (flask==3.0, flask~=3.0, flask>=3,<4), a VCS URL at a ref
// (git+https://…@v1.2), or a local path or archive (., ./pkg, dist/x.whl).
// As hadolint DL3013, any version specifier counts.
func pipPinned(pkg string) bool {
	if scheme, rest, ok := strings.Cut(pkg, "://"); ok {
		if !strings.Contains(scheme, "+") && !strings.HasPrefix(scheme, "git") {
			return true // an archive at a URL
		}
		// A VCS URL: pinned by @ref after the host (the fragment, #egg=…,
		// names the project).
		rest, _, _ = strings.Cut(rest, "#")
		_, p, _ := strings.Cut(rest, "/")
		return strings.Contains(p, "@")
	}
	if strings.ContainsAny(pkg, "=<>!~") {
		return true
	}
	return strings.HasPrefix(pkg, ".") || strings.Contains(pkg, "/") ||
		strings.HasSuffix(pkg, ".whl") || strings.HasSuffix(pkg, ".tar.gz") || strings.HasSuffix(pkg, ".zip")
}
