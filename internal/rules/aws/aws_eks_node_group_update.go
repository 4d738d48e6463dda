package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-eks-node-group-update",
		Item:     checklist.Deploy,
		Severity: checklist.Medium,
		Title:    "EKS node group updates replace nodes a few at a time, not all at once",
		Why: "An AMI, version or launch template update drains up to max_unavailable nodes in parallel. When " +
			"that is every node of the group, every pod on it is evicted together: workloads without a " +
			"PodDisruptionBudget lose all their replicas at once and are down until they are rescheduled " +
			"and ready on the new nodes. Draining a fraction at a time keeps them serving.",
		Fix: `resource "aws_eks_node_group" "default" {
  # ...
  update_config {
    max_unavailable_percentage = 33   # or max_unavailable = 1
  }
}`,
		CloudFormationFix: `NodeGroup:
  Type: AWS::EKS::Nodegroup
  Properties:
    # ...
    UpdateConfig:
      MaxUnavailablePercentage: 33 # or MaxUnavailable: 1
`,
		References: []string{
			doc("aws_eks_node_group"),
			"https://docs.aws.amazon.com/eks/latest/userguide/managed-node-update-behavior.html",
		},
		Kinds: []string{"aws_eks_node_group"},
		Check: checkEKSNodeGroupUpdate,
	})
}

func checkEKSNodeGroupUpdate(c *rules.Check) {
	uc := c.R.Attrs.Get("update_config")
	if !uc.IsKnown() {
		c.Unknown("update_config", uc)
		return
	}
	blocks := c.R.Attrs.Blocks("update_config")
	if len(blocks) == 0 {
		// Not written: EKS drains one node at a time (the API's
		// updateConfig default is maxUnavailable = 1).
		c.Pass("update_config is not set, so updates drain one node at a time (max_unavailable defaults to 1)")
		return
	}
	b := blocks[0]
	pct, count := b.Get("max_unavailable_percentage"), b.Get("max_unavailable")
	if !pct.IsKnown() {
		c.Unknown("update_config.max_unavailable_percentage", pct)
		return
	}
	if !count.IsKnown() {
		c.Unknown("update_config.max_unavailable", count)
		return
	}
	if pct.IsNull() && count.IsNull() {
		c.Pass("update_config sets neither max_unavailable nor max_unavailable_percentage, so updates drain one node at a time (the default)")
		return
	}
	desired, ok := numAt(c, "scaling_config.desired_size", 0)
	if !ok {
		return
	}
	// One node (or none) cannot be updated a fraction at a time: that is
	// aws-eks-node-group-min-size's concern, not the update settings'.
	if p, isNum := pct.Number(); isNum {
		if p >= 100 && desired >= 2 {
			c.Fail("update_config.max_unavailable_percentage", "update_config.max_unavailable_percentage is %s, so an update drains all %s nodes at once; set it to 33 or less", num(p), num(desired))
			return
		}
		c.Pass("updates drain at most %s%% of the nodes at a time", num(p))
		return
	}
	n, isNum := count.Number()
	if !isNum {
		c.UnknownBecause("update_config.max_unavailable is not a number")
		return
	}
	if n >= desired && desired >= 2 {
		c.Fail("update_config.max_unavailable", "update_config.max_unavailable (%s) is not below desired_size (%s), so an update drains every node at once; lower it to a fraction of the group", num(n), num(desired))
		return
	}
	c.Pass("updates drain at most %s of %s nodes at a time", num(n), num(desired))
}
