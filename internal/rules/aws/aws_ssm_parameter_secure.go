package aws

import (
	"path"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/secretname"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ssm-parameter-secure",
		Item:     checklist.Configure,
		Severity: checklist.High,
		Title:    "Parameters that hold secrets are SecureString",
		Why: "A String parameter is stored unencrypted and shown in clear to anyone who may read parameters, in " +
			"the console and in CloudTrail; a password kept there is readable by far more people than it " +
			"should be. SecureString encrypts it with KMS and needs decrypt permission to read.",
		Fix: `resource "aws_ssm_parameter" "db_password" {
  name  = "/shop/db/password"
  type  = "SecureString"
  value = random_password.db.result
}`,
		CloudFormationFix: `# CloudFormation cannot create a SecureString parameter: keep the secret in
# Secrets Manager, and in Parameter Store only where to find it (code can
# also read the secret as /aws/reference/secretsmanager/<name>).
DatabasePassword:
  Type: AWS::SecretsManager::Secret
  Properties:
    Name: shop/db/password
    GenerateSecretString:
      PasswordLength: 32
DatabasePasswordArn:
  Type: AWS::SSM::Parameter
  Properties:
    Name: /shop/db/password-secret-arn
    Type: String
    Value: !Ref DatabasePassword # Ref of a secret is its ARN, not its value
`,
		References: []string{doc("aws_ssm_parameter"), "https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html"},
		Kinds:      []string{"aws_ssm_parameter"},
		Check: func(c *rules.Check) {
			name, ok := strAt(c, "name", "")
			if !ok {
				return
			}
			base := path.Base(name)
			if !secretname.Is(base) || secretname.IsReference(base) || secretname.IsSwitch(base) {
				return // not named like a secret
			}
			typ, ok := strAt(c, "type", "")
			if !ok {
				return
			}
			if typ == "SecureString" {
				c.Pass("parameter %s is a SecureString", name)
				return
			}
			c.Fail("type", "parameter %s is named like a secret but is a %s, stored and shown in clear; make it a SecureString", name, typ)
		},
	})
}
