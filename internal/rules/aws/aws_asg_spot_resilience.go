package aws

import (
	"fmt"
	"sort"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-asg-spot-resilience",
		Item:     checklist.Availability,
		Severity: checklist.Medium,
		Title:    "Auto Scaling groups that run on Spot offer several instance types and rebalance capacity before interruptions",
		Why: "Spot capacity is reclaimed one pool (instance type in a zone) at a time: a group that can launch a " +
			"single instance type loses every Spot instance of a zone together and cannot replace them until " +
			"that pool has capacity again. Offering several types lets Auto Scaling launch from other pools, and " +
			"capacity_rebalance = true starts replacements on the rebalance recommendation, before the two-minute " +
			"interruption notice. Groups that run only On-Demand capacity are not judged. EKS managed node groups " +
			"enable capacity rebalancing themselves, so only their instance types are checked.",
		Fix: `resource "aws_autoscaling_group" "workers" {
  # ...
  capacity_rebalance = true
  mixed_instances_policy {
    instances_distribution {
      on_demand_percentage_above_base_capacity = 20
      spot_allocation_strategy                 = "price-capacity-optimized"
    }
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.workers.id
        version            = "$Latest"
      }
      override {
        instance_type = "m6i.large"
      }
      override {
        instance_type = "m5.large"
      }
      override {
        instance_type = "m6a.large"
      }
    }
  }
}`,
		Fixes: map[string]string{
			"aws_eks_node_group": `resource "aws_eks_node_group" "spot" {
  # ...
  capacity_type  = "SPOT"
  instance_types = ["m6i.large", "m5.large", "m6a.large"]
}`,
		},
		CloudFormationFix: `Group:
  Type: AWS::AutoScaling::AutoScalingGroup
  Properties:
    # ... (in place of LaunchTemplate)
    CapacityRebalance: true
    MixedInstancesPolicy:
      InstancesDistribution:
        OnDemandPercentageAboveBaseCapacity: 20
        SpotAllocationStrategy: price-capacity-optimized
      LaunchTemplate:
        LaunchTemplateSpecification:
          LaunchTemplateId: !Ref LaunchTemplate
          Version: !GetAtt LaunchTemplate.LatestVersionNumber
        Overrides:
          - InstanceType: m6i.large
          - InstanceType: m5.large
          - InstanceType: m6a.large
`,
		CloudFormationFixes: map[string]string{
			"aws_eks_node_group": `NodeGroup:
  Type: AWS::EKS::Nodegroup
  Properties:
    # ...
    CapacityType: SPOT
    InstanceTypes:
      - m6i.large
      - m5.large
      - m6a.large
`,
		},
		References: []string{
			doc("aws_autoscaling_group"),
			doc("aws_eks_node_group"),
			"https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-capacity-rebalancing.html",
			"https://docs.aws.amazon.com/autoscaling/ec2/userguide/mixed-instances-groups-set-up-overview.html",
			"https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html#managed-node-group-capacity-types-spot",
		},
		Kinds:         []string{"aws_autoscaling_group", "aws_eks_node_group"},
		CrossResource: true, // the launch template or launch configuration says whether it runs on Spot
		Check:         checkASGSpotResilience,
	})
}

// asgSpotWhy says why a group runs on Spot, as a format and its values.
type asgSpotWhy struct {
	format string
	args   []any
}

// asgSpotGap is one requirement the group misses: where, and what to say.
type asgSpotGap struct{ path, msg string }

func checkASGSpotResilience(c *rules.Check) {
	if c.R.Kind == "aws_eks_node_group" {
		checkNodeGroupSpotTypes(c)
		return
	}
	spot, ok := asgSpotUse(c)
	if !ok || spot == nil {
		return
	}
	var gaps []asgSpotGap
	types, ok := asgSpotTypes(c, &gaps)
	if !ok {
		return
	}
	// capacity_rebalance: false unless set (provider docs; the API's
	// CapacityRebalance default).
	rebalance, ok := boolAt(c, "capacity_rebalance", false)
	if !ok {
		return
	}
	if !rebalance {
		gaps = append(gaps, asgSpotGap{"capacity_rebalance", "capacity_rebalance is not true, so Spot instances are replaced only after they are interrupted; set capacity_rebalance = true"})
	}
	if len(gaps) == 0 {
		c.Pass("it runs on Spot ("+spot.format+") with %s and capacity_rebalance = true", append(spot.args, types)...)
		return
	}
	for _, g := range gaps {
		// spot.format and g.msg are the rule's own text; values are arguments.
		c.Fail(g.path, "the group runs on Spot ("+spot.format+") but "+g.msg, spot.args...)
	}
}

