package shell

import (
	"path"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/shellword"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "shell-download-verified",
		Item:     checklist.Install,
		Severity: checklist.Medium,
		Title:    "Scripts check the checksum or signature of the archives, packages and programs they download",
		Why: "A binary or archive fetched over the network and installed unchecked is whatever the server or a " +
			"proxy returned that day: a tampered release, an error page, a truncated file. A checksum pinned in " +
			"the script (or a signature check) makes the build fail instead of installing it.",
		Fix: `curl -fsSLo /tmp/node_exporter.tar.gz https://github.com/prometheus/node_exporter/releases/download/v1.8.2/node_exporter-1.8.2.linux-amd64.tar.gz
echo "<sha256>  /tmp/node_exporter.tar.gz" | sha256sum -c -
tar -xzf /tmp/node_exporter.tar.gz -C /opt`,
		References: []string{"https://www.gnu.org/software/coreutils/manual/html_node/sha2-utilities.html"},
		Kinds:      scriptKinds,
		Check: func(c *rules.Check) {
			cmds := commands(c.R)
			pipes := pipeline(cmds)
			var first *command
			name := ""
			for i, cmd := range cmds {
				if f := downloadedFile(cmd); f != "" && first == nil && shellword.PipedInto(pipes, i) == "" {
					first, name = &cmds[i], f
				}
			}
			if first == nil {
				return
			}
			for _, cmd := range cmds {
				if verifies(cmd) {
					c.Pass("the script checks what it downloads (%s)", cmd.prog())
					return
				}
			}
			c.FailAt(first.loc, "%s downloads %s and nothing in the script checks its checksum or signature; compare it with a pinned sha256 (sha256sum -c) before using it", first.prog(), name)
		},
	})
}

// installables are the file name endings of what gets unpacked, installed
// or run: archives, packages, scripts and installers.
var installables = []string{".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tar", ".zip", ".deb", ".rpm",
	".apk", ".sh", ".run", ".bin", ".jar", ".whl", ".msi", ".exe", ".appimage",
	".qcow2", ".img", ".iso", ".vmdk", ".vdi", ".ova", ".raw", ".raw.xz", ".img.xz"}

// downloadedFile is the installable file a curl or wget command saves, ""
// when it saves none (output to a pipe, a page, a config file).
func downloadedFile(cmd command) string {
	argv := cmd.argv()
	if len(argv) == 0 || !downloaders[argv[0]] {
		return ""
	}
	var out, url string
	for i := 1; i < len(argv); i++ {
		a := argv[i]
		switch {
		case (outputOpt(argv[0], a) || a == "--output" || a == "--output-document") && i+1 < len(argv):
			out = argv[i+1]
			i++
		case strings.HasPrefix(a, "--output=") || strings.HasPrefix(a, "--output-document="):
			_, out, _ = strings.Cut(a, "=")
		case strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://"):
			url = a
		}
	}
	name := out
	if name == "" || name == "-" {
		if out == "-" || argv[0] == "curl" && !hasOpt(argv, []string{"--remote-name"}, "O") {
			return "" // to standard output
		}
		name = path.Base(strings.SplitN(url, "?", 2)[0])
	}
	// Into a bin directory: a program, whatever its name.
	if strings.Contains(name, "/bin/") {
		return name
	}
	lower := strings.ToLower(name)
	for _, e := range installables {
		if strings.HasSuffix(lower, e) {
			return name
		}
	}
	return ""
}

// verifies reports a command that checks a checksum or a signature.
func verifies(cmd command) bool {
	argv := cmd.argv()
	if len(argv) == 0 {
		return false
	}
	switch argv[0] {
	case "sha256sum", "sha512sum", "sha384sum", "sha1sum", "md5sum", "shasum", "b2sum":
		return hasOpt(argv, []string{"--check"}, "c") || cmd.cond || cmd.pipeTo // -c, or compared: [ "$(sha256sum f)" = … ], sha256sum f | grep -q …
	case "gpg", "gpgv":
		return argv[0] == "gpgv" || hasOpt(argv, []string{"--verify"}, "")
	case "cosign", "minisign", "signify":
		return true
	case "rpm":
		return hasOpt(argv, []string{"--checksig"}, "K")
	case "openssl":
		return len(argv) > 1 && (argv[1] == "dgst" || argv[1] == "sha256")
	}
	return false
}

// outputOpt reports the option that names the output file, alone or last
// in a cluster of one-letter options: curl's -o (-fsSLo file), wget's -O.
func outputOpt(prog, a string) bool {
	if len(a) < 2 || a[0] != '-' || a[1] == '-' {
		return false
	}
	if prog == "wget" {
		return strings.HasSuffix(a, "O")
	}
	return strings.HasSuffix(a, "o")
}
