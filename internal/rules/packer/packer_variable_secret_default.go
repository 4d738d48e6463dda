package packer

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/secretname"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "packer-variable-secret-default",
		Item:     checklist.Configure,
		Severity: checklist.Critical,
		Title:    "Packer variables that hold secrets have no literal default",
		Why: "A password, token or key written as a variable's default is committed with the template: " +
			"everyone who can read the repository, its forks and its CI logs has it, it is the same in every " +
			"environment, and rotating it means a commit. Give secrets at build time from a secret store " +
			"(vault(), aws_secretsmanager(), a PKR_VAR_ environment variable set by CI) and mark them sensitive.",
		Fix: `variable "db_password" {
  type      = string
  sensitive = true
  # no default: CI sets PKR_VAR_db_password from its secret store
}
# or read it where it is used:
# local "db_password" {
#   expression = aws_secretsmanager("app/db", "password")
#   sensitive  = true
# }`,
		References: []string{
			"https://developer.hashicorp.com/packer/docs/templates/hcl_templates/variables#a-note-about-sensitive-variables",
			"https://developer.hashicorp.com/packer/guides/hcl/variables",
		},
		Kinds: variableKinds,
		Check: checkVariableSecretDefault,
	})
}

func checkVariableSecretDefault(c *rules.Check) {
	name := c.R.Name
	def := c.R.Attrs.Field("default")
	text := str(def)
	namedSecret := secretname.Is(name) && !secretname.IsReference(name) && !secretname.IsSwitch(name)
	holdsKey := def.Kind() == infra.String && (secretname.PrivateKey(text) || secretname.URLPassword(text, func(string) bool { return false }))
	if !namedSecret && !isTrue(c.R.Attrs.Field("sensitive")) && !holdsKey {
		return
	}
	switch {
	case def.IsNull():
		c.Pass("var.%s has no default: it is given at build time", name)
	case !def.IsKnown():
		c.Unknown("default", def)
	case holdsKey:
		c.Fail("default", "var.%s has a literal default holding a private key or a URL with a password; remove the default and give it at build time from a secret store", name)
	case def.Kind() != infra.String, secretname.Switch(text), secretname.FilePath(text), secretname.Injected(text):
		c.Pass("var.%s's default is not a secret value", name)
	case text == "vagrant":
		// The public, documented credentials of every Vagrant base box:
		// known to all by design, not a secret to keep.
		c.Pass("var.%s's default is Vagrant's well-known base box credential", name)
	case strings.Contains(text, "{{"):
		// A legacy template's default may read the secret when Packer
		// runs: {{env `X`}}, {{vault `path` `key`}}, {{aws_secretsmanager …}}.
		c.Pass("var.%s's default is read when Packer runs", name)
	default:
		c.Fail("default", "var.%s has a literal default, so the secret is committed with the template; remove the default and give it at build time from a secret store", name)
	}
}
