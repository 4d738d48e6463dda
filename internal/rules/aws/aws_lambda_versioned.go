package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-lambda-versioned",
		Item:     checklist.Deploy,
		Severity: checklist.Medium,
		Title:    "Lambda functions publish versions and are served through an alias",
		Why: "An unpublished function has only $LATEST, which every apply replaces in place: a bad release reaches " +
			"every invocation at once (API calls, schedules and event source mappings alike) and rolling back " +
			"means building and applying the old code again. Published versions behind an aws_lambda_alias make a " +
			"rollback one alias update, and let the alias (routing_config) or CodeDeploy shift traffic gradually.",
		Fix: `resource "aws_lambda_function" "api" {
  # ...
  publish = true
}

resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.api.function_name
  function_version = aws_lambda_function.api.version
}
# and point callers (API Gateway integrations, event source mappings,
# permissions) at aws_lambda_alias.live.arn`,
		CloudFormationFix: `Function:
  Type: AWS::Lambda::Function
  Properties:
    # ...
Version: # publishes a version; a new one only when this resource is replaced (SAM's AutoPublishAlias publishes on every code change)
  Type: AWS::Lambda::Version
  Properties:
    FunctionName: !Ref Function
Alias:
  Type: AWS::Lambda::Alias
  Properties:
    Name: live
    FunctionName: !Ref Function
    FunctionVersion: !GetAtt Version.Version
# and point callers (API Gateway integrations, event source mappings,
# permissions) at !Ref Alias
`,
		References: []string{
			doc("aws_lambda_function"),
			doc("aws_lambda_alias"),
			"https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html",
			"https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html",
		},
		Kinds:         []string{"aws_lambda_function"},
		CrossResource: true, // the aliases that point at it
		Check:         checkLambdaVersioned,
	})
}

func checkLambdaVersioned(c *rules.Check) {
	// publish: "Whether to publish creation/change as new Lambda Function
	// Version. Defaults to false." (provider docs)
	publish, ok := boolAt(c, "publish", false)
	if !ok {
		return
	}
	var serving, latest []*infra.Resource
	for _, a := range c.Graph.Pointing(c.R, "aws_lambda_alias", "function_name", "function_name") {
		fv := a.Attrs.Get("function_version")
		switch {
		case knownStr(fv) == "$LATEST":
			latest = append(latest, a)
		case lambdaAliasFollowsFunction(c, a):
			// function_version = aws_lambda_function.x.version: the
			// latest published version, or "$LATEST" when nothing is
			// published.
			if publish {
				serving = append(serving, a)
			} else {
				latest = append(latest, a)
			}
		case !fv.IsKnown():
			c.UnknownIn(a, "function_version", fv)
			return
		default:
			serving = append(serving, a)
		}
	}
	switch {
	case len(serving) > 0 && publish:
		c.Pass("publish is true and %s serves a published version", serving[0].Address)
	case len(serving) > 0:
		c.Pass("%s serves version %s, published outside this configuration", serving[0].Address, knownStr(serving[0].Attrs.Get("function_version")))
	case len(latest) > 0:
		a := latest[0]
		if publish {
			c.FailAt(attrLoc(a, "function_version"), "%s points at $LATEST, so it moves with every apply; set function_version to %s.version", a.Address, c.R.Address)
			return
		}
		c.Fail("publish", "publish is not true, so %s can only point at $LATEST, which every apply replaces in place; set publish = true and function_version = %s.version", a.Address, c.R.Address)
	case publish:
		// Lambda@Edge takes numbered versions only, never an alias
		// (CloudFront developer guide, restrictions on Lambda@Edge): the
		// distribution's association is what rolls back.
		if cf := c.Graph.Referrers(c.R, "aws_cloudfront_distribution", ""); len(cf) > 0 {
			c.Pass("publish is true and %s invokes a published version (Lambda@Edge)", cf[0].Address)
			return
		}
		missingUnlessUnresolved(c, "aws_lambda_alias", "function_name", "function_name",
			"publish is true but no aws_lambda_alias points at %s, so callers invoke $LATEST and a rollback means re-deploying old code; add an alias on the published version", c.R.Address)
	case c.R.Origin == infra.OriginCloudFormation:
		c.Fail("publish", "no AWS::Lambda::Version publishes the function (in SAM: no AutoPublishAlias), so every deployment replaces $LATEST in place with no version to roll back to; publish versions and serve them through an AWS::Lambda::Alias")
	case c.R.Attrs.Get("publish").IsNull():
		c.Fail("publish", "publish is not set (defaults to false), so every apply replaces $LATEST in place with no version to roll back to; set publish = true and serve the function through an aws_lambda_alias")
	default:
		c.Fail("publish", "publish is false, so every apply replaces $LATEST in place with no version to roll back to; set publish = true and serve the function through an aws_lambda_alias")
	}
}

// lambdaAliasFollowsFunction reports an alias whose function_version is
// computed from the checked function (its version attribute).
func lambdaAliasFollowsFunction(c *rules.Check, alias *infra.Resource) bool {
	for _, t := range c.Graph.Targets(alias, "function_version") {
		if t == c.R {
			return true
		}
	}
	return false
}
