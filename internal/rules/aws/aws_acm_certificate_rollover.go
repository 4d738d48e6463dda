package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-acm-certificate-rollover",
		Item:     checklist.Deploy,
		Severity: checklist.Medium,
		Title:    "ACM certificates are replaced create-before-destroy",
		Why: "Changing a certificate's domain names, key algorithm or validation method replaces it. By default " +
			"Terraform destroys the old certificate first, which ACM refuses while a listener, distribution or API " +
			"domain still uses it: the apply fails or hangs until it times out, and the change cannot ship. With " +
			"create_before_destroy the new certificate is issued, the users are switched to it, then the old one is deleted.",
		Fix: `resource "aws_acm_certificate" "www" {
  # ...
  lifecycle {
    create_before_destroy = true
  }
}`,
		CloudFormationFix: `Certificate:
  Type: AWS::CertificateManager::Certificate
  # ... nothing to add: when an update replaces the certificate, CloudFormation
  # creates the new one and points its users at it before deleting the old one
`,
		References: []string{
			doc("aws_acm_certificate"),
			"https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#create_before_destroy",
			"CKV_AWS_233",
		},
		Kinds: []string{"aws_acm_certificate"},
		Check: func(c *rules.Check) {
			if c.R.Origin == "plan" || c.R.Origin == "state" {
				// Plans and states do not record lifecycle meta-arguments.
				c.UnknownBecause("a " + c.R.Origin + " does not record lifecycle settings; scan the .tf files to see create_before_destroy")
				return
			}
			// create_before_destroy is false unless written (Terraform's default).
			requireBool(c, boolWant{
				path: "lifecycle.create_before_destroy", def: false, want: true,
				pass:        "lifecycle.create_before_destroy is true",
				failUnset:   "lifecycle.create_before_destroy is not set (default false), so replacing the certificate first tries to delete it while it is in use; set it to true",
				failUnsetAt: "lifecycle",
				fail:        "lifecycle.create_before_destroy is false, so replacing the certificate first tries to delete it while it is in use; set it to true",
			})
		},
	})
}
