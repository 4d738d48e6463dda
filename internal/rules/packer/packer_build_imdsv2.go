package packer

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "packer-build-imdsv2",
		Item:     checklist.Security,
		Severity: checklist.Low,
		Title:    "Packer's build instance requires IMDSv2 session tokens for instance metadata",
		Why: "The build instance runs every provisioner, downloads and package scripts with its instance " +
			"profile's credentials one GET away on the metadata service. IMDSv2 requires a session token " +
			"obtained with a PUT, which a forged request or an open proxy in what is being installed cannot " +
			"send; accounts that enforce IMDSv2 by policy refuse to launch the build otherwise.",
		Fix: `source "amazon-ebs" "app" {
  # ...
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
  imds_support = "v2.0" # and instances launched from the AMI default to IMDSv2
}`,
		References: []string{
			"https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/builder/ebs#metadata-settings",
			"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html",
		},
		Kinds: sourceKinds,
		Check: checkBuildIMDSv2,
	})
}

func checkBuildIMDSv2(c *rules.Check) {
	if !instanceBuilders[builderType(c.R)] {
		return
	}
	md := c.R.Attrs.Field("metadata_options")
	if !md.IsNull() && !md.IsKnown() {
		c.Unknown("metadata_options", md)
		return
	}
	// http_endpoint defaults to "enabled" and http_tokens to "optional"
	// (packer-plugin-amazon run_config: "Defaults to optional").
	if ep := md.Field("http_endpoint"); !ep.IsKnown() {
		c.Unknown("metadata_options.http_endpoint", ep)
		return
	} else if str(ep) == "disabled" {
		c.Pass("metadata_options.http_endpoint is disabled")
		return
	}
	tok := md.Field("http_tokens")
	switch {
	case !tok.IsKnown():
		c.Unknown("metadata_options.http_tokens", tok)
	case str(tok) == "required":
		c.Pass("metadata_options.http_tokens is required")
	case tok.IsNull():
		c.Fail("metadata_options", "metadata_options.http_tokens is not set, so it is \"optional\" and the build instance answers IMDSv1; set http_tokens = \"required\"")
	default:
		c.Fail("metadata_options.http_tokens", "metadata_options.http_tokens is %q, so the build instance answers IMDSv1; set it to \"required\"", str(tok))
	}
}
