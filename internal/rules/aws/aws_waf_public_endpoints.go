package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// wafAssociationKinds are the resources that attach a regional web ACL to a
// load balancer or an API Gateway stage: WAFv2, and WAF Classic (regional),
// which still protects while it exists.
var wafAssociationKinds = []string{"aws_wafv2_web_acl_association", "aws_wafregional_web_acl_association"}

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-waf-public-endpoints",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Internet-facing load balancers, CloudFront distributions and API Gateway REST stages are protected by a WAF web ACL",
		Why: "A web ACL in front of a public HTTP endpoint blocks common exploit traffic (SQL injection, cross-site " +
			"scripting, known bad inputs such as Log4Shell payloads) and rate-limits floods and scrapers before they " +
			"reach the application; AWS-managed rule groups are updated for new attack patterns without a deploy. " +
			"Without one every request reaches the code, and the only answer to an attack is a code change. " +
			"Internal load balancers, network and gateway load balancers and private REST APIs are not asked, and a " +
			"load balancer that is the origin of a distribution with a web ACL passes (Checkov CKV2_AWS_28 asks it for its own).",
		Fix: `resource "aws_wafv2_web_acl_association" "app" {
  resource_arn = aws_lb.app.arn
  web_acl_arn  = aws_wafv2_web_acl.main.arn   # a REGIONAL web ACL
}`,
		Fixes: map[string]string{
			"aws_cloudfront_distribution": `resource "aws_cloudfront_distribution" "site" {
  # ...
  web_acl_id = aws_wafv2_web_acl.edge.arn   # a CLOUDFRONT-scope web ACL, created in us-east-1
}`,
			"aws_api_gateway_stage": `resource "aws_wafv2_web_acl_association" "api" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = aws_wafv2_web_acl.main.arn   # a REGIONAL web ACL
}`,
		},
		CloudFormationFix: `LoadBalancer:
  Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  Properties:
    # ...
LoadBalancerWebAcl:
  Type: AWS::WAFv2::WebACLAssociation
  Properties:
    ResourceArn: !Ref LoadBalancer # Ref of a load balancer is its ARN
    WebACLArn: !GetAtt WebAcl.Arn # a REGIONAL web ACL
`,
		CloudFormationFixes: map[string]string{
			"aws_api_gateway_stage": `Stage:
  Type: AWS::ApiGateway::Stage
  Properties:
    # ...
StageWebAcl:
  Type: AWS::WAFv2::WebACLAssociation
  Properties:
    ResourceArn: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}
    WebACLArn: !GetAtt WebAcl.Arn # a REGIONAL web ACL
`,
			"aws_cloudfront_distribution": `Distribution:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      # ...
      WebACLId: !Ref EdgeWebAclArn # a CLOUDFRONT-scope web ACL's ARN, created in us-east-1
`,
		},
		References: []string{
			doc("aws_wafv2_web_acl_association"),
			doc("aws_cloudfront_distribution"),
			"https://docs.aws.amazon.com/waf/latest/developerguide/waf-chapter.html",
			"https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html",
			"CKV2_AWS_28", "CKV_AWS_68", "CKV2_AWS_29", "AVD-AWS-0011",
		},
		Kinds:         []string{"aws_lb", "aws_alb", "aws_cloudfront_distribution", "aws_api_gateway_stage"},
		CrossResource: true, // a web ACL association that points at the load balancer or stage
		Check: func(c *rules.Check) {
			switch c.R.Kind {
			case "aws_cloudfront_distribution":
				checkWAFDistribution(c)
			case "aws_api_gateway_stage":
				checkWAFStage(c)
			default:
				checkWAFLoadBalancer(c)
			}
		},
	})
}

// checkWAFLoadBalancer asks an internet-facing Application Load Balancer
// for a web ACL association. WAF attaches to ALBs only.
func checkWAFLoadBalancer(c *rules.Check) {
	t, ok := strAt(c, "load_balancer_type", "application") // provider default "application"
	if !ok || t != "application" {
		return // network and gateway load balancers cannot have a web ACL
	}
	internal, ok := boolAt(c, "internal", false) // provider default false: internet-facing
	if !ok || internal {
		return
	}
	if wafFoundAssociation(c) || wafFrontedByDistribution(c) {
		return
	}
	wafMissing(c, "internet-facing load balancer")
}

