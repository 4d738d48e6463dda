package shell

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "shell-download-tls-verification",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Scripts verify TLS certificates when they download (no curl -k, wget --no-check-certificate)",
		Why: "A download that skips certificate checks accepts whatever answers on the network path: on a " +
			"build network or a cloud VPC a spoofed mirror or proxy can hand the server a backdoored package or " +
			"binary, which then runs as root. Fix the trust store (install the CA) instead of turning the check off.",
		Fix: `# install the CA the server's certificate chains to, then download with checks on:
cp corp-ca.crt /usr/local/share/ca-certificates/ && update-ca-certificates
curl -fsSLo /tmp/app.tar.gz https://artifacts.example.com/app-1.2.3.tar.gz`,
		References: []string{"https://curl.se/docs/sslcerts.html"},
		Kinds:      scriptKinds,
		Check: func(c *rules.Check) {
			seen, failed := false, false
			for _, cmd := range commands(c.R) {
				what, checks := insecureTLS(cmd)
				if !checks {
					continue
				}
				seen = true
				if what != "" {
					c.FailAt(cmd.loc, "%s turns certificate checks off (%s); install the CA it needs and keep verification on", cmd.prog(), what)
					failed = true
				}
			}
			if seen && !failed {
				c.Pass("downloads verify TLS certificates")
			}
		},
	})
}

// insecureTLS says how a command turns TLS verification off ("" when it
// does not); checks is false for a command that makes no TLS connection
// the rule knows of.
func insecureTLS(cmd command) (what string, checks bool) {
	argv := cmd.argv()
	if len(argv) == 0 {
		return "", false
	}
	switch argv[0] {
	case "curl":
		if hasOpt(argv, []string{"--insecure"}, "k") {
			return "-k/--insecure", true
		}
		return "", true
	case "wget":
		if hasOpt(argv, []string{"--no-check-certificate"}, "") {
			return "--no-check-certificate", true
		}
		return "", true
	case "pip", "pip3":
		if hasOpt(argv, []string{"--trusted-host"}, "") {
			return "--trusted-host", true
		}
		return "", isPipInstall(argv)
	case "git":
		for i, a := range argv {
			if a == "-c" && i+1 < len(argv) && strings.EqualFold(argv[i+1], "http.sslVerify=false") {
				return "-c http.sslVerify=false", true
			}
			if a == "config" && i+2 < len(argv) && strings.EqualFold(argv[len(argv)-2], "http.sslVerify") && strings.EqualFold(argv[len(argv)-1], "false") {
				return "http.sslVerify false", true
			}
		}
		return "", false
	case "npm", "yarn":
		if len(argv) >= 4 && argv[1] == "config" && argv[2] == "set" {
			if strings.EqualFold(argv[3], "strict-ssl") && len(argv) >= 5 && argv[4] == "false" || strings.EqualFold(argv[3], "strict-ssl=false") {
				return "strict-ssl false", true
			}
		}
		return "", false
	}
	return "", false
}

func isPipInstall(argv []string) bool {
	for _, a := range argv[1:] {
		if !strings.HasPrefix(a, "-") {
			return a == "install" || a == "download"
		}
	}
	return false
}
