package packer

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "packer-ami-public",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "AMIs baked by Packer are not shared with everyone",
		Why: "ami_groups = [\"all\"] (or snapshot_groups) makes the image public: any AWS account can " +
			"launch it or copy its disk and read what the build left there — application code, " +
			"configuration, keys and tokens a provisioner wrote. Share an image with the accounts that " +
			"run it (ami_users, ami_org_arns, ami_ou_arns) instead.",
		Fix: `source "amazon-ebs" "app" {
  # ...
  # ami_groups = ["all"]     # public: remove
  ami_users    = ["123456789012"] # the accounts that launch it
  # or: ami_org_arns = ["arn:aws:organizations::111122223333:organization/o-123example"]
}`,
		References: []string{
			"https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/builder/ebs#ami_groups",
			"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html",
		},
		Kinds: sourceKinds,
		Check: checkAMIPublic,
	})
}

func checkAMIPublic(c *rules.Check) {
	if !sharingBuilders[builderType(c.R)] {
		return
	}
	// ami_groups and snapshot_groups: "By default no groups have
	// permission"; "all" is the only group AWS accepts and makes the image
	// (or its snapshots) public.
	public := false
	for _, attr := range []string{"ami_groups", "snapshot_groups"} {
		v := c.R.Attrs.Field(attr)
		if !v.IsKnown() {
			c.Unknown(attr, v)
			return
		}
		for _, g := range v.List() {
			if !g.IsKnown() {
				c.Unknown(attr, g)
				return
			}
			if str(g) == "all" {
				c.FailAt(c.R.LocOf(g), "%s includes \"all\": the image is public to every AWS account; share it with ami_users or ami_org_arns", attr)
				public = true
			}
		}
		if s := str(v); s == "all" { // a legacy template may write a string
			c.Fail(attr, "%s is \"all\": the image is public to every AWS account; share it with ami_users or ami_org_arns", attr)
			public = true
		}
	}
	if !public {
		c.Pass("ami_groups and snapshot_groups do not include \"all\"")
	}
}
