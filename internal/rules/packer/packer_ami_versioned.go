package packer

import (
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "packer-ami-versioned",
		Item:     checklist.Deploy,
		Severity: checklist.Medium,
		Title:    "Each Packer build makes a new AMI with a unique, versioned name",
		Why: "An AMI name must be unique in the account and region. With a fixed ami_name the second build " +
			"fails, or with force_deregister it deletes the image running instances and launch templates were " +
			"made from: there is no previous image to roll back to, and two servers launched a day apart run " +
			"different code under one name. A version or timestamp in the name keeps every build and makes " +
			"rollback a change of AMI id.",
		Fix: `source "amazon-ebs" "app" {
  # ...
  ami_name = "app-${var.version}-${formatdate("YYYYMMDDhhmmss", timestamp())}"
  # and no force_deregister = true
}`,
		References: []string{
			"https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/builder/ebs#ami_name",
			"https://developer.hashicorp.com/packer/docs/templates/hcl_templates/functions/datetime/timestamp",
		},
		Kinds: sourceKinds,
		Check: checkAMIVersioned,
	})
}

// runUnique are the reasons the loader gives for a value Packer makes
// fresh for each build: the clock, a random UUID, the build's own id.
var runUnique = []string{"the time Packer runs", "a random UUID", "{{timestamp", "{{isotime", "{{uuid",
	"{{.BuildUUID", "build.ID", "build.PackerRunUUID"}

// versionLike matches a version or date written into a name: 1.2, 20240501,
// v3, 2024-05-01.
var versionLike = regexp.MustCompile(`(?i)(^|[^a-z0-9])v?[0-9]+([._-][0-9]+)+|[0-9]{6,}|(^|[^a-z])v[0-9]+`)

func checkAMIVersioned(c *rules.Check) {
	if !amiBuilders[builderType(c.R)] {
		return
	}
	name := c.R.Attrs.Field("ami_name")
	if name.IsNull() {
		return // Packer refuses an amazon-ebs source without ami_name
	}
	force := c.R.Attrs.Field("force_deregister")
	if !name.IsKnown() {
		for _, u := range runUnique {
			if strings.Contains(name.Why(), u) || strings.Contains(name.Expr(), u) {
				c.Pass("ami_name %s is made anew for each build", name.Expr())
				return
			}
		}
		c.Unknown("ami_name", name)
		return
	}
	s := str(name)
	// Packer's amazon plugin still renders the legacy template engine in
	// ami_name, in HCL2 templates too: "app-{{timestamp}}".
	for _, u := range runUnique {
		if strings.HasPrefix(u, "{{") && strings.Contains(strings.ReplaceAll(s, " ", ""), u) {
			c.Pass("ami_name %q is made anew for each build", s)
			return
		}
	}
	for _, ref := range c.R.Refs {
		if ref.Attr == "ami_name" && strings.HasPrefix(ref.To, "var.") {
			c.Pass("ami_name %q takes %s, set for each build", s, ref.To)
			return
		}
	}
	if versionLike.MatchString(s) {
		c.Pass("ami_name %q carries a version", s)
		return
	}
	if isTrue(force) {
		c.Fail("force_deregister", "ami_name is the fixed %q and force_deregister is true: each build deletes the previous image; put a version or timestamp() in the name and drop force_deregister", s)
		return
	}
	// force_deregister defaults to false: a second build with the same
	// name fails ("AMI Name: … is used by an existing AMI").
	c.Fail("ami_name", "ami_name is the fixed %q: the next build fails on the name, or deletes this image if force_deregister is set; put a version or timestamp() in the name", s)
}
