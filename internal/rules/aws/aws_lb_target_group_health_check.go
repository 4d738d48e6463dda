package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-lb-target-group-health-check",
		Item:     checklist.Deploy,
		Severity: checklist.High,
		Title:    "Load balancer target groups health-check their targets",
		Why: "The health check is the readiness probe of a load-balanced service: it keeps traffic away " +
			"from instances that are still starting, draining or broken. With it disabled every " +
			"deployment and every crashed process sends users to targets that cannot answer. The provider's " +
			"default health check (enabled, path \"/\") counts: unlike CKV_AWS_261, which wants an explicit path, " +
			"this rule reports only a health check that is turned off.",
		Fix: `resource "aws_lb_target_group" "app" {
  # ...
  health_check {
    enabled = true
    path    = "/healthz"
    matcher = "200"
  }
}`,
		CloudFormationFix: `TargetGroup:
  Type: AWS::ElasticLoadBalancingV2::TargetGroup
  Properties:
    # ...
    HealthCheckEnabled: true
    HealthCheckPath: /healthz
    Matcher:
      HttpCode: "200"
`,
		References: []string{
			doc("aws_lb_target_group"),
			"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html",
		},
		Kinds: []string{"aws_lb_target_group", "aws_alb_target_group"},
		Check: func(c *rules.Check) {
			tt, ok := strAt(c, "target_type", "instance")
			if !ok {
				return
			}
			if tt == "lambda" {
				return // a Lambda target is invoked per request; health checks are optional there
			}
			// health_check.enabled defaults to true for instance, ip and alb
			// targets (provider docs), with path "/" for HTTP(S).
			if c.R.Attrs.Get("health_check").IsNull() {
				c.Pass("health check on by default")
				return
			}
			requireBool(c, boolWant{
				path: "health_check.enabled", def: true, want: true,
				pass: "health_check is enabled",
				fail: "health_check.enabled is false; enable the health check on a readiness endpoint",
			})
		},
	})
}
