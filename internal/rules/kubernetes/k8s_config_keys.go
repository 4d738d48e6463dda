package kubernetes

import (
	"regexp"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-config-keys",
		Item:     checklist.Provision,
		Severity: checklist.High,
		Title:    "ConfigMap and Secret keys are names the API server accepts",
		Why: "Keys become file names when the ConfigMap or Secret is mounted, so the API server accepts only " +
			"letters, digits, '-', '_' and '.', at most 253 characters, and not '.' or '..'. A key with a '/' " +
			"(a path copied from the repository) or a space is refused and the apply fails; the same key in " +
			"data and binaryData is refused too.",
		Fix: `data:
  nginx.conf: |      # a file name, not a path such as conf/nginx.conf
    …`,
		References: []string{doc("concepts/configuration/configmap/#configmap-object")},
		Kinds:      []string{kindConfigMap, kindSecret},
		Check:      checkConfigKeyNames,
	})
}

var validConfigKey = regexp.MustCompile(`^[-._a-zA-Z0-9]+$`)

func checkConfigKeyNames(c *rules.Check) {
	seen := map[string]string{}
	failed, keys := false, 0
	for _, field := range []string{"data", "binaryData", "stringData"} {
		for _, f := range c.R.Attrs.Get(field).Fields() {
			keys++
			at := field + "[" + quote(f.Name) + "]"
			switch k := f.Name; {
			case len(k) > 253 || !validConfigKey.MatchString(k) || k == "." || k == "..":
				c.Fail(at, "key %q is not a valid key (letters, digits, '-', '_' and '.', no '/'); the API server refuses the %s", k, short(c.R.Kind))
				failed = true
			case seen[k] != "" && !(seen[k] == "data" && field == "stringData"):
				// stringData is merged into data on write, so a key in both is allowed.
				c.Fail(at, "key %q is in both %s and %s; the API server refuses the %s", k, seen[k], field, short(c.R.Kind))
				failed = true
			default:
				seen[k] = field
			}
		}
	}
	if !failed && keys > 0 {
		c.Pass("its %d keys are valid", keys)
	}
}
