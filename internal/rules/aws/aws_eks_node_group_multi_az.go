package aws

import (
	"sort"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-eks-node-group-multi-az",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "EKS node groups place nodes in at least two availability zones",
		Why: "A node group whose subnets are all in one zone loses every node when that zone fails, and " +
			"cannot launch replacements until it recovers: every pod scheduled on it goes down, however " +
			"many replicas it has. Subnets in two or more zones, or one node group per zone, keep the " +
			"cluster running pods through a zone outage.",
		Fix: `resource "aws_eks_node_group" "default" {
  # ...
  subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id, aws_subnet.private_c.id]
}`,
		CloudFormationFix: `NodeGroup:
  Type: AWS::EKS::Nodegroup
  Properties:
    # ...
    Subnets: # in different availability zones
      - !Ref PrivateSubnetA
      - !Ref PrivateSubnetB
      - !Ref PrivateSubnetC
`,
		References: []string{
			doc("aws_eks_node_group"),
			"https://docs.aws.amazon.com/eks/latest/best-practices/data-plane.html",
		},
		Kinds:         []string{"aws_eks_node_group"},
		CrossResource: true, // the zones of its subnets; other node groups of the cluster
		Check:         checkEKSNodeGroupZones,
	})
}

// eksNodeGroupZones returns the distinct zones of a node group's subnets,
// sorted, when every subnet is an aws_subnet of the stack with a known zone.
// When it cannot tell, zones is nil and why says what is missing (empty if
// the subnet list itself is an unknown value).
func eksNodeGroupZones(g *infra.Graph, r *infra.Resource) (zones []string, why string) {
	subnets := r.Attrs.Get("subnet_ids")
	refs := rules.ReferencedBy(g, r, "subnet_ids", "aws_subnet")
	if !subnets.IsKnown() {
		// A plan leaves the ids unknown but says which subnets they are;
		// subnets the list adds can only add zones.
		if z := subnetZones(refs); len(z) >= 2 {
			return z, ""
		}
		return nil, ""
	}
	if subnets.IsNull() || subnets.Len() == 0 {
		return nil, "subnet_ids is empty"
	}
	if len(refs) < subnets.Len() {
		return nil, "subnet_ids lists " + plural(subnets.Len(), "subnet") + " that are not all aws_subnet resources of this stack, so their zones cannot be told from the code"
	}
	z := subnetZones(refs)
	if z == nil {
		return nil, "the availability_zone of a subnet in subnet_ids is not known"
	}
	return z, ""
}

// eksNodeGroupClusterKey identifies the cluster a node group joins: the
// aws_eks_cluster its cluster_name references, else the known name, else the
// plain expression in its module instance; "" when it cannot be told.
func eksNodeGroupClusterKey(g *infra.Graph, r *infra.Resource) string {
	for _, t := range g.Targets(r, "cluster_name") {
		if t.Kind == "aws_eks_cluster" {
			return "ref:" + t.Address
		}
	}
	v := r.Attrs.Get("cluster_name")
	if s, ok := v.Str(); ok && v.IsKnown() && s != "" {
		return "name:" + s
	}
	if !v.IsKnown() && v.IsPlainExpr() {
		return "expr:" + r.Module + ":" + v.Expr()
	}
	return ""
}

// eksNodeGroupSiblings returns the other aws_eks_node_group resources that
// join the same cluster as r, sorted by address.
func eksNodeGroupSiblings(g *infra.Graph, r *infra.Resource) []*infra.Resource {
	key := eksNodeGroupClusterKey(g, r)
	if key == "" {
		return nil
	}
	var out []*infra.Resource
	for _, o := range g.OfKind("aws_eks_node_group") {
		if o != r && eksNodeGroupClusterKey(g, o) == key {
			out = append(out, o)
		}
	}
	return out
}

func checkEKSNodeGroupZones(c *rules.Check) {
	subnets := c.R.Attrs.Get("subnet_ids")
	zones, why := eksNodeGroupZones(c.Graph, c.R)
	switch {
	case len(zones) >= 2:
		c.Pass("subnet_ids span %s", strings.Join(zones, ", "))
		return
	case zones == nil && why == "":
		c.Unknown("subnet_ids", subnets)
		return
	case zones == nil && !(subnets.IsKnown() && subnets.Len() == 1):
		c.UnknownBecause(why)
		return
	}
	// One zone (or one subnet): other node groups of the same cluster in
	// other zones (one node group per zone, as the cluster autoscaler
	// recommends for zonal volumes) still spread the cluster.
	all := map[string]bool{}
	for _, z := range zones {
		all[z] = true
	}
	siblings := eksNodeGroupSiblings(c.Graph, c.R)
	var others []string
	for _, s := range siblings {
		sz, _ := eksNodeGroupZones(c.Graph, s)
		added := false
		for _, z := range sz {
			if !all[z] {
				all[z] = true
				added = true
			}
		}
		if added {
			others = append(others, s.Address)
		}
	}
	if len(all) >= 2 {
		names := make([]string, 0, len(all))
		for z := range all {
			names = append(names, z)
		}
		sort.Strings(names)
		c.Pass("the node group is in one zone, but %s of the same cluster add zones: the cluster's nodes span %s", strings.Join(others, ", "), strings.Join(names, ", "))
		return
	}
	if len(zones) == 0 {
		// One subnet whose zone is not known: other node groups of the
		// cluster may be in other zones.
		if len(siblings) > 0 {
			c.UnknownBecause("subnet_ids lists one subnet, and the zones of the other node groups of the cluster (" + addresses(siblings) + ") cannot be told from the code")
			return
		}
		c.Fail("subnet_ids", "subnet_ids lists one subnet, so every node is in one zone; use subnets in at least two zones")
		return
	}
	if subnets.Len() == 1 {
		c.Fail("subnet_ids", "subnet_ids lists one subnet, in %s, and no other node group of the cluster is in another zone; use subnets in at least two zones", zones[0])
		return
	}
	c.Fail("subnet_ids", "the %s in subnet_ids are all in %s, and no other node group of the cluster is in another zone; use subnets in at least two zones", plural(subnets.Len(), "subnet"), zones[0])
}
