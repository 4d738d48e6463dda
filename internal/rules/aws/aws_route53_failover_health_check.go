package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-route53-failover-health-check",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "Route 53 failover primaries and multivalue answers are health-checked",
		Why: "Route 53 fails over only from a record it knows is unhealthy: a PRIMARY failover record with no " +
			"health check (and no alias that evaluates its target's health) counts as healthy forever, so the " +
			"SECONDARY is never served and the failover that was designed never happens. Multivalue answers " +
			"likewise keep returning dead addresses without one. Weighted and latency records are not judged: " +
			"they are also used to split traffic rather than to fail over, and whether they have somewhere to " +
			"fail over to depends on the other records of the set.",
		Fix: `resource "aws_route53_health_check" "primary" {
  fqdn              = "primary.example.com"
  type              = "HTTPS"
  port              = 443
  resource_path     = "/healthz"
  failure_threshold = 3
  request_interval  = 30
}

resource "aws_route53_record" "primary" {
  # ...
  set_identifier  = "primary"
  health_check_id = aws_route53_health_check.primary.id
  failover_routing_policy {
    type = "PRIMARY"
  }
  # or, for an alias: alias { ... evaluate_target_health = true }
}`,
		CloudFormationFix: `PrimaryHealthCheck:
  Type: AWS::Route53::HealthCheck
  Properties:
    HealthCheckConfig:
      Type: HTTPS
      FullyQualifiedDomainName: primary.example.com
      Port: 443
      ResourcePath: /healthz
      FailureThreshold: 3
      RequestInterval: 30
PrimaryRecord:
  Type: AWS::Route53::RecordSet
  Properties:
    # ...
    SetIdentifier: primary
    Failover: PRIMARY
    HealthCheckId: !Ref PrimaryHealthCheck
    # or, for an alias: AliasTarget with EvaluateTargetHealth: true
`,
		References: []string{
			doc("aws_route53_record"),
			doc("aws_route53_health_check"),
			"https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-configuring.html",
			"https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-complex-configs.html",
		},
		Kinds:         []string{"aws_route53_record"},
		CrossResource: true, // the health check it names
		Check:         checkRoute53FailoverHealth,
	})
}

func checkRoute53FailoverHealth(c *rules.Check) {
	fo := c.R.Attrs.Get("failover_routing_policy")
	if !fo.IsKnown() {
		c.Unknown("failover_routing_policy", fo)
		return
	}
	what := ""
	if blocks := c.R.Attrs.Blocks("failover_routing_policy"); len(blocks) > 0 {
		t := blocks[0].Field("type")
		if !t.IsKnown() {
			c.Unknown("failover_routing_policy.type", t)
			return
		}
		if !strings.EqualFold(knownStr(t), "PRIMARY") {
			return // a SECONDARY without a health check is served when the primary is down, as meant
		}
		what = "the PRIMARY failover record"
	} else {
		// multivalue_answer_routing_policy defaults to unset (false).
		mv := c.R.Attrs.Get("multivalue_answer_routing_policy")
		if !mv.IsKnown() {
			c.Unknown("multivalue_answer_routing_policy", mv)
			return
		}
		if b, _ := mv.Bool(); !b {
			return
		}
		what = "the multivalue answer record"
	}
	hc := c.R.Attrs.Get("health_check_id")
	if hs := rules.ReferencedBy(c.Graph, c.R, "health_check_id", "aws_route53_health_check"); len(hs) > 0 {
		c.Pass("health_check_id is %s", hs[0].Address)
		return
	}
	if !hc.IsKnown() {
		c.Unknown("health_check_id", hc)
		return
	}
	if s, _ := hc.Str(); s != "" {
		c.Pass("health_check_id is %s", s)
		return
	}
	if aliases := c.R.Attrs.Blocks("alias"); len(aliases) > 0 {
		// evaluate_target_health is required in the alias block.
		ev := aliases[0].Field("evaluate_target_health")
		if !ev.IsKnown() {
			c.Unknown("alias.evaluate_target_health", ev)
			return
		}
		if b, _ := ev.Bool(); b {
			c.Pass("the alias evaluates its target's health")
			return
		}
		c.Fail("alias.evaluate_target_health", "%s is an alias with evaluate_target_health = false and no health_check_id, so Route 53 always takes it for healthy; set evaluate_target_health = true or add a health check", what)
		return
	}
	c.Fail("health_check_id", "%s has no health_check_id, so Route 53 always takes it for healthy and never fails over; attach an aws_route53_health_check", what)
}