// asgSpotUse says whether the group launches Spot instances, and why: its
// mixed instances policy keeps less than 100% On-Demand above the base
// capacity, or its launch template or launch configuration asks for Spot.
// ok is false when an unknown value was recorded. A launch template that
// is not a resource of this stack cannot be read: the group is then not
// judged, as the rule applies only to groups known to use Spot.
func asgSpotUse(c *rules.Check) (*asgSpotWhy, bool) {
	mip := c.R.Attrs.Get("mixed_instances_policy")
	if !mip.IsKnown() {
		c.Unknown("mixed_instances_policy", mip)
		return nil, false
	}
	if asgSpotHasMixedPolicy(c) {
		const pctPath = "mixed_instances_policy.instances_distribution.on_demand_percentage_above_base_capacity"
		// OnDemandPercentageAboveBaseCapacity "Default: 100";
		// OnDemandBaseCapacity "Default: 0" (EC2 Auto Scaling API,
		// InstancesDistribution).
		pct, ok := numAt(c, pctPath, 100)
		if !ok {
			return nil, false
		}
		if pct >= 100 {
			return nil, true
		}
		const basePath = "mixed_instances_policy.instances_distribution.on_demand_base_capacity"
		base, ok := numAt(c, basePath, 0)
		if !ok {
			return nil, false
		}
		if max, isNum := c.R.Attrs.Get("max_size").Number(); isNum && base >= max {
			return nil, true // the On-Demand base covers the whole group
		}
		return &asgSpotWhy{"on_demand_percentage_above_base_capacity is %s", []any{num(pct)}}, true
	}
	for _, t := range c.Graph.Targets(c.R, "launch_template") {
		if t.Kind != "aws_launch_template" {
			continue
		}
		mt := t.Attrs.Get("instance_market_options.market_type")
		if !mt.IsKnown() {
			c.UnknownIn(t, "instance_market_options.market_type", mt)
			return nil, false
		}
		if strings.EqualFold(knownStr(mt), "spot") {
			return &asgSpotWhy{"%s sets instance_market_options.market_type = spot", []any{t.Address}}, true
		}
		return nil, true
	}
	for _, t := range c.Graph.Targets(c.R, "launch_configuration") {
		if t.Kind != "aws_launch_configuration" {
			continue
		}
		sp := t.Attrs.Get("spot_price")
		if !sp.IsKnown() {
			c.UnknownIn(t, "spot_price", sp)
			return nil, false
		}
		if !sp.IsNull() {
			return &asgSpotWhy{"%s sets spot_price", []any{t.Address}}, true
		}
		return nil, true
	}
	return nil, true
}

// asgSpotHasMixedPolicy reports a mixed_instances_policy block.
func asgSpotHasMixedPolicy(c *rules.Check) bool {
	return len(c.R.Attrs.Blocks("mixed_instances_policy")) > 0
}

