package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-hpa-target-requests",
		Item:     checklist.Scalability,
		Severity: checklist.High,
		Title:    "Workloads scaled on CPU or memory utilization request that resource",
		Why: "A HorizontalPodAutoscaler computes utilization as usage divided by the containers' requests. " +
			"When a container of the target requests no CPU (or memory), the HPA reports \"missing request\" " +
			"and never scales: the autoscaler is there, the service still falls over under load.",
		Fix: `resources:
  requests:
    cpu: 250m      # what the HPA's averageUtilization is a percentage of`,
		References:    []string{doc("tasks/run-application/horizontal-pod-autoscale/#how-does-a-horizontalpodautoscaler-work")},
		Kinds:         []string{"autoscaling/HorizontalPodAutoscaler"},
		CrossResource: true,
		Check:         checkHPARequests,
	})
}

// checkHPARequests checks, for each Resource metric of type Utilization
// (and autoscaling/v1's targetCPUUtilizationPercentage), that every app
// container of the target requests that resource. A LimitRange default
// counts, as for the requests rules.
func checkHPARequests(c *rules.Check) {
	var targets = c.Graph.Targets(c.R, "spec.scaleTargetRef")
	if len(targets) == 0 {
		return // k8s-hpa-target-exists reports it
	}
	resources := map[string]bool{}
	if !c.R.Attrs.Get("spec.targetCPUUtilizationPercentage").IsNull() {
		resources["cpu"] = true
	}
	for _, m := range c.R.Attrs.Get("spec.metrics").List() {
		if str(m.Get("type")) == "Resource" && str(m.Get("resource.target.type")) == "Utilization" {
			resources[str(m.Get("resource.name"))] = true
		}
	}
	// No metrics at all: autoscaling/v2 defaults to 80% CPU utilization.
	if c.R.Attrs.Get("spec.metrics").IsNull() && c.R.Attrs.Get("spec.targetCPUUtilizationPercentage").IsNull() {
		resources["cpu"] = true
	}
	if len(resources) == 0 {
		c.Pass("it scales on metrics that need no requests")
		return
	}
	t := targets[0]
	failed := false
	for _, res := range []string{"cpu", "memory"} {
		if !resources[res] || limitRangeDefault(c, "requests."+res) != nil {
			continue
		}
		for _, ct := range containers(t) {
			if ct.init {
				continue
			}
			req := ct.v.Get("resources.requests").Field(res)
			lim := ct.v.Get("resources.limits").Field(res)
			// A missing request takes the limit's value.
			if req.IsNull() && lim.IsNull() {
				c.Fail("spec.scaleTargetRef", "it scales %s on %s utilization, but container %s requests no %s, so the HPA cannot compute utilization and never scales; set resources.requests.%s", t.Address, res, ct.name, res, res)
				failed = true
			}
		}
	}
	if !failed {
		c.Pass("every container of %s requests what it scales on", t.Address)
	}
}