// wafFrontedByDistribution records a pass for a load balancer that is the
// origin of a CloudFront distribution with a web ACL: the documented way to
// filter its traffic at the edge (that the load balancer then admits only
// CloudFront is a security group's business).
func wafFrontedByDistribution(c *rules.Check) bool {
	for _, d := range c.Graph.Referrers(c.R, "aws_cloudfront_distribution", "origin") {
		v := d.Attrs.Get("web_acl_id")
		switch {
		case !v.IsKnown() && len(c.Graph.Targets(d, "web_acl_id")) == 0:
			c.UnknownIn(d, "web_acl_id", v)
			return true
		case !v.IsNull() && (!v.IsKnown() || knownStr(v) != ""):
			c.Pass("it is the origin of %s, whose web_acl_id filters requests at the edge", d.Address)
			return true
		}
	}
	return false
}

// checkWAFDistribution reads web_acl_id, the only way to attach a web ACL to
// a distribution (a WAFv2 association does not accept CloudFront).
func checkWAFDistribution(c *rules.Check) {
	v := c.R.Attrs.Get("web_acl_id")
	switch {
	case !v.IsKnown():
		// The ARN of a web ACL of this stack is known only after apply.
		if len(c.Graph.Targets(c.R, "web_acl_id")) > 0 {
			c.Pass("web_acl_id is set (known after apply)")
			return
		}
		c.Unknown("web_acl_id", v)
	case v.IsNull() || knownStr(v) == "":
		c.Fail("web_acl_id", "web_acl_id is not set, so no web ACL filters requests to the distribution; set it to a CLOUDFRONT-scope web ACL")
	default:
		c.Pass("web_acl_id is %s", knownStr(v))
	}
}

// checkWAFStage asks a stage of a public REST API (EDGE or REGIONAL) for a
// web ACL association. HTTP and WebSocket APIs (aws_apigatewayv2_stage)
// cannot have a web ACL, so they are not among the kinds.
func checkWAFStage(c *rules.Check) {
	if wafFoundAssociation(c) {
		return
	}
	apis := rules.ReferencedBy(c.Graph, c.R, "rest_api_id", "aws_api_gateway_rest_api")
	if len(apis) == 0 {
		c.UnknownBecause("no web ACL association points at " + c.R.Address + ", and its REST API is not in this component, so whether it is private (and needs none) cannot be told")
		return
	}
	api := apis[0]
	// endpoint_configuration.types: "If unspecified, defaults to EDGE" (provider docs).
	types := api.Attrs.Get("endpoint_configuration.types")
	if !types.IsKnown() {
		c.UnknownIn(api, "endpoint_configuration.types", types)
		return
	}
	for _, t := range types.List() {
		if !t.IsKnown() {
			c.UnknownIn(api, "endpoint_configuration.types", t)
			return
		}
		if knownStr(t) == "PRIVATE" {
			return // reachable only from VPC endpoints
		}
	}
	wafMissing(c, "public REST API stage")
}

// wafFoundAssociation records a pass when a web ACL association points at
// the checked resource, by reference or by its ARN.
func wafFoundAssociation(c *rules.Check) bool {
	for _, kind := range wafAssociationKinds {
		if ps := pointers(c, kind, "resource_arn", "arn"); len(ps) > 0 {
			c.Pass("%s associates a web ACL with it", ps[0].Address)
			return true
		}
	}
	return false
}

// wafMissing records that no association points at the checked resource,
// unless one whose resource_arn cannot be resolved (and references no other
// resource) might: then the result is unknown.
func wafMissing(c *rules.Check, what string) {
	for _, kind := range wafAssociationKinds {
		if a := edgeUnresolved(c.Graph, kind, "resource_arn"); a != nil {
			c.UnknownIn(a, "resource_arn", a.Attrs.Get("resource_arn"))
			return
		}
	}
	c.Missing("no aws_wafv2_web_acl_association has resource_arn pointing at %s, so no web ACL filters requests to this %s", c.R.Address, what)
}