// asgSpotTypes says which instance types a Spot group may launch, adding a
// gap when it is one; ok is false when an unknown value was recorded.
func asgSpotTypes(c *rules.Check, gaps *[]asgSpotGap) (string, bool) {
	const ltPath = "mixed_instances_policy.launch_template"
	if !asgSpotHasMixedPolicy(c) {
		// Spot from the launch template or configuration alone: one type.
		*gaps = append(*gaps, asgSpotGap{"", "it can launch only one instance type, its launch template's or launch configuration's, so one Spot pool per zone holds all its Spot capacity; use a mixed_instances_policy with several override instance types"})
		return "", true
	}
	known := map[string]bool{}
	var unknownType *infra.Value
	flexible := false
	var overrides []infra.Value
	switch ov := c.R.Attrs.Get(ltPath + ".override"); ov.Kind() {
	case infra.List:
		overrides = ov.List()
	case infra.Object, infra.Unknown:
		overrides = []infra.Value{ov}
	}
	for _, o := range overrides {
		if !o.IsKnown() {
			c.Unknown(ltPath+".override", o)
			return "", false
		}
		if !o.Get("instance_requirements").IsNull() {
			flexible = true
			continue
		}
		it := o.Get("instance_type")
		switch {
		case !it.IsKnown():
			if unknownType == nil {
				unknownType = &it
			}
		case knownStr(it) != "":
			known[knownStr(it)] = true
		}
	}
	if !flexible && len(overrides) == 0 {
		// No overrides: the launch template's own instance type, unless it
		// selects types by attributes.
		for _, t := range c.Graph.Targets(c.R, ltPath) {
			if t.Kind == "aws_launch_template" && !t.Attrs.Get("instance_requirements").IsNull() {
				flexible = true
			}
		}
	}
	var what string
	switch {
	case flexible:
		what = "instance types chosen by instance_requirements"
	case len(known) >= 2:
		names := make([]string, 0, len(known))
		for n := range known {
			names = append(names, n)
		}
		sort.Strings(names)
		what = fmt.Sprintf("%d instance types (%s)", len(names), strings.Join(names, ", "))
	case unknownType != nil:
		c.Unknown(ltPath+".override.instance_type", *unknownType)
		return "", false
	case len(known) == 1:
		*gaps = append(*gaps, asgSpotGap{ltPath + ".override", "its overrides offer one instance type, so one Spot pool per zone holds all its Spot capacity; add override blocks for two or more other types of the same size"})
	default:
		*gaps = append(*gaps, asgSpotGap{ltPath, "it has no override blocks, so it launches only the launch template's instance type and one Spot pool per zone holds all its Spot capacity; add override blocks for several instance types"})
	}
	// SpotAllocationStrategy "Default: lowest-price"; SpotInstancePools
	// "Default: 2", used only with lowest-price (EC2 Auto Scaling API).
	const distPath = "mixed_instances_policy.instances_distribution"
	strategy, ok := strAt(c, distPath+".spot_allocation_strategy", "lowest-price")
	if !ok {
		return "", false
	}
	if strategy == "lowest-price" {
		pools, ok := numAt(c, distPath+".spot_instance_pools", 2)
		if !ok {
			return "", false
		}
		if pools == 1 && what != "" {
			*gaps = append(*gaps, asgSpotGap{distPath + ".spot_instance_pools", "spot_instance_pools is 1 with the lowest-price strategy, so it takes all Spot capacity of a zone from its cheapest pool whatever types it offers; use spot_allocation_strategy = \"price-capacity-optimized\""})
		}
	}
	return what, true
}

// checkNodeGroupSpotTypes judges an EKS managed node group on Spot: Amazon
// EKS enables capacity rebalancing for it, so only its instance types count.
func checkNodeGroupSpotTypes(c *rules.Check) {
	// capacity_type: "ON_DEMAND" unless set (provider docs).
	ct, ok := strAt(c, "capacity_type", "ON_DEMAND")
	if !ok || ct != "SPOT" {
		return
	}
	// instance_types: ["t3.medium"] unless set, or the launch template's
	// instance type (provider docs).
	v, ok := read(c, "instance_types")
	if !ok {
		return
	}
	if v.Len() == 0 {
		c.Fail("instance_types", "capacity_type is SPOT and instance_types is not set, so the group launches one instance type (t3.medium, or its launch template's) and all its Spot capacity comes from one pool per zone; list two or more types of the same size")
		return
	}
	if v.Len() == 1 {
		c.Fail("instance_types", "capacity_type is SPOT and instance_types lists one type (%s), so all its Spot capacity comes from one pool per zone; list two or more types of the same size", asgSpotShown(v.List()[0]))
		return
	}
	known := map[string]bool{}
	for _, t := range v.List() {
		if !t.IsKnown() {
			c.Unknown("instance_types", t)
			return
		}
		known[knownStr(t)] = true
	}
	if len(known) < 2 {
		c.Fail("instance_types", "capacity_type is SPOT and instance_types repeats one type, so all its Spot capacity comes from one pool per zone; list two or more types of the same size")
		return
	}
	names := make([]string, 0, len(known))
	for n := range known {
		names = append(names, n)
	}
	sort.Strings(names)
	c.Pass("capacity_type is SPOT with %d instance types (%s)", len(names), strings.Join(names, ", "))
}

// asgSpotShown is a value for a message: itself when known, else its expression.
func asgSpotShown(v infra.Value) string {
	if v.IsKnown() {
		return knownStr(v)
	}
	return v.Expr()
}
