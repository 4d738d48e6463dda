// Package secretname knows which environment variable names and values
// carry a secret. The Kubernetes, Compose and Dockerfile rules all ask it,
// so a name is a secret's (or a switch, or a reference to a file) in the
// same way wherever it is written; only the syntax of a variable
// reference differs by platform, and callers say what it is.
package secretname

import (
	"net/url"
	"regexp"
	"strings"
)

// secretWords make a name a secret's wherever they appear in it
// (MYSQL_ROOT_PASSWORD, PGPASSWORD, JWT_SECRET, AZURE_CREDENTIALS).
var secretWords = []string{"password", "passwd", "passphrase", "secret", "credential", "bearer"}

// keyWords make KEY a secret's when they come before it (API_KEY,
// PRIVATE_KEY, APIKEY); KEY alone is not enough (SORT_KEY, CACHE_KEY).
var keyWords = []string{"api", "access", "private", "signing", "encryption", "master", "auth", "client",
	"session", "account", "storage", "license", "shared", "app", "subscription"}

// Is reports a name that holds a secret: one with a secret word, one
// ending in PASS, PWD or PW after another word (DB_PASS, SMTP_PWD; a lone
// PWD is the working directory), a word ending in "token" (TOKEN,
// GITHUB_TOKEN, AUTHTOKEN, but not MAX_TOKENS or TOKENIZER), a credential
// key (API_KEY, AWS_SECRET_ACCESS_KEY), or a cloud provider's key variable.
// A name like one that only says where the secret is (IsReference) or
// switches something about it (IsSwitch) is still a secret's name here;
// callers judge those apart.
func Is(name string) bool {
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
	if n := len(words); n > 1 && (words[n-1] == "pass" || words[n-1] == "pwd" || words[n-1] == "pw") {
		return true
	}
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

// reference matches names that, despite a secret word, hold where a secret
// is or how it is used, not the secret itself: POSTGRES_PASSWORD_FILE,
// SECRET_NAME, PASSWORD_MIN_LENGTH, AUTH_TOKEN_TTL.
var reference = regexp.MustCompile(`(?i)[_.-](file|path|dir|name|ref|arn|id|url|uri|endpoint|host|port|` +
	`ttl|timeout|expiry|expires|expiration|lifetime|length|enabled|disabled|enable|header|type|algorithm|alg|` +
	`format|mount|location|audience|issuer|prefix|policy|mode|size|region|user|username|kind|version|store|provider|limit|count|method)$`)

// IsReference reports a secret-like name that holds a reference to the
// secret or a setting about it (see reference).
func IsReference(name string) bool { return reference.MatchString(name) }

// switchName matches switches about a password rather than a password:
// MYSQL_ALLOW_EMPTY_PASSWORD, MYSQL_RANDOM_ROOT_PASSWORD,
// PASSWORD_AUTHENTICATION.
var switchName = regexp.MustCompile(`(?i)(^|_)(allow_empty|random|generate|skip|require|disable|use|no)_?(root_)?(password|passwd|secret|token)|(password|secret|token)_?(auth|authentication|required|login)$`)

// IsSwitch reports a name that turns something about a secret on or off.
func IsSwitch(name string) bool { return switchName.MatchString(name) }

// injected mark values a secrets injector replaces at start-up (Vault
// agents, bank-vaults, vals, Berglas, 1Password, AWS, GCP and Azure secret
// references): the file holds a reference, not the secret.
var injected = []string{"vault:", "ref+", "berglas://", "sm://", "arn:aws:secretsmanager:", "arn:aws:ssm:", "gcp:secretmanager:", "op://"}

// Injected reports a value a secrets injector resolves.
func Injected(s string) bool {
	lower := strings.ToLower(s)
	for _, p := range injected {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return strings.HasSuffix(lower, "@azurekeyvault")
}

// privateKey matches the header of a PEM private key (RSA, EC, OPENSSH,
// PKCS#8, encrypted), whatever the variable is called; it is loose about
// the dashes, as keys pasted into YAML often lose some.
var privateKey = regexp.MustCompile(`-+\s*BEGIN\s+[A-Z0-9 ]*PRIVATE KEY\s*-+`)

// PrivateKey reports a value holding a PEM private key.
func PrivateKey(s string) bool { return privateKey.MatchString(s) }

// URLPassword reports a URL carrying a literal password
// (postgres://app:hunter2@db/app). isVar says whether a password is a
// variable reference in the platform's syntax, which is not literal.
func URLPassword(s string, isVar func(string) bool) bool {
	if !strings.Contains(s, "://") || !strings.Contains(s, "@") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return false
	}
	p, ok := u.User.Password()
	return ok && p != "" && !isVar(p)
}

// Switch reports a value that turns something on or off rather than
// authenticates (USE_TOKEN=true).
func Switch(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "true", "false", "yes", "no", "on", "off", "0", "1", "none", "null":
		return true
	}
	return false
}

// FilePath reports a value that is a path to a file (/run/secrets/db),
// where a secret is read from, not a secret.
func FilePath(s string) bool {
	return strings.HasPrefix(s, "/") && strings.Count(s, "/") >= 2 && !strings.ContainsAny(s, "+= ")
}
