package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-lambda-log-group",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "Lambda functions write to a CloudWatch log group that the stack declares",
		Why: "When no log group is declared, Lambda creates /aws/lambda/<function name> on the first invocation: " +
			"outside Terraform, with logs kept forever, no KMS key and nothing to delete it with the stack. " +
			"Declaring the group makes retention, encryption and ownership part of the code, and makes it exist " +
			"before the first log line.",
		Fix: `resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/lambda/${aws_lambda_function.api.function_name}"
  retention_in_days = 30
}`,
		CloudFormationFix: `Function:
  Type: AWS::Lambda::Function
  Properties:
    # ...
LogGroup:
  Type: AWS::Logs::LogGroup
  Properties:
    LogGroupName: !Sub /aws/lambda/${Function} # the group Lambda writes to by default
    RetentionInDays: 30
`,
		References: []string{
			doc("aws_lambda_function"),
			doc("aws_cloudwatch_log_group"),
			"https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html",
		},
		Kinds:         []string{"aws_lambda_function"},
		CrossResource: true, // the log group named after it
		Check:         checkLambdaLogGroup,
	})
}

// lambdaLogGroupKinds are the kinds that evidence a log group: one the stack
// creates, or one it reads (which therefore exists before the function).
var lambdaLogGroupKinds = []string{"aws_cloudwatch_log_group", "data.aws_cloudwatch_log_group"}

func checkLambdaLogGroup(c *rules.Check) {
	// logging_config.log_group: where the function logs; when it is not set
	// Lambda uses /aws/lambda/<function name> and creates the group on the
	// first invocation if it does not exist (Lambda developer guide,
	// "Configuring CloudWatch log groups").
	custom := c.R.Attrs.Get("logging_config.log_group")
	if !custom.IsKnown() {
		if g := rules.ReferencedBy(c.Graph, c.R, "logging_config.log_group", lambdaLogGroupKinds...); len(g) > 0 {
			c.Pass("logging_config.log_group names %s", g[0].Address)
			return
		}
		// Unknown here, but a group declared under the default name still
		// shows the stack owns the function's logs when log_group is unset.
		if g := lambdaDefaultLogGroup(c); g != nil {
			c.Pass("%s is the function's log group", g.Address)
			return
		}
		c.Unknown("logging_config.log_group", custom)
		return
	}
	if name := knownStr(custom); name != "" {
		for _, k := range lambdaLogGroupKinds {
			if g := c.Graph.Index(k, "name").Known[name]; len(g) > 0 {
				c.Pass("logging_config.log_group names %s", g[0].Address)
				return
			}
		}
		if g := lambdaUnresolvedLogGroup(c, false); g != nil {
			c.UnknownIn(g, "name", g.Attrs.Get("name"))
			return
		}
		c.UnknownBecause("logging_config.log_group names a log group that no aws_cloudwatch_log_group of this component declares; unless another stack creates it, Lambda creates it on the first invocation with no retention")
		return
	}
	if g := lambdaDefaultLogGroup(c); g != nil {
		c.Pass("%s is the function's log group", g.Address)
		return
	}
	if g := lambdaUnresolvedLogGroup(c, true); g != nil {
		c.UnknownIn(g, "name", g.Attrs.Get("name"))
		return
	}
	fn := c.R.Attrs.Get("function_name")
	if s := knownStr(fn); s != "" && fn.IsKnown() {
		c.Missing("no aws_cloudwatch_log_group is named /aws/lambda/%s, so Lambda creates it on the first invocation, outside %s, with no retention and no KMS key; declare it", s, managerOf(c))
		return
	}
	c.Missing("no aws_cloudwatch_log_group is named after %s (/aws/lambda/<function_name>), so Lambda creates it on the first invocation, outside %s, with no retention and no KMS key; declare it", c.R.Address, managerOf(c))
}

// lambdaDefaultLogGroup finds the log group named /aws/lambda/<function
// name>: by the known name, by a name computed from the function
// ("/aws/lambda/${aws_lambda_function.x.function_name}"), or by a name
// written in the same module as "/aws/lambda/${E}" where E is the plain
// expression of the function's own unknown function_name (var.name on
// both: one value, whatever it is).
func lambdaDefaultLogGroup(c *rules.Check) *infra.Resource {
	fn := c.R.Attrs.Get("function_name")
	if s := knownStr(fn); s != "" && fn.IsKnown() {
		for _, k := range lambdaLogGroupKinds {
			ix := c.Graph.Index(k, "name")
			// Lambda@Edge replicas log to /aws/lambda/us-east-1.<name>.
			for _, want := range []string{"/aws/lambda/" + s, "/aws/lambda/us-east-1." + s} {
				if g := ix.Known[want]; len(g) > 0 {
					return g[0]
				}
			}
		}
	}
	for _, k := range lambdaLogGroupKinds {
		if g := c.Graph.Referrers(c.R, k, "name"); len(g) > 0 {
			return g[0]
		}
	}
	if fn.IsKnown() || !fn.IsPlainExpr() {
		return nil
	}
	for _, k := range lambdaLogGroupKinds {
		for _, g := range c.Graph.Index(k, "name").All {
			if lambdaLogGroupNamedAfter(g, c.R) {
				return g
			}
		}
	}
	return nil
}

// lambdaLogGroupNamedAfter reports a log group whose unknown name is
// written, in the function's module instance, as "/aws/lambda/…${E}" where
// E is the plain expression of the function's own unknown function_name.
func lambdaLogGroupNamedAfter(g, fn *infra.Resource) bool {
	name, fnName := g.Attrs.Get("name"), fn.Attrs.Get("function_name")
	if name.IsKnown() || fnName.IsKnown() || !fnName.IsPlainExpr() || g.Module != fn.Module {
		return false
	}
	e := name.Expr()
	return strings.Contains(e, "/aws/lambda/") && strings.Contains(e, "${"+fnName.Expr()+"}\"")
}

// lambdaUnresolvedLogGroup returns a log group whose name is not known
// and might be the function's: it is not computed from another function
// and, when defaultName, is not a string that starts with anything but
// /aws/lambda/. Nil when there is none.
func lambdaUnresolvedLogGroup(c *rules.Check, defaultName bool) *infra.Resource {
	for _, k := range lambdaLogGroupKinds {
		for _, g := range c.Graph.Index(k, "name").All {
			if lambdaLogGroupOfOther(c, g) {
				continue
			}
			e := g.Attrs.Get("name").Expr()
			if defaultName && strings.HasPrefix(e, "\"") && !strings.HasPrefix(e, "\"/aws/lambda/") {
				continue
			}
			return g
		}
	}
	return nil
}

// lambdaLogGroupOfOther reports a log group whose name is computed from
// another Lambda function, or written after another one's name.
func lambdaLogGroupOfOther(c *rules.Check, g *infra.Resource) bool {
	for _, t := range c.Graph.Targets(g, "name") {
		if t.Kind == "aws_lambda_function" && t != c.R {
			return true
		}
	}
	for _, f := range c.Graph.OfKind("aws_lambda_function") {
		if f != c.R && lambdaLogGroupNamedAfter(g, f) {
			return true
		}
	}
	return false
}
