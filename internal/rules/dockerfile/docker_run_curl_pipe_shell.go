package dockerfile

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/shellword"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-run-curl-pipe-shell",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "RUN does not pipe a download straight into a shell or interpreter (curl … | sh)",
		Why: "curl … | sh runs whatever the server sends, as root, at build time, with nothing checking it: a " +
			"compromised or hijacked host, or a script changed upstream, ends up in the image on the next " +
			"build. A truncated download can even run half a script. Download to a file, check its checksum or " +
			"signature, then run it.",
		Fix: `RUN curl -fsSLo /tmp/install.sh https://example.com/install-1.2.3.sh \
 && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \
 && sh /tmp/install.sh && rm /tmp/install.sh`,
		// No peer: Checkov's RunUnsafeCurl/Wget look for disabled TLS
		// checks, and Trivy AVD-DS-0014 for curl and wget used together.
		References:    []string{"https://docs.docker.com/build/building/best-practices/#run"},
		Kinds:         stageKinds,
		CrossResource: true, // the stages it is built on, in the same Dockerfile
		Check:         checkCurlPipeShell,
	})
}

// downloaders are the programs whose output is a download.
var downloaders = map[string]bool{"curl": true, "wget": true}

func checkCurlPipeShell(c *rules.Check) {
	seen, failed := false, false
	for _, ru := range runs(c.Graph, c.R) {
		for i, sc := range ru.cmds {
			if downloaders[sc.prog()] {
				seen = true
				if to := pipedInto(ru.cmds, i); to != "" {
					c.Fail(ru.path, "%s output is piped into %s, which runs it unverified; download to a file, check its sha256, then run it", sc.prog(), to)
					failed = true
					break
				}
			}
			if runsDownload(sc) {
				seen = true
				c.Fail(ru.path, "%s runs a script downloaded by a command substitution, unverified; download to a file, check its sha256, then run it", sc.prog())
				failed = true
				break
			}
		}
	}
	if seen && !failed {
		c.Pass("no download is piped into a shell")
	}
}

// pipedInto returns the shell or interpreter that reads the output of
// cmds[i] as a program further down its pipeline, "" when none does.
func pipedInto(cmds []shellCmd, i int) string {
	words := make([]shellword.Cmd, len(cmds))
	for j, c := range cmds {
		words[j] = shellword.Cmd{Argv: c.argv(), Depth: c.depth, PipedFrom: c.pipedFrom, PipeTo: c.pipeTo}
	}
	return shellword.PipedInto(words, i)
}

// runsDownload reports a shell or eval that runs what a command
// substitution downloads: sh -c "$(curl …)", bash <(wget -O- …),
// eval "$(curl …)".
func runsDownload(sc shellCmd) bool {
	argv := sc.argv()
	if len(argv) < 2 {
		return false
	}
	p := argv[0]
	if !shellword.PosixShells[p] && p != "eval" && p != "source" && p != "." {
		return false
	}
	for _, w := range argv[1:] {
		for _, d := range []string{"curl", "wget"} {
			for _, pre := range []string{"$(" + d + " ", "<(" + d + " ", "`" + d + " "} {
				if strings.HasPrefix(strings.TrimSpace(w), pre) {
					return true
				}
			}
		}
	}
	return false
}
