package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-eks-node-group-min-size",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "EKS node groups keep at least two nodes",
		Why: "A node group that may shrink to one node runs every pod on one instance: when AWS retires it, " +
			"its zone fails or it is drained for an update, all of them stop until a new node has booted and " +
			"joined the cluster. Two nodes, in different zones, keep the replicas of each workload apart. " +
			"Node groups that scale from zero (min_size 0) are on-demand pools and are not judged.",
		Fix: `resource "aws_eks_node_group" "default" {
  # ...
  scaling_config {
    min_size     = 2
    desired_size = 2
    max_size     = 6
  }
}`,
		CloudFormationFix: `NodeGroup:
  Type: AWS::EKS::Nodegroup
  Properties:
    # ...
    ScalingConfig:
      MinSize: 2
      DesiredSize: 2
      MaxSize: 6
`,
		References: []string{
			doc("aws_eks_node_group"),
			"https://docs.aws.amazon.com/eks/latest/best-practices/data-plane.html",
		},
		Kinds:         []string{"aws_eks_node_group"},
		CrossResource: true, // other untainted node groups of the same cluster
		Check:         checkEKSNodeGroupMinSize,
	})
}

func checkEKSNodeGroupMinSize(c *rules.Check) {
	// scaling_config and its min_size are required by the provider.
	min, ok := numAt(c, "scaling_config.min_size", 0)
	if !ok {
		return
	}
	if min >= 2 {
		c.Pass("scaling_config.min_size is %s", num(min))
		return
	}
	if min == 0 {
		// A pool that scales from zero on demand (GPU, batch): a correct
		// design whose availability is the autoscaler's.
		return
	}
	// One node here: untainted node groups of the same cluster can run the
	// same pods (one node group per zone is a common layout).
	if eksNodeGroupTainted(c.R) {
		c.Fail("scaling_config.min_size", "scaling_config.min_size is %s, so the pods that tolerate this group's taints may all run on one node; set min_size to at least 2", num(min))
		return
	}
	total := min
	var with []*infra.Resource
	for _, s := range eksNodeGroupSiblings(c.Graph, c.R) {
		if eksNodeGroupTainted(s) {
			continue
		}
		if n, ok := s.Attrs.Get("scaling_config.min_size").Number(); ok && n > 0 {
			total += n
			with = append(with, s)
		}
	}
	if total >= 2 {
		c.Pass("scaling_config.min_size is %s, and with %s the cluster keeps at least %s untainted nodes", num(min), addresses(with), num(total))
		return
	}
	c.Fail("scaling_config.min_size", "scaling_config.min_size is %s, so the cluster may run all its pods on one node; set min_size to at least 2", num(min))
}

// eksNodeGroupTainted reports a node group with taints written (known or
// not): only pods that tolerate them run there.
func eksNodeGroupTainted(r *infra.Resource) bool {
	t := r.Attrs.Get("taint")
	return !t.IsNull() && (!t.IsKnown() || t.Len() > 0)
}
