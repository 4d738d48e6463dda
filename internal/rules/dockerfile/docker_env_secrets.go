package dockerfile

import (
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/secretname"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-env-secrets",
		Item:     checklist.Security,
		Severity: checklist.Critical,
		Title:    "ENV and ARG do not set secrets (passwords, tokens, keys) to literal values",
		Why: "A value written in ENV is stored in the image's configuration and an ARG default in its build " +
			"history: anyone who can pull the image reads it with docker inspect or docker history, and it is " +
			"also in the Dockerfile in version control. Rotating it means rebuilding every image. Secrets belong " +
			"in the runtime environment or a secrets manager, and build-time secrets in a secret mount.",
		Fix: `# build time: the secret is mounted for this RUN only, never stored in a layer
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
# run time: leave it out of the image and pass it when the container starts
#   docker run -e DB_PASSWORD ... / Compose secrets: or environment:`,
		// No peer id: Trivy AVD-DS-0031 and BuildKit's SecretsUsedInArgOrEnv
		// judge the name alone (ARG GITHUB_TOKEN with no value fails
		// there); this rule fails a literal value, which is certain to
		// be stored.
		References: []string{
			"https://docs.docker.com/build/building/secrets/",
			"https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/",
		},
		Kinds: stageKinds,
		Check: checkEnvSecrets,
	})
}

// isSecretName reports a variable name that holds a secret (PASSWORD,
// GITHUB_TOKEN, API_KEY, …), not a path, address or switch about one
// (PASSWORD_FILE, TOKEN_URL, MYSQL_RANDOM_ROOT_PASSWORD).
func isSecretName(name string) bool {
	return secretname.Is(name) && !secretname.IsReference(name) && !secretname.IsSwitch(name)
}

// onlyReference matches a value that is nothing but variable references
// ($DB_PASSWORD, ${TOKEN}): it carries a value given at build or run time
// and writes none.
var onlyReference = regexp.MustCompile(`^(\$[A-Za-z_][A-Za-z0-9_]*|\$\{[A-Za-z_][A-Za-z0-9_]*\})+$`)

func checkEnvSecrets(c *rules.Check) {
	seen, failed := false, false
	for _, in := range instructions(c.R) {
		switch in.cmd {
		case "ENV":
			a := words(in.v.Get("args"))
			for k := 0; k+1 < len(a); k += 3 {
				if !secretname.Is(a[k]) {
					continue
				}
				seen = true
				if isSecretName(a[k]) && isLiteralSecret(a[k+1]) {
					c.Fail(in.path, "ENV %s is set to a literal value, which is stored in the image config for anyone who pulls it; pass it at run time instead", a[k])
					failed = true
				}
			}
		case "ARG":
			for _, w := range words(in.v.Get("args")) {
				name, def, hasDef := strings.Cut(w, "=")
				if !secretname.Is(name) {
					continue
				}
				seen = true
				if hasDef && isSecretName(name) && isLiteralSecret(def) {
					c.Fail(in.path, "ARG %s has a literal default, which is written in the Dockerfile and the image's build history; use RUN --mount=type=secret for build-time secrets", name)
					failed = true
				}
			}
		}
	}
	if seen && !failed {
		c.Pass("no ENV or ARG sets a secret-like name to a literal value")
	}
}

// isLiteralSecret reports a value that writes a secret: not empty, not a
// bare variable reference, not an on/off switch.
func isLiteralSecret(v string) bool {
	v = strings.TrimSpace(unquote(v))
	return !onlyReference.MatchString(v) && !secretname.Switch(v) && !secretname.FilePath(v) && !secretname.Injected(v)
}
