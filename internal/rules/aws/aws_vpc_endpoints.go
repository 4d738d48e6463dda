package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-vpc-endpoints",
		Item:     checklist.Networking,
		Severity: checklist.Low,
		Title:    "VPCs whose private subnets use a NAT gateway have endpoints for S3, and for DynamoDB when the stack uses it",
		Why: "Without a VPC endpoint, every request from a private subnet to S3 or DynamoDB leaves through the NAT " +
			"gateway: it is billed per gigabyte, competes with all other egress for the gateway's bandwidth, fails " +
			"with it, and reaches the service over its public endpoint. Gateway endpoints for S3 and DynamoDB cost " +
			"nothing and keep that traffic on the AWS network.",
		Fix: `resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = aws_route_table.private[*].id
}`,
		CloudFormationFix: `Vpc:
  Type: AWS::EC2::VPC
  Properties:
    # ...
S3Endpoint:
  Type: AWS::EC2::VPCEndpoint
  Properties:
    VpcId: !Ref Vpc
    ServiceName: !Sub com.amazonaws.${AWS::Region}.s3
    VpcEndpointType: Gateway
    RouteTableIds: # the private route tables
      - !Ref PrivateRouteTableA
      - !Ref PrivateRouteTableB
`,
		References: []string{
			doc("aws_vpc_endpoint"),
			"https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
			"https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-pricing.html",
		},
		Kinds:         []string{"aws_vpc"},
		CrossResource: true, // its private subnets' NAT routes and its aws_vpc_endpoint resources
		Check:         checkVPCEndpoints,
	})
}

// vpceService reads the service an endpoint's service_name names ("s3",
// "dynamodb", …). An unknown name still tells when its last part is
// written literally: "com.amazonaws.${var.region}.s3" in Terraform,
// !Sub com.amazonaws.${AWS::Region}.s3 in a template (and the Fn::Join the
// CDK writes, which the loader reads as that Fn::Sub); ok is false when it
// cannot be told.
func vpceService(v infra.Value) (string, bool) {
	s, isStr := v.Str()
	if !v.IsKnown() {
		expr := strings.TrimSpace(v.Expr())
		if sub, ok := strings.CutPrefix(expr, "!Sub "); ok {
			s = strings.TrimSpace(sub)
		} else if s = strings.Trim(expr, `"`); !strings.HasPrefix(expr, `"`) {
			return "", false
		}
		if strings.HasSuffix(s, "}") {
			return "", false
		}
	} else if !isStr {
		return "", false
	}
	i := strings.LastIndex(s, ".")
	if i < 0 || i == len(s)-1 {
		return "", false
	}
	return s[i+1:], true
}

func checkVPCEndpoints(c *rules.Check) {
	if len(natAZPrivateSubnets(c.Graph, c.R)) == 0 {
		return // no private subnet reaches out through a NAT gateway
	}
	want := []string{"s3"}
	if len(c.Graph.OfKind("aws_dynamodb_table")) > 0 {
		want = append(want, "dynamodb")
	}
	found := map[string]*infra.Resource{}
	var unresolved *infra.Resource
	for _, ep := range c.Graph.Referrers(c.R, "aws_vpc_endpoint", "vpc_id") {
		svc, ok := vpceService(ep.Attrs.Get("service_name"))
		if !ok {
			if unresolved == nil {
				unresolved = ep
			}
			continue
		}
		if found[svc] == nil {
			found[svc] = ep
		}
	}
	var missing []string
	for _, svc := range want {
		ep := found[svc]
		if ep == nil {
			missing = append(missing, svc)
			continue
		}
		// vpc_endpoint_type defaults to "Gateway"; a gateway endpoint
		// carries traffic only for the route tables it is added to.
		t := ep.Attrs.Get("vpc_endpoint_type")
		if !t.IsKnown() {
			c.UnknownIn(ep, "vpc_endpoint_type", t)
			return
		}
		if typ := knownStr(t); typ != "" && !strings.EqualFold(typ, "Gateway") {
			continue // an interface endpoint serves the subnets it is placed in
		}
		rts := ep.Attrs.Get("route_table_ids")
		if !rts.IsKnown() || rts.Len() > 0 {
			continue
		}
		if len(c.Graph.Referrers(ep, "aws_vpc_endpoint_route_table_association", "vpc_endpoint_id")) > 0 {
			continue
		}
		if ep.Origin == infra.OriginCloudFormation {
			// A template has no separate association type.
			c.FailAt(attrLoc(ep, "route_table_ids"), "%s is a gateway endpoint with no RouteTableIds, so no subnet uses it; add the private route tables", ep.Address)
			return
		}
		c.FailAt(attrLoc(ep, "route_table_ids"), "%s is a gateway endpoint with no route_table_ids and no aws_vpc_endpoint_route_table_association, so no subnet uses it; add the private route tables", ep.Address)
		return
	}
	if len(missing) == 0 {
		names := make([]string, len(want))
		for i, svc := range want {
			names[i] = found[svc].Address
		}
		c.Pass("%s traffic goes through %s, not the NAT gateway", strings.Join(want, " and "), strings.Join(names, ", "))
		return
	}
	if unresolved != nil {
		c.UnknownIn(unresolved, "service_name", unresolved.Attrs.Get("service_name"))
		return
	}
	c.Missing("no aws_vpc_endpoint for %s has vpc_id pointing at %s, so that traffic goes through the NAT gateway", strings.Join(missing, " or "), c.R.Address)
}
