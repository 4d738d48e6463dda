package aws

import (
	"encoding/json"
	"fmt"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-iam-admin-policy",
		Item:     checklist.Provision,
		Severity: checklist.High,
		Title:    "IAM policies grant named actions on named resources, never * on *",
		Why: "A policy that allows every action on every resource makes whoever holds it an administrator of " +
			"the account: one leaked credential or one exploited workload can delete the databases, read " +
			"every secret and create users for later. Least privilege names what the role needs.",
		Fix: `data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.uploads.arn}/*"]
  }
}`,
		CloudFormationFix: `AppPolicy:
  Type: AWS::IAM::ManagedPolicy
  Properties:
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Action: [s3:GetObject, s3:PutObject]
          Resource: arn:aws:s3:::example-uploads/* # only what the app uses
`,
		CloudFormationFixes: map[string]string{
			"aws_iam_role_policy":  cfnInlinePolicyFix("Role"),
			"aws_iam_user_policy":  cfnInlinePolicyFix("User"),
			"aws_iam_group_policy": cfnInlinePolicyFix("Group"),
		},
		References: []string{
			doc("aws_iam_policy"),
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
		},
		Kinds: []string{"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy",
			"data.aws_iam_policy_document"},
		Check: checkAdminPolicy,
	})
}

func checkAdminPolicy(c *rules.Check) {
	var statements []infra.Value
	if c.R.Kind == "data.aws_iam_policy_document" {
		statements = c.R.Attrs.Blocks("statement")
	} else {
		v := c.R.Attrs.Get("policy")
		if !v.IsKnown() {
			for _, d := range c.Graph.Targets(c.R, "policy") {
				if d.Kind == "data.aws_iam_policy_document" {
					return // the document is graded itself
				}
			}
			c.Unknown("policy", v)
			return
		}
		text, _ := v.Str()
		var doc struct {
			Statement json.RawMessage
		}
		if json.Unmarshal([]byte(text), &doc) != nil {
			return // not JSON the rule can read (the provider validates it)
		}
		var list []map[string]any
		if json.Unmarshal(doc.Statement, &list) != nil {
			var one map[string]any
			if json.Unmarshal(doc.Statement, &one) != nil {
				return
			}
			list = []map[string]any{one}
		}
		for _, st := range list {
			statements = append(statements, jsonStatement(st))
		}
	}
	for i, st := range statements {
		effect := st.Get("effect")
		if !effect.IsKnown() {
			c.Unknown(fmt.Sprintf("%s.effect", policyPath(c, i)), effect)
			return
		}
		if e := knownStr(effect); e != "" && e != "Allow" {
			continue
		}
		acts, actsUnknown := star(st.Get("actions"))
		res, resUnknown := star(st.Get("resources"))
		switch {
		case acts && res:
			c.Fail(policyPath(c, i), "statement %d allows every action (*) on every resource (*), which makes its holder an administrator; name the actions and resources it needs", i)
			return
		case (acts || actsUnknown) && (res || resUnknown):
			// An action list or a resource list that cannot be resolved
			// might be "*": only that combination is undecided.
			c.UnknownBecause(fmt.Sprintf("statement %d: whether it allows * on * cannot be resolved without running Terraform", i))
			return
		}
	}
	c.Pass("no statement allows * on *")
}

// star reports whether a list holds "*", and whether it holds a value that
// cannot be resolved (which might be "*").
func star(v infra.Value) (has, unknown bool) {
	if !v.IsKnown() {
		return false, true
	}
	for _, e := range v.List() {
		switch {
		case !e.IsKnown():
			unknown = true
		case knownStr(e) == "*":
			has = true
		}
	}
	return has, unknown
}

func policyPath(c *rules.Check, i int) string {
	if c.R.Kind == "data.aws_iam_policy_document" {
		return fmt.Sprintf("statement[%d]", i)
	}
	return "policy"
}

// jsonStatement turns a JSON policy statement into the shape of an
// aws_iam_policy_document statement block (effect, actions, resources).
func jsonStatement(st map[string]any) infra.Value {
	list := func(x any) infra.Value {
		switch t := x.(type) {
		case string:
			return infra.ListValue([]infra.Value{infra.StringValue(t)})
		case []any:
			var items []infra.Value
			for _, e := range t {
				if s, ok := e.(string); ok {
					items = append(items, infra.StringValue(s))
				}
			}
			return infra.ListValue(items)
		}
		return infra.NullValue()
	}
	effect, _ := st["Effect"].(string)
	return infra.ObjectValue([]infra.Field{
		{Name: "effect", Value: infra.StringValue(effect)},
		{Name: "actions", Value: list(st["Action"])},
		{Name: "resources", Value: list(st["Resource"])},
	})
}

// cfnInlinePolicyFix is the fix for an inline policy of a role, user or
// group (AWS::IAM::<principal>'s Policies).
func cfnInlinePolicyFix(principal string) string {
	return principal + `:
  Type: AWS::IAM::` + principal + `
  Properties:
    # ...
    Policies:
      - PolicyName: app
        PolicyDocument:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: [s3:GetObject, s3:PutObject]
              Resource: arn:aws:s3:::example-uploads/* # only what the app uses
`
}
