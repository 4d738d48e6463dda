package dockerfile

import (
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-add-remote-url",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "ADD fetches remote files only with a checksum (or a Git commit) that verifies them",
		Why: "ADD https://… puts whatever the server returns into the image, unchecked: a compromised or " +
			"hijacked download host, or a file replaced upstream, ships in the next build without anyone " +
			"noticing. ADD --checksum makes the build fail when the content changes; a Git source pinned to a " +
			"commit cannot change.",
		Fix: `ADD --checksum=sha256:<sha256 of the file> https://example.com/tool-1.2.3.tar.gz /tmp/
# or: RUN curl -fsSLo /tmp/tool.tgz https://… && echo "<sha256>  /tmp/tool.tgz" | sha256sum -c -`,
		// No peer: hadolint DL3020 accepts ADD of a URL, and Checkov
		// CKV_DOCKER_4 fails every ADD, local or remote, with or without a
		// checksum.
		References:    []string{"https://docs.docker.com/reference/dockerfile/#add---checksum"},
		Kinds:         stageKinds,
		CrossResource: true, // the stages it is built on, in the same Dockerfile
		Check:         checkAddRemote,
	})
}

// commitRef is a Git ref that is a full commit id.
var commitRef = regexp.MustCompile(`^[0-9a-f]{40}([0-9a-f]{24})?$`)

func checkAddRemote(c *rules.Check) {
	seen, failed := false, false
	for i, in := range instructions(c.R) {
		if in.cmd != "ADD" {
			continue
		}
		checksum := false
		for _, f := range words(in.v.Get("flags")) {
			if strings.HasPrefix(f, "--checksum=") {
				checksum = true
			}
		}
		for _, src := range addSources(in) {
			if !isRemote(src) {
				continue
			}
			seen = true
			ref := gitRef(src)
			if isGitSource(src) && !checksum && strings.Contains(ref, "$") {
				v, ok := expandVars(ref, stageVars(c.Graph, c.R, i))
				if !ok {
					unknownWord(c, "the Git ref of ADD "+src, ref, "the ref is a build variable whose value is not known before the build; whether it is a commit is not known", in.v.Loc)
					failed = true
					continue
				}
				ref = v
			}
			switch {
			case checksum:
			case isGitSource(src) && commitRef.MatchString(ref):
			case isGitSource(src):
				c.Fail(in.path, "ADD %s fetches a Git ref that can move; pin it to a commit (#<40-hex commit>) or add --checksum", src)
				failed = true
			default:
				c.Fail(in.path, "ADD %s downloads a file nothing verifies; add --checksum=sha256:<digest>", src)
				failed = true
			}
		}
	}
	if seen && !failed {
		c.Pass("every remote ADD is verified by a checksum or a commit")
	}
}

// addSources are an ADD's sources: every argument but the destination.
func addSources(in instr) []string {
	a := words(in.v.Get("args"))
	if len(a) < 2 {
		return nil
	}
	out := make([]string, 0, len(a)-1)
	for _, s := range a[:len(a)-1] {
		out = append(out, unquote(s))
	}
	return out
}

// isRemote reports a source ADD fetches over the network.
func isRemote(src string) bool {
	s := strings.ToLower(src)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") ||
		strings.HasPrefix(s, "git://") || strings.HasPrefix(s, "git@") || strings.HasPrefix(s, "ssh://")
}

// isGitSource reports a remote source ADD clones as a Git repository.
func isGitSource(src string) bool {
	s := strings.ToLower(src)
	base, _, _ := strings.Cut(s, "#")
	return strings.HasPrefix(s, "git://") || strings.HasPrefix(s, "git@") || strings.HasPrefix(s, "ssh://") ||
		strings.HasSuffix(base, ".git")
}

// gitRef is the ref after # in a Git source (…repo.git#ref:subdir).
func gitRef(src string) string {
	_, frag, _ := strings.Cut(src, "#")
	ref, _, _ := strings.Cut(frag, ":")
	return ref
}
