package compose

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-memory-limit",
		Item:     checklist.Performance,
		Severity: checklist.High,
		Title:    "Long-running services have a memory limit",
		Why: "Memory cannot be throttled: a container without a limit that leaks or spikes takes memory from " +
			"every other container on the host until the kernel's OOM killer starts killing processes, and it " +
			"may pick the database rather than the leaking service. A limit confines the damage to the service " +
			"at fault, which its restart policy then restarts.",
		Fix: `services:
  web:
    deploy:
      resources:
        limits:
          memory: 512M`,
		References: []string{
			"https://docs.docker.com/reference/compose-file/deploy/#resources",
			"https://docs.docker.com/reference/compose-file/services/#mem_limit",
			"https://docs.docker.com/engine/containers/resource_constraints/#memory",
			"KICS: Memory Not Limited",
		},
		Kinds:         serviceKinds,
		CrossResource: true, // other services tell a one-shot task
		Check:         checkMemoryLimit,
	})
}

// checkMemoryLimit reads deploy.resources.limits.memory and mem_limit
// (docker compose applies either; the loader refuses two different
// values). Without either, or with 0, the container may use all the
// host's memory.
func checkMemoryLimit(c *rules.Check) {
	if !longRunning(c) {
		return
	}
	for _, path := range []string{"deploy.resources.limits.memory", "mem_limit"} {
		v := c.R.Attrs.Get(path)
		if v.IsNull() {
			continue
		}
		if !v.IsKnown() {
			c.Unknown(path, v)
			return
		}
		n, ok := opsBytes(v)
		switch {
		case !ok:
			c.Fail(path, "%s is not a memory size", path)
		case n <= 0:
			c.Fail(path, "%s is 0, which means no limit; set the most memory the service may use, e.g. 512M", path)
		default:
			c.Pass("%s is %s", path, opsSize(n))
		}
		return
	}
	if res := c.R.Attrs.Get("deploy.resources.reservations.memory"); !res.IsNull() {
		c.Fail("deploy.resources", "service %s reserves memory but sets no limit: a reservation is a floor, not a ceiling; add deploy.resources.limits.memory", c.R.Name)
		return
	}
	c.Fail("deploy.resources", "service %s has no memory limit, so it may use all of the host's memory; set deploy.resources.limits.memory (or mem_limit)", c.R.Name)
}
