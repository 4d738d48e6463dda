package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-efs-encryption",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "EFS file systems are encrypted at rest",
		Why: "An unencrypted file system keeps everything its clients write in clear on AWS's storage and in " +
			"its backups; encryption cannot be turned on later without copying the data to a new file system.",
		Fix: `resource "aws_efs_file_system" "shared" {
  encrypted  = true
  kms_key_id = aws_kms_key.main.arn
}`,
		CloudFormationFix: `FileSystem:
  Type: AWS::EFS::FileSystem
  Properties:
    # ...
    Encrypted: true # set at creation only: changing it replaces the file system
    KmsKeyId: !GetAtt Key.Arn
`,
		References: []string{
			doc("aws_efs_file_system"), "https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html", "CKV_AWS_42", "AVD-AWS-0037",
			"cfn-nag: F32",
		},
		Kinds: []string{"aws_efs_file_system"},
		Check: func(c *rules.Check) {
			requireBool(c, boolWant{
				path: "encrypted", def: false, want: true,
				pass:      "encrypted is true",
				failUnset: "encrypted is not set (default false), and it cannot be turned on later; set encrypted = true",
				fail:      "encrypted is false, and it cannot be turned on later; set encrypted = true",
			})
		},
	})
}
