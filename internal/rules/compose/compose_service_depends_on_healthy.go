package compose

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-depends-on-healthy",
		Item:     checklist.Deploy,
		Severity: checklist.Medium,
		Title:    "Services wait for the dependencies that have a healthcheck to be healthy (depends_on condition: service_healthy)",
		Why: "depends_on written as a list waits only until the dependency's container has started, not " +
			"until it answers: on every deploy and host restart the service starts against a database that is " +
			"still initialising, fails its first connections, and crash-loops or serves errors. The " +
			"dependency's healthcheck already says when it is ready.",
		Fix: `services:
  web:
    depends_on:
      db:
        condition: service_healthy`,
		References: []string{
			"https://docs.docker.com/reference/compose-file/services/#depends_on",
			"https://docs.docker.com/compose/how-tos/startup-order/",
		},
		Kinds:         serviceKinds,
		CrossResource: true, // the dependencies' healthchecks
		Check:         checkDependsOnHealthy,
	})
}

// checkDependsOnHealthy looks at each dependency that has a healthcheck
// the project shows (its own, or a HEALTHCHECK in the image it builds). A
// service whose dependencies have none is not graded: there is nothing
// to wait for. Only the short syntax (a list of names) is a gap: the long
// syntax requires a condition, so condition: service_started written
// there is a choice (a dependency the service tolerates being late, as
// Sentry's compose file does for memcached), not an oversight.
func checkDependsOnHealthy(c *rules.Check) {
	deps := c.R.Attrs.Get("depends_on")
	if !deps.IsKnown() {
		c.Unknown("depends_on", deps)
		return
	}
	healthy, failed := 0, false
	for _, f := range deps.Fields() {
		dep := c.Graph.Lookup("services." + f.Name)
		if dep == nil {
			continue
		}
		has, where, unknown := opsHealthcheck(c.Graph, dep)
		if unknown != nil {
			c.UnknownIn(dep, "healthcheck", *unknown)
			failed = true
			continue
		}
		if !has {
			continue
		}
		path := infra.Path{"depends_on", f.Name, "condition"}.String()
		cond := f.Value.Get("condition")
		if !cond.IsKnown() {
			c.Unknown(path, cond)
			failed = true
			continue
		}
		switch {
		case str(cond) != "service_started":
			healthy++
		case opsShortDependsOn(deps, f.Value):
			failed = true
			c.Fail(infra.Path{"depends_on", f.Name}.String(),
				"depends_on lists %s, which waits only for its container to start, though %s has a healthcheck (%s): %s can start before %s is ready; use the long syntax with condition: service_healthy",
				f.Name, f.Name, opsWhere(c, where), c.R.Name, f.Name)
		}
	}
	if healthy > 0 && !failed {
		c.Pass("it waits for its dependencies that have a healthcheck to be healthy (or to complete)")
	}
}
