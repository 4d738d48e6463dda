package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-lb-access-logs",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "Load balancers write access logs to S3",
		Why: "Access logs record every request with its client, target, latency and status code. When " +
			"users report errors or an attack is suspected they are the only per-request record at the " +
			"edge; metrics alone cannot say which clients or paths were affected. A network load balancer " +
			"logs only TLS connections, so one without a TLS listener is not asked for access logs (CKV_AWS_91 asks).",
		Fix: `resource "aws_lb" "app" {
  # ...
  access_logs {
    bucket  = aws_s3_bucket.logs.id
    prefix  = "alb"
    enabled = true
  }
}`,
		Fixes: map[string]string{
			"aws_elb": `resource "aws_elb" "web" {
  # ...
  access_logs {
    bucket   = aws_s3_bucket.logs.id
    interval = 60
  }
}`,
		},
		CloudFormationFix: `LoadBalancer:
  Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  Properties:
    # ...
    LoadBalancerAttributes:
      - Key: access_logs.s3.enabled
        Value: "true"
      - Key: access_logs.s3.bucket
        Value: !Ref LogsBucket
      - Key: access_logs.s3.prefix
        Value: alb
`,
		CloudFormationFixes: map[string]string{
			"aws_elb": `LoadBalancer:
  Type: AWS::ElasticLoadBalancing::LoadBalancer
  Properties:
    # ...
    AccessLoggingPolicy:
      Enabled: true
      S3BucketName: !Ref LogsBucket
      EmitInterval: 60
`,
		},
		References: []string{
			doc("aws_lb"),
			"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
			doc("aws_elb"),
			"https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/access-log-collection.html",
			"CKV_AWS_92",
			"cfn-nag: W26",
			"cfn-nag: W52",
		},
		Kinds:         []string{"aws_lb", "aws_alb", "aws_elb"},
		CrossResource: true,
		Check: func(c *rules.Check) {
			if c.R.Kind == "aws_elb" {
				checkClassicAccessLogs(c)
				return
			}
			t, ok := strAt(c, "load_balancer_type", "application") // provider default "application"
			if !ok {
				return
			}
			if t == "gateway" {
				return // Gateway Load Balancers have no access logs
			}
			if t == "network" && !hasTLSListener(c) {
				return // NLB access logs exist only for TLS listeners (ELB user guide)
			}
			if c.R.Attrs.Get("access_logs").IsNull() {
				if c.R.Origin == infra.OriginCloudFormation {
					c.Fail("access_logs", "LoadBalancerAttributes has no access_logs.s3.enabled, so access logging is off; set it to \"true\" with access_logs.s3.bucket")
					return
				}
				c.Fail("access_logs", "no access_logs block; add one with enabled = true")
				return
			}
			// access_logs.enabled: "Defaults to false, even when bucket is specified" (provider docs).
			requireBool(c, boolWant{
				path: "access_logs.enabled", def: false, want: true,
				pass:        "access_logs.enabled is true",
				failUnset:   "access_logs.enabled is not set, and it defaults to false even with a bucket; set enabled = true",
				failUnsetAt: "access_logs",
				fail:        "access_logs.enabled is false; set it to true",
			})
		},
	})
}

// checkClassicAccessLogs checks a Classic Load Balancer, whose access_logs
// block, unlike aws_lb's, is enabled unless it says otherwise.
func checkClassicAccessLogs(c *rules.Check) {
	if c.R.Attrs.Get("access_logs").IsNull() {
		if c.R.Origin == infra.OriginCloudFormation {
			c.Fail("access_logs", "no AccessLoggingPolicy, so access logging is off; add one with Enabled: true and the S3 bucket to write to")
			return
		}
		c.Fail("access_logs", "no access_logs block; add one with the S3 bucket to write to")
		return
	}
	// aws_elb access_logs.enabled defaults to true (provider docs).
	requireBool(c, boolWant{
		path: "access_logs.enabled", def: true, want: true,
		pass: "access_logs writes to an S3 bucket",
		fail: "access_logs.enabled is false; set it to true",
	})
}

// hasTLSListener reports whether a network load balancer has (or may have) a
// TLS listener, the only kind its access logs record.
func hasTLSListener(c *rules.Check) bool {
	for _, l := range c.Graph.Referrers(c.R, "aws_lb_listener", "load_balancer_arn") {
		p := l.Attrs.Get("protocol")
		if s, _ := p.Str(); s == "TLS" || !p.IsKnown() {
			return true
		}
	}
	return false
}
