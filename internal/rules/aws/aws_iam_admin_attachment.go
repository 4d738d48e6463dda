package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-iam-admin-attachment",
		Item:     checklist.Provision,
		Severity: checklist.High,
		Title:    "Roles, users and groups are not given the AdministratorAccess managed policy",
		Why: "AdministratorAccess allows every action on every resource: a workload role or CI user that holds " +
			"it turns one leaked credential or one exploited dependency into control of the whole account. " +
			"Grant what the role does, in a policy of its own.",
		Fix: `resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.app.arn   # scoped to what the app does
}`,
		CloudFormationFix: `Role:
  Type: AWS::IAM::Role
  Properties:
    # ...
    ManagedPolicyArns:
      - !Ref AppPolicy # an AWS::IAM::ManagedPolicy scoped to what the app does
`,
		CloudFormationFixes: map[string]string{
			"aws_iam_user_policy_attachment": `User:
  Type: AWS::IAM::User
  Properties:
    # ...
    ManagedPolicyArns:
      - !Ref AppPolicy # an AWS::IAM::ManagedPolicy scoped to what the app does
`,
			"aws_iam_group_policy_attachment": `Group:
  Type: AWS::IAM::Group
  Properties:
    # ...
    ManagedPolicyArns:
      - !Ref AppPolicy # an AWS::IAM::ManagedPolicy scoped to what the app does
`,
		},
		References: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
			// cfn_nag W43 reads roles' ManagedPolicyArns only; this rule also reads users
			// and groups.
			"cfn-nag: W43",
		},
		Kinds: []string{"aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment",
			"aws_iam_policy_attachment"},
		Check: func(c *rules.Check) {
			if v := c.R.Attrs.Get("policy_arn"); !v.IsKnown() {
				// A policy of the stack (aws_iam_policy.app.arn) is not the
				// AWS-managed AdministratorAccess; aws-iam-admin-policy grades it.
				if ps := c.Graph.Targets(c.R, "policy_arn"); len(ps) > 0 {
					c.Pass("it attaches %s, a policy of the stack", ps[0].Address)
					return
				}
			}
			arn, ok := strAt(c, "policy_arn", "")
			if !ok || arn == "" {
				return
			}
			if strings.HasSuffix(arn, ":policy/AdministratorAccess") {
				c.Fail("policy_arn", "the AdministratorAccess policy is attached, which allows every action on every resource; attach a policy scoped to what it does")
				return
			}
			c.Pass("the attached policy is not AdministratorAccess")
		},
	})
}
