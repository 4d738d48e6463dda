package dockerfile

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-add-local-files",
		Item:     checklist.Install,
		Severity: checklist.Low,
		Title:    "Local files are copied with COPY; ADD is kept for tar archives it should unpack",
		Why: "ADD does more than copy: it unpacks any local tar archive it is given, so what lands in the image " +
			"depends on what a file happens to contain, and a vendored .tar.gz meant to be copied is silently " +
			"expanded. COPY does exactly one thing, which keeps the image's contents predictable.",
		Fix: `COPY requirements.txt /app/
COPY --chown=app:app src/ /app/src/`,
		References: []string{
			"https://docs.docker.com/build/building/best-practices/#add-or-copy",
			"hadolint: DL3020", "AVD-DS-0005",
		},
		Kinds:         stageKinds,
		CrossResource: true, // the stages it is built on, in the same Dockerfile
		Check:         checkAddLocal,
	})
}

// archiveSuffixes are the names of archives ADD unpacks (tar, bare or
// compressed with gzip, bzip2 or xz); a .zip is not one of them.
var archiveSuffixes = []string{".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz",
	".gz", ".bz2", ".xz", ".tar.zst", ".tzst"}

func checkAddLocal(c *rules.Check) {
	seen, failed := false, false
	for i, in := range instructions(c.R) {
		if in.cmd != "ADD" {
			continue
		}
		var vars map[string]variable
		var local []string
		for _, src := range addSources(in) {
			if isRemote(src) {
				continue // docker-add-remote-url
			}
			seen = true
			if strings.Contains(src, "$") {
				if vars == nil {
					vars = stageVars(c.Graph, c.R, i)
				}
				v, ok := expandVars(src, vars)
				if !ok {
					unknownWord(c, "ADD "+src, src, "the ADD source is a build variable without a known value; whether it names an archive is not known", in.v.Loc)
					failed = true
					continue
				}
				src = v
			}
			if !isArchive(src) {
				local = append(local, src)
			}
		}
		if len(local) > 0 {
			c.Fail(in.path, "ADD %s copies local files or directories; use COPY, which never unpacks archives", list(local))
			failed = true
		}
	}
	if seen && !failed {
		c.Pass("ADD is used only for archives it unpacks")
	}
}

func isArchive(src string) bool {
	s := strings.ToLower(src)
	for _, suf := range archiveSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}
