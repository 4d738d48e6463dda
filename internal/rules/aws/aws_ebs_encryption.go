package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ebs-encryption",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "EBS volumes are encrypted",
		Why: "An unencrypted volume, and every snapshot taken of it, can be read by anyone who can copy or " +
			"share the snapshot; a snapshot made public or shared with the wrong account leaks the data in " +
			"clear. Encryption is free and transparent to the instance.",
		Fix: `resource "aws_ebs_volume" "data" {
  # ...
  encrypted  = true
  kms_key_id = aws_kms_key.main.arn
}`,
		CloudFormationFix: `Volume:
  Type: AWS::EC2::Volume
  Properties:
    # ...
    Encrypted: true
    KmsKeyId: !GetAtt Key.Arn
`,
		References: []string{
			doc("aws_ebs_volume"), "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html", "CKV_AWS_3", "AVD-AWS-0026",
			"cfn-nag: F1",
		},
		Kinds:         []string{"aws_ebs_volume"},
		CrossResource: true, // an aws_ebs_encryption_by_default of the component
		Check: func(c *rules.Check) {
			if c.R.Attrs.Get("encrypted").IsNull() {
				for _, d := range c.Graph.OfKind("aws_ebs_encryption_by_default") {
					if b, ok := d.Attrs.Get("enabled").Bool(); ok && b || d.Attrs.Get("enabled").IsNull() {
						c.Pass("%s encrypts every new volume of the region", d.Address)
						return
					}
				}
			}
			if !c.R.Attrs.Get("snapshot_id").IsNull() && c.R.Attrs.Get("encrypted").IsNull() {
				c.UnknownBecause("the volume is restored from a snapshot, whose encryption it inherits; set encrypted = true to be sure")
				return
			}
			// encrypted defaults to false unless the account enables EBS
			// encryption by default, which the code does not show.
			requireBool(c, boolWant{
				path: "encrypted", def: false, want: true,
				pass:      "encrypted is true",
				failUnset: "encrypted is not set, so the volume is encrypted only if the account enables encryption by default; set encrypted = true",
				fail:      "encrypted is false; set encrypted = true",
			})
		},
	})
}
