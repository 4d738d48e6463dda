package terraform

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "tf-required-version",
		Item:     checklist.Install,
		Severity: checklist.Low,
		Title:    "The root module constrains the Terraform version",
		Why: "Without required_version any Terraform release can run the configuration and upgrade the " +
			"state format, locking out teammates and pipelines on older versions, or meet language " +
			"changes that plan differently. A constraint makes the supported range explicit.",
		Fix: `terraform {
  required_version = ">= 1.6.0, < 2.0.0"
}`,
		References: []string{
			langDocs + "terraform",
			langDocs + "expressions/version-constraints",
		},
		Kinds: []string{"terraform"},
		Check: func(c *rules.Check) {
			if !isRoot(c) {
				return
			}
			v := c.R.Attrs.Get("required_version")
			switch {
			case !v.IsKnown():
				c.Unknown("required_version", v)
			case v.IsNull() || strings.TrimSpace(knownStr(v)) == "":
				c.Fail("required_version", "required_version is not set; constrain the Terraform version, e.g. \">= 1.6.0, < 2.0.0\"")
			default:
				c.Pass("required_version is %q", knownStr(v))
			}
		},
	})
}
