package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-lambda-runtime",
		Item:     checklist.Install,
		Severity: checklist.High,
		Title:    "Lambda functions run on a supported runtime",
		Why: "A deprecated runtime gets no security patches, and AWS then blocks creating and updating functions " +
			"on it: the next deploy of a fix fails. It also pins the code to a language version that its " +
			"libraries are leaving behind.",
		Fix: `resource "aws_lambda_function" "resize" {
  # ...
  runtime = "nodejs22.x"   # or python3.13, java21, dotnet8, provided.al2023
}`,
		CloudFormationFix: `Function:
  Type: AWS::Lambda::Function
  Properties:
    # ...
    Runtime: nodejs22.x # or python3.13, java21, dotnet8, provided.al2023
`,
		References: []string{
			doc("aws_lambda_function"), "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtimes-deprecated",
			// cfn-lint splits deprecation by date: W2531 deprecated, E2531 creation
			// blocked, E2533 update blocked; this rule fails all three.
			"cfn-lint: W2531",
			"cfn-lint: E2531",
			"cfn-lint: E2533",
		},
		Kinds: []string{"aws_lambda_function"},
		Check: func(c *rules.Check) {
			if knownStr(c.R.Attrs.Get("package_type")) == "Image" {
				return // a container image brings its own runtime
			}
			rt, ok := strAt(c, "runtime", "")
			if !ok || rt == "" {
				return
			}
			if deprecatedRuntimes[rt] {
				c.Fail("runtime", "runtime %s is deprecated: it gets no security patches and AWS blocks updating functions on it; move to a supported runtime", rt)
				return
			}
			c.Pass("runtime %s is supported", rt)
		},
	})
}

// deprecatedRuntimes are the Lambda runtimes past their deprecation date
// (AWS's runtime table, as of December 2026).
var deprecatedRuntimes = map[string]bool{
	"nodejs": true, "nodejs4.3": true, "nodejs4.3-edge": true, "nodejs6.10": true, "nodejs8.10": true,
	"nodejs10.x": true, "nodejs12.x": true, "nodejs14.x": true, "nodejs16.x": true, "nodejs18.x": true,
	"python2.7": true, "python3.6": true, "python3.7": true, "python3.8": true, "python3.9": true,
	"ruby2.5": true, "ruby2.7": true, "ruby3.2": true,
	"java8": true, "go1.x": true, "provided": true,
	"dotnetcore1.0": true, "dotnetcore2.0": true, "dotnetcore2.1": true, "dotnetcore3.1": true, "dotnet5.0": true, "dotnet6": true, "dotnet7": true,
}
