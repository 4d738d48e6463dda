package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-eks-public-endpoint",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "EKS API endpoints are private, or public only to known networks",
		Why: "An EKS cluster's API server is public to the whole internet unless told otherwise " +
			"(endpoint_public_access defaults to true, public_access_cidrs to 0.0.0.0/0): anyone can probe it, " +
			"try stolen credentials against it and exploit the next API server vulnerability before the " +
			"cluster is patched. Keep it private, or list the networks that administer it.",
		Fix: `resource "aws_eks_cluster" "main" {
  # ...
  vpc_config {
    subnet_ids              = var.private_subnet_ids
    endpoint_private_access = true
    endpoint_public_access  = false   # or keep it and restrict:
    # public_access_cidrs   = ["203.0.113.0/24"]
  }
}`,
		CloudFormationFix: `Cluster:
  Type: AWS::EKS::Cluster
  Properties:
    # ...
    ResourcesVpcConfig:
      SubnetIds: !Ref PrivateSubnetIds
      EndpointPrivateAccess: true
      EndpointPublicAccess: false # or keep it and restrict:
      # PublicAccessCidrs: [203.0.113.0/24]
`,
		References: []string{
			doc("aws_eks_cluster"),
			"https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html",
			"CKV_AWS_38",
			"AVD-AWS-0041", "AVD-AWS-0040", // 0040: public access on; 0041: open to 0.0.0.0/0
		},
		Kinds: []string{"aws_eks_cluster"},
		Check: checkEKSEndpoint,
	})
}

func checkEKSEndpoint(c *rules.Check) {
	public, ok := boolAt(c, "vpc_config.endpoint_public_access", true) // default true
	if !ok {
		return
	}
	if !public {
		c.Pass("the API endpoint is private (endpoint_public_access is false)")
		return
	}
	cidrs := c.R.Attrs.Get("vpc_config.public_access_cidrs")
	if !cidrs.IsKnown() {
		c.Unknown("vpc_config.public_access_cidrs", cidrs)
		return
	}
	if cidrs.IsNull() {
		c.Fail("vpc_config", "the API endpoint is public and public_access_cidrs is not set, so it is open to 0.0.0.0/0; set endpoint_public_access = false or list the networks that may reach it")
		return
	}
	if cidrs.Len() == 0 {
		// public_access_cidrs is Optional+Computed: an empty list is no
		// setting, and EKS applies its default, 0.0.0.0/0.
		c.FailAt(c.R.LocOf(cidrs), "the API endpoint is public and public_access_cidrs is empty, so EKS keeps its default 0.0.0.0/0; set endpoint_public_access = false or list the networks that may reach it")
		return
	}
	for _, v := range cidrs.List() {
		if !v.IsKnown() {
			c.Unknown("vpc_config.public_access_cidrs", v)
			return
		}
		if s, _ := v.Str(); isWorldCIDR(s) {
			c.Fail("vpc_config.public_access_cidrs", "the API endpoint is public to %s; set endpoint_public_access = false or list only the networks that administer the cluster", s)
			return
		}
	}
	c.Pass("the public API endpoint admits only %d listed network(s)", cidrs.Len())
}
