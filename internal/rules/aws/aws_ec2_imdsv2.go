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
		Fixes: map[string]string{
			"aws_instance": `resource "aws_instance" "web" {
  # ...
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }
}`,
			"aws_launch_configuration": `# Launch configurations are deprecated: move to a launch template. Until then:
resource "aws_launch_configuration" "app" {
  # ...
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }
}`,
		},
		CloudFormationFix: `LaunchTemplate:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      # ...
      MetadataOptions:
        HttpEndpoint: enabled
        HttpTokens: required
`,
		CloudFormationFixes: map[string]string{
			"aws_instance": `Instance:
  Type: AWS::EC2::Instance
  Properties:
    # ...
    MetadataOptions:
      HttpEndpoint: enabled
      HttpTokens: required
`,
			"aws_launch_configuration": `# Launch configurations are deprecated: move to a launch template. Until then:
LaunchConfiguration:
  Type: AWS::AutoScaling::LaunchConfiguration
  Properties:
    # ...
    MetadataOptions:
      HttpEndpoint: enabled
      HttpTokens: required
`,
		},
		References: []string{
			doc("aws_instance"),
			doc("aws_launch_template"),
			"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html",
			doc("aws_ec2_instance_metadata_defaults"),
			"CKV_AWS_79",
			"AVD-AWS-0028",
			"AVD-AWS-0130",
		},
		Kinds:         []string{"aws_instance", "aws_launch_template", "aws_launch_configuration"},
		CrossResource: true,
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
			// When http_tokens is omitted, EC2 picks it at launch: "required" if
			// the AMI declares ImdsSupport v2.0 and the account default has no
			// preference, else "optional" (EC2 API, InstanceMetadataOptionsRequest).
			// An account-wide aws_ec2_instance_metadata_defaults in this
			// configuration settles it; the AMI alone is not something to rely on.
			tok, ok := strAt(c, "metadata_options.http_tokens", "")
			if !ok {
				return
			}
			if tok == "" {
				for _, d := range c.Graph.OfKind("aws_ec2_instance_metadata_defaults") {
					v := d.Attrs.Get("http_tokens")
					if !v.IsKnown() {
						c.UnknownIn(d, "http_tokens", v)
						return
					}
					if s, _ := v.Str(); s == "required" {
						c.Pass("metadata_options.http_tokens is not set; %s requires tokens account-wide", d.Address)
						return
					}
				}
			}
			switch tok {
			case "required":
				c.Pass("metadata_options.http_tokens is required")
			case "":
				c.Fail("metadata_options", "metadata_options.http_tokens is not set, so IMDSv1 stays available unless the AMI happens to require tokens; set http_tokens = \"required\"")
			default:
				c.Fail("metadata_options.http_tokens", "metadata_options.http_tokens is %s; set it to \"required\"", tok)
			}
		},
	})
}
