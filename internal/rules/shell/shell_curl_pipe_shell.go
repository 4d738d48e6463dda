package shell

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/shellword"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "shell-curl-pipe-shell",
		Item:     checklist.Install,
		Severity: checklist.Medium,
		Title:    "Scripts do not pipe a download straight into a shell or interpreter (curl … | sh)",
		Why: "curl … | sh runs whatever the server sends, usually as root, with nothing checking it: a " +
			"compromised or hijacked host, or a script changed upstream, lands on every server or image built " +
			"after it, and a truncated download can run half a script. Download to a file, check its checksum or " +
			"signature, then run it.",
		Fix: `curl -fsSLo /tmp/install.sh https://example.com/install-1.2.3.sh
echo "<sha256>  /tmp/install.sh" | sha256sum -c -
sh /tmp/install.sh
rm /tmp/install.sh`,
		// The Dockerfile rule docker-run-curl-pipe-shell says the same of
		// RUN; no peer checks shell scripts for it (ShellCheck does not).
		Kinds: scriptKinds,
		Check: checkCurlPipeShell,
	})
}

func checkCurlPipeShell(c *rules.Check) {
	cmds := commands(c.R)
	pipes := pipeline(cmds)
	seen, failed := false, false
	for i, cmd := range cmds {
		if downloaders[cmd.prog()] {
			seen = true
			if to := shellword.PipedInto(pipes, i); to != "" {
				c.FailAt(cmd.loc, "%s's output is piped into %s, which runs it unverified; download to a file, check its sha256, then run it", cmd.prog(), to)
				failed = true
			}
		}
		if p, ok := runsDownload(cmd); ok {
			seen = true
			c.FailAt(cmd.loc, "%s runs what a command substitution downloads, unverified; download to a file, check its sha256, then run it", p)
			failed = true
		}
	}
	if seen && !failed {
		c.Pass("no download is piped into a shell")
	}
}

// pipeline is cmds as shellword reads pipelines, built once per check.
func pipeline(cmds []command) []shellword.Cmd {
	words := make([]shellword.Cmd, len(cmds))
	for j, c := range cmds {
		words[j] = shellword.Cmd{Argv: c.argv(), Depth: c.depth, PipedFrom: c.pipedFrom, PipeTo: c.pipeTo}
	}
	return words
}

// runsDownload reports a shell or eval running what a command substitution
// downloads: sh -c "$(curl …)", bash <(wget -O- …), eval "$(curl …)".
func runsDownload(cmd command) (string, bool) {
	if len(cmd.words) == 0 || !cmd.known[0] {
		return "", false
	}
	argv := cmd.argv()
	if len(argv) < 2 {
		return "", false
	}
	p := argv[0]
	if !shellword.PosixShells[p] && p != "eval" && p != "source" && p != "." {
		return "", false
	}
	for _, w := range cmd.exprs[len(cmd.exprs)-len(argv)+1:] {
		w = strings.Trim(strings.TrimSpace(w), `"'`)
		for _, d := range []string{"curl", "wget"} {
			for _, pre := range []string{"$(" + d + " ", "<(" + d + " ", "`" + d + " "} {
				if strings.HasPrefix(w, pre) {
					return p, true
				}
			}
		}
	}
	return "", false
}
