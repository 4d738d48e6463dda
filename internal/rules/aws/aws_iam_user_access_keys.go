package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-iam-user-access-keys",
		Item:     checklist.Provision,
		Severity: checklist.Medium,
		Title:    "Workloads use IAM roles, not IAM users with long-lived access keys",
		Why: "An access key created by Terraform is a long-lived credential: it sits in the state file, gets " +
			"copied into CI variables and laptops, and works from anywhere until someone remembers to rotate " +
			"it. Roles (instance profiles, task roles, IRSA, OIDC for CI) hand out short-lived credentials " +
			"instead.",
		Fix: `resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = data.aws_iam_policy_document.app_assume.json
}
# and no aws_iam_access_key for a user`,
		CloudFormationFix: `User:
  Type: AWS::IAM::User
  Properties:
    # ...
# and no AWS::IAM::AccessKey for the user: the workload runs with a role
AppRole:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Principal:
            Service: ecs-tasks.amazonaws.com # the service the workload runs on
          Action: sts:AssumeRole
`,
		References:    []string{doc("aws_iam_access_key"), "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles"},
		Kinds:         []string{"aws_iam_user"},
		CrossResource: true, // the access keys made for the user
		Check: func(c *rules.Check) {
			if keys := c.Graph.Referrers(c.R, "aws_iam_access_key", "user"); len(keys) > 0 {
				c.FailAt(keys[0].Loc, "%s makes a long-lived access key for %s; give the workload an IAM role instead", keys[0].Address, c.R.Address)
				return
			}
			c.Pass("no access key is made for the user")
		},
	})
}
