package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-eks-node-group-scaling",
		Item:     checklist.Scalability,
		Severity: checklist.Medium,
		Title:    "EKS node groups have room to scale (max_size above desired_size)",
		Why: "A node group whose max_size is not above its desired_size can never add a node: when pods no " +
			"longer fit, they stay Pending however loud the load. Room above the desired size is half of it; " +
			"the other half is a cluster autoscaler or Karpenter running in the cluster, which this scan sees " +
			"only when the stack installs it.",
		Fix: `resource "aws_eks_node_group" "default" {
  # ...
  scaling_config {
    min_size     = 2
    desired_size = 2
    max_size     = 10   # above desired_size
  }
}`,
		CloudFormationFix: `NodeGroup:
  Type: AWS::EKS::Nodegroup
  Properties:
    # ...
    ScalingConfig:
      MinSize: 2
      DesiredSize: 2
      MaxSize: 10 # above DesiredSize
`,
		References: []string{
			doc("aws_eks_node_group"),
			"https://docs.aws.amazon.com/eks/latest/best-practices/cas.html",
		},
		Kinds:         []string{"aws_eks_node_group"},
		CrossResource: true, // a cluster autoscaler or Karpenter installed by the stack, for the message
		Check:         checkEKSNodeGroupScaling,
	})
}

func checkEKSNodeGroupScaling(c *rules.Check) {
	// scaling_config with max_size and desired_size is required by the provider.
	max, ok1 := numAt(c, "scaling_config.max_size", 0)
	desired, ok2 := numAt(c, "scaling_config.desired_size", 0)
	if !ok1 || !ok2 {
		return
	}
	if max <= desired {
		c.Fail("scaling_config.max_size", "scaling_config.max_size (%s) is not above desired_size (%s), so the group can never add a node; raise max_size", num(max), num(desired))
		return
	}
	if a := eksNodeAutoscaler(c.Graph); a != nil {
		c.Pass("the group may grow from %s to %s, and %s installs %s to add them", num(desired), plural(int(max), "node"), a.Address, eksChartName(a))
		return
	}
	c.Pass("the group may grow from %s to %s; no cluster autoscaler or Karpenter is installed by this stack, so one must run in the cluster to add them", num(desired), plural(int(max), "node"))
}

// eksNodeAutoscaler returns a helm_release of the stack that installs a
// node autoscaler (Karpenter or the cluster autoscaler), or nil.
func eksNodeAutoscaler(g *infra.Graph) *infra.Resource {
	for _, h := range g.OfKind("helm_release") {
		switch eksChartName(h) {
		case "karpenter", "cluster-autoscaler":
			return h
		}
	}
	return nil
}

// eksChartName is the name of the chart a helm_release installs: the last
// path element of chart ("oci://public.ecr.aws/karpenter/karpenter",
// "./charts/x-1.2.3.tgz" gives "x-1.2.3"), lower case; "" when not known.
func eksChartName(h *infra.Resource) string {
	v := h.Attrs.Get("chart")
	s, ok := v.Str()
	if !ok || !v.IsKnown() {
		return ""
	}
	s = strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(s), "/"), ".tgz")
	if i := strings.LastIndex(s, "/"); i >= 0 {
		s = s[i+1:]
	}
	return s
}
