package aws

import (
	"slices"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-lb-http-redirect",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Internet-facing load balancers answer plain HTTP only with a redirect to HTTPS",
		Why: "A public HTTP listener that forwards to the service sends cookies, tokens and form data in clear " +
			"text across the internet, where any network on the way can read or change them. Port 80 should " +
			"only redirect to the HTTPS listener.",
		Fix: `resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.public.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}`,
		CloudFormationFix: `HttpListener:
  Type: AWS::ElasticLoadBalancingV2::Listener
  Properties:
    LoadBalancerArn: !Ref LoadBalancer
    Port: 80
    Protocol: HTTP
    DefaultActions:
      - Type: redirect
        RedirectConfig:
          Protocol: HTTPS
          Port: "443"
          StatusCode: HTTP_301
`,
		References: []string{
			doc("aws_lb_listener"),
			"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions",
		},
		Kinds:         []string{"aws_lb_listener", "aws_alb_listener"},
		CrossResource: true, // the load balancer it belongs to
		Check:         checkHTTPRedirect,
	})
}

// checkHTTPRedirect judges HTTP listeners of the component's internet-facing
// load balancers; listeners of internal ones serve traffic inside the VPC.
func checkHTTPRedirect(c *rules.Check) {
	proto, ok := strAt(c, "protocol", "")
	if !ok || !strings.EqualFold(proto, "HTTP") {
		return
	}
	var lbs []string
	for _, lb := range c.Graph.Targets(c.R, "load_balancer_arn") {
		if !slices.Contains(lbKinds, lb.Kind) {
			continue
		}
		internal := lb.Attrs.Get("internal")
		if !internal.IsKnown() {
			c.UnknownIn(lb, "internal", internal)
			return
		}
		if b, _ := internal.Bool(); !b {
			lbs = append(lbs, lb.Address)
		}
	}
	if len(lbs) == 0 {
		return // internal, or a load balancer outside the component
	}
	action := c.R.Attrs.Get("default_action")
	if !action.IsKnown() {
		c.Unknown("default_action", action)
		return
	}
	typ := knownStr(action.Get("type"))
	if strings.EqualFold(typ, "redirect") && strings.EqualFold(knownStr(action.Get("redirect.protocol")), "HTTPS") {
		c.Pass("the HTTP listener of %s redirects to HTTPS", lbs[0])
		return
	}
	if strings.EqualFold(typ, "fixed-response") {
		c.Pass("the HTTP listener of %s serves only a fixed response", lbs[0])
		return
	}
	c.Fail("default_action", "the HTTP listener of internet-facing %s forwards plain HTTP (default action %q); redirect it to HTTPS", lbs[0], typ)
}
