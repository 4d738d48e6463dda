package ansible

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-download-checksum",
		Item:     checklist.Install,
		Severity: checklist.Medium,
		Title:    "Downloaded archives, packages and binaries are verified against a checksum (get_url checksum)",
		Why: "A download without a checksum installs whatever the URL serves today: a compromised release " +
			"page, a replaced artifact or a truncated file goes onto every server unnoticed, and two servers " +
			"built a day apart can run different binaries. A checksum pins the exact artifact that was tested.",
		Fix: `- name: Download node_exporter
  ansible.builtin.get_url:
    url: https://github.com/prometheus/node_exporter/releases/download/v1.8.2/node_exporter-1.8.2.linux-amd64.tar.gz
    dest: /tmp/node_exporter.tar.gz
    checksum: sha256:6809dd0b3ec45fd6e992c19071d6b5253aed3ead7bf0686885a51d85c6643c66`,
		References: []string{
			"https://docs.ansible.com/ansible/latest/collections/ansible/builtin/get_url_module.html#parameter-checksum",
		},
		Kinds: taskKinds,
		Check: func(c *rules.Check) {
			switch module(c.R) {
			case "get_url", "win_get_url":
				// checksum has no default: without it get_url verifies nothing.
				if !arg(c.R, "checksum").IsNull() {
					c.Pass("get_url verifies the download's checksum")
					return
				}
				url := arg(c.R, "url")
				if !url.IsKnown() {
					c.Unknown("args.url", url)
					return
				}
				u, _ := str(url)
				if isSigningKey(u) || isSigningKey(destPath(c.R)) {
					return // a signing key is the root of trust, fetched over HTTPS as its vendor says
				}
				if !isArtifact(u) && !isArtifact(destPath(c.R)) {
					return // a page, an API response or a config: content with no fixed digest
				}
				c.Fail("args.url", "get_url downloads %s without a checksum; add checksum: sha256:<digest>", u)
			case "unarchive":
				// unarchive downloads a URL src itself and can verify nothing.
				src := arg(c.R, "src")
				s, ok := str(src)
				if !ok || !isURL(s) {
					return
				}
				c.Fail("args.src", "unarchive downloads %s with no checksum; fetch it with get_url and a checksum, then unarchive the file", s)
			}
		},
	})
}

func isURL(s string) bool {
	s = strings.ToLower(s)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "ftp://")
}

// isSigningKey reports a URL or path of a package signing key.
func isSigningKey(s string) bool {
	s = strings.ToLower(s)
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	for _, ext := range []string{".asc", ".gpg", ".key", ".pub", ".pem", ".crt"} {
		if strings.HasSuffix(s, ext) {
			return true
		}
	}
	return strings.Contains(s, "/keyrings/") || strings.Contains(s, "gpgkey") || strings.Contains(s, "gpg-key")
}

// artifactExts are the extensions of files that are installed or run:
// archives, packages, binaries, scripts.
var artifactExts = []string{
	".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tar", ".zip", ".gz", ".xz", ".bz2",
	".rpm", ".deb", ".apk", ".jar", ".war", ".ear", ".msi", ".exe", ".bin", ".run", ".sh", ".py", ".whl",
	".appimage", ".dmg", ".pkg", ".iso", ".img", ".qcow2",
}

// isArtifact reports a URL or path of an archive, package, binary or
// script, or a GitHub release download (often a bare binary).
func isArtifact(s string) bool {
	s = strings.ToLower(s)
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	if strings.Contains(s, "/releases/download/") {
		return true
	}
	for _, ext := range artifactExts {
		if strings.HasSuffix(s, ext) {
			return true
		}
	}
	return strings.HasPrefix(s, "/usr/local/bin/") || strings.HasPrefix(s, "/usr/bin/") || strings.HasPrefix(s, "/usr/sbin/") ||
		strings.HasPrefix(s, "/opt/") && strings.Contains(s, "/bin/")
}
