package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-secretsmanager-rotation",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Secrets Manager secrets are rotated automatically",
		Why: "A credential that never changes stays valid for as long as anyone who ever saw it keeps a copy: a leaked " +
			"log line, a former employee's laptop, an old backup. Automatic rotation bounds that window and proves, " +
			"every cycle, that the applications can pick up a new value without an outage. Database passwords that " +
			"RDS manages itself (manage_master_user_password) are rotated by RDS and are not aws_secretsmanager_secret " +
			"resources; a third-party API key needs a rotation function that calls its vendor's API.",
		Fix: `resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = aws_lambda_function.rotate_db.arn
  rotation_rules {
    automatically_after_days = 30
  }
}`,
		CloudFormationFix: `Secret:
  Type: AWS::SecretsManager::Secret
  Properties:
    # ...
SecretRotation:
  Type: AWS::SecretsManager::RotationSchedule
  Properties:
    SecretId: !Ref Secret
    RotationLambdaARN: !GetAtt RotationFunction.Arn
    RotationRules:
      AutomaticallyAfterDays: 30
`,
		References: []string{
			doc("aws_secretsmanager_secret_rotation"),
			"https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html",
			"CKV2_AWS_57",
		},
		Kinds:         []string{"aws_secretsmanager_secret"},
		CrossResource: true, // an aws_secretsmanager_secret_rotation whose secret_id names it
		Check: func(c *rules.Check) {
			const kind = "aws_secretsmanager_secret_rotation"
			// secret_id takes the secret's ARN or its name (provider docs).
			// A rotation resource turns rotation on: rotation_enabled is
			// computed, and rotation_rules is required.
			for _, nameAttr := range []string{"arn", "name"} {
				if rs := pointers(c, kind, "secret_id", nameAttr); len(rs) > 0 {
					c.Pass("%s rotates it", rs[0].Address)
					return
				}
			}
			if u := secretRotationUnresolved(c); u != nil {
				c.UnknownIn(u, "secret_id", u.Attrs.Get("secret_id"))
				return
			}
			c.Missing("no aws_secretsmanager_secret_rotation has secret_id pointing at %s, so the secret is never rotated", c.R.Address)
		},
	})
}

// secretRotationUnresolved returns a rotation whose secret_id cannot be
// resolved and references no resource of the component: it may rotate the
// checked secret.
func secretRotationUnresolved(c *rules.Check) *infra.Resource {
	return edgeUnresolved(c.Graph, "aws_secretsmanager_secret_rotation", "secret_id")
}
