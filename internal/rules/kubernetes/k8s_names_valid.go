package kubernetes

import (
	"regexp"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-names-valid",
		Item:     checklist.Provision,
		Severity: checklist.High,
		Title:    "Object and container names are names the API server accepts",
		Why: "Names become DNS names, label values and parts of the names of the objects a controller creates, " +
			"so the API server refuses the ones that cannot be: upper-case letters or underscores, a Service " +
			"name that does not start with a letter or is longer than 63 characters, a CronJob name longer than " +
			"52 (its Jobs add a suffix), a container name longer than 63. The apply fails, often only for the " +
			"environment whose templated name happens to be long.",
		Fix: `metadata:
  name: checkout-api   # lower-case letters, digits and '-'`,
		References: []string{doc("concepts/overview/working-with-objects/names/")},
		Kinds:      labelledKinds,
		Check:      checkNames,
	})
}

var (
	dns1123Subdomain = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)
	dns1123Label     = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	dns1035Label     = regexp.MustCompile(`^[a-z]([-a-z0-9]*[a-z0-9])?$`)
)

// nameRule is how the API server validates the name of a kind: most take
// a DNS subdomain (253 characters); these take less.
func nameRule(kind string) (re *regexp.Regexp, max int, form string) {
	switch kind {
	case kindService:
		return dns1035Label, 63, "a DNS label starting with a letter"
	case "core/Namespace":
		return dns1123Label, 63, "a DNS label"
	case "batch/CronJob":
		return dns1123Subdomain, 52, "a DNS subdomain of at most 52 characters"
	}
	return dns1123Subdomain, 253, "a DNS subdomain"
}

func checkNames(c *rules.Check) {
	v := c.R.Attrs.Get("metadata.name")
	if !v.IsKnown() {
		c.Unknown("metadata.name", v)
		return
	}
	failed := false
	if name := str(v); name != "" {
		re, max, form := nameRule(c.R.Kind)
		if len(name) > max || !re.MatchString(name) {
			c.Fail("metadata.name", "name %q is not %s (lower-case letters, digits and '-', at most %d characters), so the API server refuses the %s", name, form, max, short(c.R.Kind))
			failed = true
		}
	}
	for _, ct := range containers(c.R) {
		n := ct.v.Get("name")
		if !n.IsKnown() {
			c.Unknown(ct.path+".name", n)
			return
		}
		if name := str(n); len(name) > 63 || !dns1123Label.MatchString(name) {
			c.Fail(ct.path+".name", "container name %q is not a DNS label (lower-case letters, digits and '-', at most 63 characters), so the API server refuses the pod", name)
			failed = true
		}
	}
	if !failed {
		c.Pass("its name and its containers' names are valid")
	}
}
