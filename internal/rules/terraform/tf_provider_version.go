package terraform

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "tf-provider-version",
		Item:     checklist.Install,
		Severity: checklist.Medium,
		Title:    "Every required provider has a version constraint",
		Why: "A provider without a version constraint resolves to the newest release whenever the lock " +
			"file is created or upgraded, including new major versions that rename attributes, change " +
			"defaults and plan replacements of live resources.",
		Fix: `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}`,
		References: []string{
			langDocs + "providers/requirements",
			langDocs + "expressions/version-constraints",
		},
		Kinds: []string{"terraform"},
		Check: func(c *rules.Check) {
			rp := c.R.Attrs.Field("required_providers")
			if !rp.IsKnown() {
				c.Unknown("required_providers", rp)
				return
			}
			if rp.Len() == 0 {
				if isRoot(c) && usesProviders(c) {
					c.Fail("required_providers", "required_providers is not set, so every provider floats to its newest version; declare each with a version constraint")
				}
				return // a child module's providers are pinned by the root
			}
			var missing []string
			for _, f := range rp.Fields() {
				v := f.Value
				if v.Kind() == infra.Object {
					v = v.Field("version")
				}
				// The legacy form `aws = "~> 5.0"` is the constraint itself.
				if !v.IsKnown() {
					c.Unknown("required_providers."+f.Name+".version", v)
					return
				}
				if strings.TrimSpace(knownStr(v)) == "" {
					missing = append(missing, f.Name)
				}
			}
			if len(missing) > 0 {
				c.Fail("required_providers."+missing[0], "required_providers %s has no version constraint; add version = \"~> X.Y\"", strings.Join(missing, ", "))
				return
			}
			c.Pass("every required provider has a version constraint")
		},
	})
}
