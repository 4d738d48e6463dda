package shell

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/secretname"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "shell-secret-echo",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Scripts do not print secrets to their output",
		Why: "What a provisioning script prints is kept: Packer's and Ansible's logs, CI job logs, cloud-init's " +
			"output on the instance. An echo of a password or token puts the secret in all of them, readable by " +
			"anyone who can read a build log.",
		Fix: `# write it where it is needed, never to the log:
printf '%s' "$DB_PASSWORD" > /etc/app/db-password
chmod 600 /etc/app/db-password`,
		References: []string{"https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-secrets"},
		Kinds:      scriptKinds,
		Check: func(c *rules.Check) {
			seen, failed := false, false
			for _, cmd := range commands(c.R) {
				p := cmd.prog()
				if p != "echo" && p != "printf" {
					continue
				}
				seen = true
				if cmd.toFile || cmd.pipeTo {
					continue // written to a file or handed to a program, not printed
				}
				if v := echoedSecret(cmd); v != "" {
					c.FailAt(cmd.loc, "%s prints %s, a secret, to the script's output, which build and run logs keep; write it to a file with restricted permissions instead", p, v)
					failed = true
				}
			}
			if seen && !failed {
				c.Pass("no echo or printf prints a secret-named variable")
			}
		},
	})
}

// echoedSecret is the first variable with a secret's name ($DB_PASSWORD,
// ${API_TOKEN}) an echo or printf expands, "" when none.
func echoedSecret(cmd command) string {
	for i, e := range cmd.exprs {
		if cmd.known[i] {
			continue
		}
		for _, v := range expandedVars(e) {
			if secretname.Is(v) && !secretname.IsReference(v) && !secretname.IsSwitch(v) {
				return "$" + v
			}
		}
	}
	return ""
}

// expandedVars lists the names of the variables a word expands ($X, ${X},
// ${X:-d}, and the Jinja {{ x }} an Ansible task templates in); command
// substitutions are not looked into.
func expandedVars(w string) []string {
	var out []string
	for i := 0; i < len(w); i++ {
		var rest string
		switch {
		case w[i] == '$' && i+1 < len(w):
			rest = w[i+1:]
			if rest[0] == '{' {
				rest = rest[1:]
			}
		case strings.HasPrefix(w[i:], "{{"):
			rest = strings.TrimLeft(w[i+2:], " ")
		default:
			continue
		}
		n := 0
		for n < len(rest) && (rest[n] == '_' || rest[n] >= 'A' && rest[n] <= 'Z' || rest[n] >= 'a' && rest[n] <= 'z' || n > 0 && rest[n] >= '0' && rest[n] <= '9') {
			n++
		}
		if n > 0 {
			out = append(out, rest[:n])
		}
	}
	return out
}
