package kubernetes

import (
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/secretname"
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
				if secretname.Is(name) && !secretname.IsReference(name) {
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
	case secretname.PrivateKey(s):
		return "set to a literal private key"
	case secretname.URLPassword(s, func(pw string) bool { return strings.Contains(pw, "$(") }):
		return "a URL with a literal password in it"
	case !secretname.Is(name) || secretname.IsReference(name) || secretname.IsSwitch(name) || isReferenceValue(s):
		return ""
	}
	return "set to a literal value"
}

// isReferenceValue reports values that are not secrets themselves: a
// switch (true, yes, 1), another variable ($(DB_PASSWORD), which
// Kubernetes expands), a file path, or a reference a secrets injector
// resolves.
func isReferenceValue(s string) bool {
	return secretname.Switch(s) || isVarRef(s) || secretname.FilePath(s) || secretname.Injected(s)
}

// isVarRef reports a Kubernetes variable reference, $(NAME).
func isVarRef(s string) bool { return strings.HasPrefix(s, "$(") && strings.HasSuffix(s, ")") }
