package compose

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-cpu-limit",
		Item:     checklist.Performance,
		Severity: checklist.Low,
		Title:    "Long-running services have a CPU limit",
		Why: "Without a limit a container may use every CPU of the host: a busy loop, a runaway query or a " +
			"traffic spike in one service slows every other service on the host, including the database. " +
			"Docker shares CPU equally among busy containers by default, so this is a slowdown, not an outage; " +
			"a limit also makes a service's capacity the same on every host.",
		Fix: `services:
  web:
    deploy:
      resources:
        limits:
          cpus: "1.5"`,
		References: []string{
			"https://docs.docker.com/reference/compose-file/deploy/#resources",
			"https://docs.docker.com/reference/compose-file/services/#cpus",
			"https://docs.docker.com/engine/containers/resource_constraints/#cpu",
			"KICS: Cpus Not Limited",
		},
		Kinds:         serviceKinds,
		CrossResource: true, // other services tell a one-shot task
		Check:         checkCPULimit,
	})
}

// checkCPULimit looks for any setting that caps the CPU a container uses:
// deploy.resources.limits.cpus, cpus, cpu_quota, cpuset, or on Windows
// cpu_count and cpu_percent. cpu_shares is a relative weight and
// deploy.resources.reservations.cpus a floor (which docker compose does
// not even apply: it is Swarm's), so neither caps anything.
func checkCPULimit(c *rules.Check) {
	if !longRunning(c) {
		return
	}
	for _, path := range []string{"deploy.resources.limits.cpus", "cpus", "cpu_quota", "cpu_count", "cpu_percent"} {
		v := c.R.Attrs.Get(path)
		if v.IsNull() {
			continue
		}
		if !v.IsKnown() {
			c.Unknown(path, v)
			return
		}
		if n, ok := opsBytes(v); ok && n > 0 {
			c.Pass("%s is %s", path, str(v))
			return
		}
	}
	if v := c.R.Attrs.Get("cpuset"); str(v) != "" {
		c.Pass("cpuset pins it to CPUs %s", str(v))
		return
	}
	switch {
	case !c.R.Attrs.Get("deploy.resources.reservations.cpus").IsNull():
		c.Fail("deploy.resources", "service %s reserves CPU but sets no CPU limit: a reservation is a floor (and only Swarm applies it); add deploy.resources.limits.cpus", c.R.Name)
	case !c.R.Attrs.Get("cpu_shares").IsNull():
		c.Fail("cpu_shares", "cpu_shares is a relative weight, not a limit: service %s may still use every CPU of the host; set deploy.resources.limits.cpus (or cpus)", c.R.Name)
	default:
		c.Fail("deploy.resources", "service %s has no CPU limit, so it may use every CPU of the host; set deploy.resources.limits.cpus (or cpus)", c.R.Name)
	}
}
