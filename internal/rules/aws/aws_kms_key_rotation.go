package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-kms-key-rotation",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Customer-managed KMS keys rotate their key material",
		Why: "Key material that never rotates protects everything ever encrypted with it for as long as the key " +
			"lives: one leak exposes years of data, and compliance regimes require rotation. Automatic rotation " +
			"is transparent to every service that uses the key.",
		Fix: `resource "aws_kms_key" "main" {
  description         = "data at rest"
  enable_key_rotation = true
}`,
		CloudFormationFix: `Key:
  Type: AWS::KMS::Key
  Properties:
    # ...
    Description: data at rest
    EnableKeyRotation: true
`,
		References: []string{
			doc("aws_kms_key"), "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html", "CKV_AWS_7", "AVD-AWS-0065",
			"cfn-nag: F19",
		},
		Kinds: []string{"aws_kms_key"},
		Check: func(c *rules.Check) {
			spec, ok := strAt(c, "customer_master_key_spec", "SYMMETRIC_DEFAULT")
			if !ok || spec != "SYMMETRIC_DEFAULT" {
				return // asymmetric and HMAC keys cannot rotate automatically
			}
			// key_usage defaults to ENCRYPT_DECRYPT; signing and MAC keys
			// cannot rotate automatically whatever their spec says.
			usage, ok := strAt(c, "key_usage", "ENCRYPT_DECRYPT")
			if !ok || usage != "ENCRYPT_DECRYPT" {
				return
			}
			requireBool(c, boolWant{
				path: "enable_key_rotation", def: false, want: true,
				pass:      "enable_key_rotation is true",
				failUnset: "enable_key_rotation is not set (default false); set enable_key_rotation = true",
				fail:      "enable_key_rotation is false; set enable_key_rotation = true",
			})
		},
	})
}
