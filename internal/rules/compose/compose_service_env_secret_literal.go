package compose

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-env-secret-literal",
		Item:     checklist.Security,
		Severity: checklist.Critical,
		Title:    "Secrets reach services as Compose secrets (files under /run/secrets), never as literal environment values",
		Why: "A password or token written in the compose file (or the .env beside it) is in the repository's " +
			"history for good and in every copy of the project, cannot be rotated without a commit, and is shown " +
			"by docker inspect to anyone with access to the Docker API and inherited by every child process. A " +
			"Compose secret keeps it out of the code and out of the environment: the service reads a file.",
		Fix: `environment:
  POSTGRES_PASSWORD_FILE: /run/secrets/db_password
secrets: [db_password]
# top level:
secrets:
  db_password:
    environment: DB_PASSWORD   # or file: ./db_password.txt, kept out of the repository`,
		References: []string{
			"https://docs.docker.com/compose/how-tos/use-secrets/",
			secDoc("secrets"), secDoc("environment"),
		},
		Kinds: serviceKinds,
		Check: secCheckEnvSecretLiteral,
	})
}

// secCheckEnvSecretLiteral flags environment entries whose value is a
// literal secret: a variable named like one (and not like a reference to
// one, POSTGRES_PASSWORD_FILE) with a value that is not a path or a
// reference, a PEM private key, or a URL with a password in it. A value
// from a variable that has no value in the project (${DB_PASSWORD}, set
// where Compose runs) is no literal. Values are never printed.
//
// The loader gives values after interpolation, so a value read from the
// project's .env is judged like one written in the file: both are in the
// project's files.
func secCheckEnvSecretLiteral(c *rules.Check) {
	failed := false
	for _, f := range c.R.Attrs.Get("environment").Fields() {
		v := f.Value
		if !v.IsKnown() || v.IsNull() {
			continue
		}
		why := secLiteralSecret(f.Name, v)
		if why == "" {
			continue
		}
		failed = true
		c.Fail(infra.Path{"environment", f.Name}.String(), "environment %s is %s (in the compose file or its .env); pass it as a Compose secret and point the service at the file (%s_FILE=/run/secrets/…) where it supports one", f.Name, why, f.Name)
	}
	if !failed {
		c.Pass("no environment variable holds a literal secret")
	}
}
