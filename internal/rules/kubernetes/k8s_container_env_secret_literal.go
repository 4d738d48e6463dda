package kubernetes

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-env-secret-literal",
		Item:     checklist.Security,
		Severity: checklist.Critical,
		Title:    "Secrets reach containers from Secret objects or a secrets manager, never as literal env values",
		Why: "A password or token written into a manifest is in the repository's history forever, in every " +
			"rendered copy, and readable by anyone who can get the Deployment: it cannot be rotated without a " +
			"commit, and it leaks with the code. A Secret reference (or an External Secrets, Vault or CSI source) " +
			"keeps the value out of the code and under access control.",
		Fix: `env:
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef: {name: db, key: password}   # a Secret, e.g. synced by External Secrets`,
		References: []string{
			doc("concepts/configuration/secret/#using-secrets-as-environment-variables"),
			"Polaris: sensitiveContainerEnvVar", "kube-linter: env-var-secret",
		},
		Kinds: podKinds,
		Check: checkEnvSecretLiteral,
	})
}

// secretWords make a variable name a secret's wherever they appear in it
// (MYSQL_ROOT_PASSWORD, PGPASSWORD, JWT_SECRET, AZURE_CREDENTIALS).
var secretWords = []string{"password", "passwd", "passphrase", "secret", "credential", "bearer"}

// keyWords make KEY a secret's when they come before it (API_KEY,
// PRIVATE_KEY, APIKEY); KEY alone is not enough (SORT_KEY, CACHE_KEY).
var keyWords = []string{"api", "access", "private", "signing", "encryption", "master", "auth", "client",
	"session", "account", "storage", "license", "shared", "app", "subscription"}

// isSecretEnvName reports an environment variable name that holds a
// secret: one with a secret word, a word ending in "token" (TOKEN,
// GITHUB_TOKEN, AUTHTOKEN, but not MAX_TOKENS or TOKENIZER), a credential
// key, or a cloud provider's key variable.
func isSecretEnvName(name string) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, "initial_cluster_token") {
		// etcd's cluster token only keeps clusters apart; it is no credential.
		return false
	}
	for _, w := range secretWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	if lower == "oci_cli_key_content" || strings.HasPrefix(lower, "azure_") && strings.HasSuffix(lower, "key") {
		return true
	}
	words := strings.FieldsFunc(lower, func(r rune) bool { return !('a' <= r && r <= 'z' || '0' <= r && r <= '9') })
	for i, w := range words {
		if strings.HasSuffix(w, "token") {
			return true
		}
		for _, k := range keyWords {
			if w == k+"key" || w == "key" && i > 0 && words[i-1] == k {
				return true
			}
		}
	}
	return false
}

// referenceEnvName matches names of variables that, despite the word
// secret or token, hold where a secret is or how it is used, not the
// secret itself: TOKEN_FILE, SECRET_NAME, PASSWORD_MIN_LENGTH, AUTH_TOKEN_TTL.
var referenceEnvName = regexp.MustCompile(`(?i)[_.-](file|path|dir|name|ref|arn|id|url|uri|endpoint|host|port|` +
	`ttl|timeout|expiry|expires|expiration|lifetime|length|enabled|disabled|enable|header|type|algorithm|alg|` +
	`format|mount|location|audience|issuer|prefix|policy|mode|size|region|user|username|kind|version|store|provider|limit|count)$`)

// injectedPrefixes mark values a secrets injector replaces at start-up
// (bank-vaults, vals, Berglas, AWS and GCP secret references): the
// manifest holds a reference, not the secret.
var injectedPrefixes = []string{"vault:", "ref+", "berglas://", "sm://", "arn:aws:secretsmanager:", "arn:aws:ssm:", "gcp:secretmanager:"}

// privateKeyPEM matches the header of a PEM private key (RSA, EC,
// OPENSSH, PKCS#8, encrypted), whatever the variable is called; it is
// loose about the dashes, as keys pasted into YAML often lose some.
var privateKeyPEM = regexp.MustCompile(`-+\s*BEGIN\s+[A-Z0-9 ]*PRIVATE KEY\s*-+`)

// checkEnvSecretLiteral flags env entries whose literal value is a secret:
// a variable named like one (and not like a reference to one) with a
// value that is not a reference, a PEM private key, or a URL with a
// password in it. Values are never printed.
func checkEnvSecretLiteral(c *rules.Check) {
	cts := containers(c.R)
	failed, unknown := false, false
	for _, ct := range cts {
		for i, e := range ct.v.Get("env").List() {
			name := str(e.Get("name"))
			v := e.Get("value")
			path := fmt.Sprintf("%s.env[%d].value", ct.path, i)
			if v.IsNull() || !e.Get("valueFrom").IsNull() {
				continue
			}
			if !v.IsKnown() {
				if isSecretEnvName(name) && !referenceEnvName.MatchString(name) {
					c.Unknown(path, v)
					unknown = true
				}
				continue
			}
			if why := literalSecret(name, v); why != "" {
				failed = true
				c.Fail(path, "env %s of %s is %s; read it from a Secret (valueFrom.secretKeyRef) or a secrets manager", name, describeContainer(ct), why)
			}
		}
	}
	if len(cts) > 0 && !failed && !unknown {
		c.Pass("no environment variable holds a literal secret")
	}
}

// literalSecret says why an env value is a literal secret, or "".
func literalSecret(name string, v infra.Value) string {
	s, _ := v.Str()
	s = strings.TrimSpace(s)
	switch {
	case privateKeyPEM.MatchString(s):
		return "set to a literal private key"
	case urlPassword(s):
		return "a URL with a literal password in it"
	case !isSecretEnvName(name) || referenceEnvName.MatchString(name) || isReferenceValue(s):
		return ""
	}
	return "set to a literal value"
}

// isReferenceValue reports values that are not secrets themselves: empty,
// a boolean, another variable ($(DB_PASSWORD), which Kubernetes expands),
// a file path, or a reference a secrets injector resolves.
func isReferenceValue(s string) bool {
	switch strings.ToLower(s) {
	case "", "true", "false":
		return true
	}
	if strings.HasPrefix(s, "$(") && strings.HasSuffix(s, ")") {
		return true
	}
	if strings.HasPrefix(s, "/") && strings.Count(s, "/") >= 2 && !strings.ContainsAny(s, "+= ") {
		return true
	}
	if strings.HasSuffix(s, "@azurekeyvault") {
		return true
	}
	for _, p := range injectedPrefixes {
		if strings.HasPrefix(strings.ToLower(s), p) {
			return true
		}
	}
	return false
}

// urlPassword reports a URL carrying a literal password
// (postgres://app:hunter2@db/app); one taken from another variable
// ($(DB_PASSWORD)) is not literal.
func urlPassword(s string) bool {
	if !strings.Contains(s, "://") || !strings.Contains(s, "@") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return false
	}
	p, ok := u.User.Password()
	return ok && p != "" && !strings.Contains(p, "$(")
}
