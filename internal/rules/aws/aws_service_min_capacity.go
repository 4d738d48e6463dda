package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-service-min-capacity",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "Services behind a load balancer keep at least two instances or tasks",
		Why: "An Auto Scaling group or ECS service that serves a load balancer with a minimum of one instance " +
			"or task is a single point of failure: an instance retired by AWS, a zone outage, a crashed task " +
			"or every deploy takes the service down until a replacement has started and passed its health " +
			"checks. Two, in different zones, keep it answering.",
		Fix: `resource "aws_autoscaling_group" "app" {
  min_size            = 2
  vpc_zone_identifier = var.private_subnet_ids   # in at least two zones
}

resource "aws_ecs_service" "api" {
  desired_count = 2   # with an aws_appautoscaling_target of min_capacity >= 2
}`,
		Fixes: map[string]string{
			"aws_autoscaling_group": `resource "aws_autoscaling_group" "app" {
  # ...
  min_size            = 2
  vpc_zone_identifier = var.private_subnet_ids   # in at least two zones
}`,
			"aws_ecs_service": `resource "aws_ecs_service" "api" {
  # ...
  desired_count = 2
}

resource "aws_appautoscaling_target" "api" {
  # ...
  min_capacity = 2
}`,
		},
		CloudFormationFix: `Group:
  Type: AWS::AutoScaling::AutoScalingGroup
  Properties:
    # ...
    MinSize: "2"
    VPCZoneIdentifier: !Ref PrivateSubnetIds # in at least two zones
`,
		CloudFormationFixes: map[string]string{
			"aws_ecs_service": `Service:
  Type: AWS::ECS::Service
  Properties:
    # ...
    DesiredCount: 2
ServiceScalableTarget:
  Type: AWS::ApplicationAutoScaling::ScalableTarget
  Properties:
    # ...
    ServiceNamespace: ecs
    ScalableDimension: ecs:service:DesiredCount
    ResourceId: !Sub service/${Cluster}/${Service.Name}
    MinCapacity: 2
`,
		},
		References:    []string{doc("aws_autoscaling_group"), doc("aws_ecs_service")},
		Kinds:         []string{"aws_autoscaling_group", "aws_ecs_service"},
		CrossResource: true, // attachments to target groups; Application Auto Scaling targets
		Check:         checkMinCapacity,
	})
}

// checkMinCapacity judges only what serves a load balancer (a target
// group attached to the group, or an ECS load_balancer block): a bastion
// or a batch worker with one instance is not a service's whole capacity.
func checkMinCapacity(c *rules.Check) {
	if c.R.Kind == "aws_ecs_service" {
		checkECSTasks(c)
		return
	}
	if !servesLoadBalancer(c) {
		return
	}
	n, ok := numAt(c, "min_size", 0)
	if !ok {
		return
	}
	if n < 2 {
		c.Fail("min_size", "min_size is %s, so the group serving the load balancer may run one instance (or none); keep min_size >= 2 over two zones", num(n))
		return
	}
	c.Pass("min_size is %s", num(n))
}

// servesLoadBalancer reports an Auto Scaling group registered with a target
// group or classic load balancer, inline or through an attachment resource.
func servesLoadBalancer(c *rules.Check) bool {
	for _, a := range []string{"target_group_arns", "load_balancers", "traffic_source"} {
		if v := c.R.Attrs.Get(a); !v.IsNull() && (!v.IsKnown() || v.Len() > 0) {
			return true
		}
	}
	for _, k := range []string{"aws_autoscaling_attachment", "aws_autoscaling_traffic_source_attachment"} {
		if len(c.Graph.Referrers(c.R, k, "")) > 0 {
			return true
		}
	}
	return false
}

func checkECSTasks(c *rules.Check) {
	if knownStr(c.R.Attrs.Get("scheduling_strategy")) == "DAEMON" || c.R.Attrs.Get("load_balancer").IsNull() {
		return // one task per instance, or not behind a load balancer
	}
	for _, t := range c.Graph.Referrers(c.R, "aws_appautoscaling_target", "resource_id") {
		if n, ok := t.Attrs.Get("min_capacity").Number(); ok {
			if n < 2 {
				c.FailAt(attrLoc(t, "min_capacity"), "%s lets the service scale in to %s task(s); keep min_capacity >= 2", t.Address, num(n))
			} else {
				c.Pass("%s keeps at least %s tasks", t.Address, num(n))
			}
			return
		}
	}
	n, ok := numAt(c, "desired_count", 0) // desired_count defaults to 0
	if !ok {
		return
	}
	if n < 2 {
		c.Fail("desired_count", "desired_count is %s, so one crashed task or one deploy takes the service down; run at least 2 tasks", num(n))
		return
	}
	c.Pass("desired_count is %s", num(n))
}
