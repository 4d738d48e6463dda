package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ec2-imdsv2",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "EC2 instances require IMDSv2 session tokens for instance metadata",
		Why: "With IMDSv1 any server-side request forgery in the application can read the instance " +
			"role's credentials from the metadata service with one GET. IMDSv2 requires a session token " +
			"obtained with a PUT, which SSRF and most open proxies cannot send.",
		Fix: `resource "aws_launch_template" "app" {
  # ...
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }
}`,
		References: []string{
			doc("aws_instance"),
			doc("aws_launch_template"),
			"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html",
			"CKV_AWS_79",
			"AVD-AWS-0028",
			"AVD-AWS-0130",
		},
		Kinds: []string{"aws_instance", "aws_launch_template", "aws_launch_configuration"},
		Check: func(c *rules.Check) {
			// http_endpoint defaults to "enabled"; with it disabled there is no
			// metadata service to abuse.
			ep, ok := strAt(c, "metadata_options.http_endpoint", "enabled")
			if !ok {
				return
			}
			if ep == "disabled" {
				c.Pass("metadata_options.http_endpoint is disabled")
				return
			}
			// http_tokens: "Defaults to optional" (provider docs, aws_instance
			// and aws_launch_configuration); a launch template that omits it
			// leaves the launch default, which is optional for most AMIs.
			tok, ok := strAt(c, "metadata_options.http_tokens", "")
			switch {
			case !ok:
			case tok == "required":
				c.Pass("metadata_options.http_tokens is required")
			case tok == "":
				c.Fail("metadata_options", "metadata_options.http_tokens is not set, so IMDSv1 stays available; set http_tokens = \"required\"")
			default:
				c.Fail("metadata_options.http_tokens", "metadata_options.http_tokens is %s; set it to \"required\"", tok)
			}
		},
	})
}
