package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-lb-tls-policy",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "HTTPS and TLS listeners allow only TLS 1.2 and later",
		Why: "A listener without ssl_policy gets ELBSecurityPolicy-2016-08, which still accepts TLS 1.0 and 1.1 " +
			"with ciphers that are broken or deprecated: clients can be downgraded to them and compliance " +
			"scans (PCI DSS) fail. A TLS 1.2+ (or 1.3) policy refuses them.",
		Fix: `resource "aws_lb_listener" "https" {
  # ...
  protocol   = "HTTPS"
  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}`,
		CloudFormationFix: `HttpsListener:
  Type: AWS::ElasticLoadBalancingV2::Listener
  Properties:
    # ...
    Protocol: HTTPS
    SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
`,
		References: []string{
			doc("aws_lb_listener"),
			"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
			"AVD-AWS-0047",
			"cfn-nag: W55",
		},
		Kinds: []string{"aws_lb_listener", "aws_alb_listener"},
		Check: func(c *rules.Check) {
			proto, ok := strAt(c, "protocol", "")
			if !ok {
				return
			}
			if p := strings.ToUpper(proto); p != "HTTPS" && p != "TLS" {
				return
			}
			policy, ok := strAt(c, "ssl_policy", "ELBSecurityPolicy-2016-08") // the provider's default
			if !ok {
				return
			}
			if tls12(policy) {
				c.Pass("ssl_policy %s allows TLS 1.2 and later only", policy)
				return
			}
			at := "ssl_policy"
			if c.R.Attrs.Get("ssl_policy").IsNull() {
				at = "protocol"
			}
			c.Fail(at, "ssl_policy is %s, which still accepts TLS 1.0 or 1.1; use ELBSecurityPolicy-TLS13-1-2-2021-06 (or another TLS 1.2+ policy)", policy)
		},
	})
}

// tls12 reports an ELB security policy whose minimum is TLS 1.2: its name
// says the minimum after TLS13- (ELBSecurityPolicy-TLS13-1-2-2021-06 and
// TLS13-1-3 pass; TLS13-1-0-2021-06 and TLS13-1-1 still accept TLS 1.0
// and 1.1), TLS- (TLS-1-2-2017-01) or FS- (FS-1-2-Res-2020-10; the
// unnumbered FS-2018-06 accepts TLS 1.0). The 2015-05/2016-08 defaults
// allow older versions too.
func tls12(policy string) bool {
	p := strings.ToUpper(policy)
	for _, min := range []string{"TLS13-1-2", "TLS13-1-3", "TLS-1-2", "FS-1-2"} {
		if strings.Contains(p, min) {
			return true
		}
	}
	return false
}
