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
		ID:       "aws-ecs-service-autoscaling",
		Item:     checklist.Scalability,
		Severity: checklist.Medium,
		Title:    "ECS services scale their task count with Application Auto Scaling (a target with room and a policy)",
		Why: "An ECS service runs exactly desired_count tasks: when traffic grows, its tasks saturate and " +
			"requests queue or fail until someone raises the count by hand. An aws_appautoscaling_target on " +
			"ecs:service:DesiredCount with max_capacity above min_capacity, and a target-tracking or step " +
			"policy on it, adds tasks under load and removes them after.",
		Fix: `resource "aws_appautoscaling_target" "api" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.api.name}"
  min_capacity       = 2
  max_capacity       = 10
}

resource "aws_appautoscaling_policy" "api_cpu" {
  name               = "api-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.api.service_namespace
  scalable_dimension = aws_appautoscaling_target.api.scalable_dimension
  resource_id        = aws_appautoscaling_target.api.resource_id
  target_tracking_scaling_policy_configuration {
    target_value = 60
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}`,
		CloudFormationFix: `Service:
  Type: AWS::ECS::Service
  Properties:
    # ...
ScalableTarget:
  Type: AWS::ApplicationAutoScaling::ScalableTarget
  Properties:
    ServiceNamespace: ecs
    ScalableDimension: ecs:service:DesiredCount
    ResourceId: !Sub service/${Cluster}/${Service.Name}
    MinCapacity: 2
    MaxCapacity: 10 # above MinCapacity, so there is room to add tasks
ScalingPolicy:
  Type: AWS::ApplicationAutoScaling::ScalingPolicy
  Properties:
    PolicyName: api-cpu
    PolicyType: TargetTrackingScaling
    ScalingTargetId: !Ref ScalableTarget
    TargetTrackingScalingPolicyConfiguration:
      TargetValue: 60 # average CPU percent the task count is adjusted to hold
      PredefinedMetricSpecification:
        PredefinedMetricType: ECSServiceAverageCPUUtilization
`,
		References: []string{
			doc("aws_appautoscaling_target"),
			doc("aws_appautoscaling_policy"),
			"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-auto-scaling.html",
		},
		Kinds:         []string{"aws_ecs_service"},
		CrossResource: true, // Application Auto Scaling targets and policies
		Check:         checkECSServiceAutoscaling,
	})
}

// ecsDesiredCount is the scalable dimension of an ECS service's task count.
const ecsDesiredCount = "ecs:service:DesiredCount"

func checkECSServiceAutoscaling(c *rules.Check) {
	if knownStr(c.R.Attrs.Get("scheduling_strategy")) == "DAEMON" {
		return // one task per container instance: it scales with the cluster, not with a task count
	}
	targets := ecsScalingTargets(c)
	if len(targets) == 0 {
		if r := ecsUnresolvedScalingTarget(c); r != nil {
			c.UnknownIn(r, "resource_id", r.Attrs.Get("resource_id"))
			return
		}
		c.Missing("no aws_appautoscaling_target with scalable_dimension %s has a resource_id naming %s, so it runs a fixed desired_count; add a target and a scaling policy", ecsDesiredCount, c.R.Address)
		return
	}
	t := targets[0]
	minV, maxV := t.Attrs.Get("min_capacity"), t.Attrs.Get("max_capacity")
	if !minV.IsKnown() {
		c.UnknownIn(t, "min_capacity", minV)
		return
	}
	if !maxV.IsKnown() {
		c.UnknownIn(t, "max_capacity", maxV)
		return
	}
	lo, _ := minV.Number()
	hi, _ := maxV.Number()
	if hi <= lo {
		c.FailAt(attrLoc(t, "max_capacity"), "%s has max_capacity %s and min_capacity %s, so it cannot add a task; raise max_capacity above min_capacity", t.Address, num(hi), num(lo))
		return
	}
	policies := c.Graph.Pointing(t, "aws_appautoscaling_policy", "resource_id", "resource_id")
	if len(policies) == 0 { // a policy may name the service as the target does
		policies = c.Graph.Referrers(c.R, "aws_appautoscaling_policy", "resource_id")
	}
	if len(policies) == 0 {
		if r := c.Graph.Unresolved(t, "aws_appautoscaling_policy", "resource_id", "resource_id"); r != nil {
			c.UnknownIn(r, "resource_id", r.Attrs.Get("resource_id"))
			return
		}
		c.Missing("%s lets the service scale from %s to %s tasks, but no aws_appautoscaling_policy acts on it, so the count never changes; add a target-tracking policy", t.Address, num(lo), num(hi))
		return
	}
	c.Pass("%s scales it from %s to %s tasks (%s)", t.Address, num(lo), num(hi), policies[0].Address)
}

// ecsScalingTargets returns the Application Auto Scaling targets of the
// service's task count: a resource_id that references the service
// ("service/${cluster}/${aws_ecs_service.api.name}"), or a known one that
// names it ("service/prod/api"). A target of another dimension is not one.
func ecsScalingTargets(c *rules.Check) []*infra.Resource {
	var out []*infra.Resource
	seen := map[*infra.Resource]bool{}
	add := func(t *infra.Resource) {
		d := t.Attrs.Get("scalable_dimension")
		if !seen[t] && (!d.IsKnown() || knownStr(d) == ecsDesiredCount) {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, t := range c.Graph.Referrers(c.R, "aws_appautoscaling_target", "resource_id") {
		add(t)
	}
	if name := knownStr(c.R.Attrs.Get("name")); name != "" {
		for id, ts := range c.Graph.Index("aws_appautoscaling_target", "resource_id").Known {
			if strings.HasPrefix(id, "service/") && strings.HasSuffix(id, "/"+name) && strings.Count(id, "/") == 2 {
				for _, t := range ts {
					if !ecsTargetNamesOtherService(c, t) {
						add(t)
					}
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out
}

// ecsTargetNamesOtherService reports a target whose resource_id references
// an ECS service other than the checked one.
func ecsTargetNamesOtherService(c *rules.Check, t *infra.Resource) bool {
	for _, s := range c.Graph.Targets(t, "resource_id") {
		if s.Kind == "aws_ecs_service" && s != c.R {
			return true
		}
	}
	return false
}

// ecsUnresolvedScalingTarget returns a target whose resource_id cannot be
// resolved and that may scale this service: it is not of another namespace
// or dimension and references no other ECS service. It may well be the
// evidence, so the result is unknown, not fail.
func ecsUnresolvedScalingTarget(c *rules.Check) *infra.Resource {
	for _, t := range c.Graph.Index("aws_appautoscaling_target", "resource_id").All {
		ns, d := t.Attrs.Get("service_namespace"), t.Attrs.Get("scalable_dimension")
		if ns.IsKnown() && knownStr(ns) != "ecs" || d.IsKnown() && knownStr(d) != ecsDesiredCount {
			continue
		}
		if !ecsTargetNamesOtherService(c, t) {
			return t
		}
	}
	return nil
}
