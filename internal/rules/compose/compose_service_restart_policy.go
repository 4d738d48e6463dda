package compose

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-restart-policy",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "Long-running services have a restart policy (restart: unless-stopped, always or on-failure)",
		Why: "Docker's default restart policy is \"no\": a service that crashes, runs out of memory or is " +
			"killed stays down until someone starts it by hand, and after a host or Docker daemon restart " +
			"nothing comes back up.",
		Fix: `services:
  web:
    restart: unless-stopped`,
		References: []string{
			"https://docs.docker.com/reference/compose-file/services/#restart",
			"https://docs.docker.com/reference/compose-file/deploy/#restart_policy",
			"https://docs.docker.com/engine/containers/start-containers-automatically/",
		},
		Kinds:         serviceKinds,
		CrossResource: true, // other services tell a one-shot task; the project tells Swarm
		Check:         checkRestartPolicy,
	})
}

// checkRestartPolicy reads the policy docker compose gives the container:
// deploy.restart_policy when it is set (it overrides restart), else
// restart, else Docker's default "no". Swarm ignores restart and
// defaults to restarting on any exit. A task other services wait on to
// complete (service_completed_successfully) is meant to exit and is
// skipped.
func checkRestartPolicy(c *rules.Check) {
	if !longRunning(c) {
		return
	}
	if rp := c.R.Attrs.Get("deploy.restart_policy"); !rp.IsNull() {
		cond := rp.Get("condition")
		if !cond.IsKnown() {
			c.Unknown("deploy.restart_policy.condition", cond)
			return
		}
		switch s := str(cond); s {
		case "any", "always", "unless-stopped":
			c.Pass("deploy.restart_policy.condition is %s", s)
		case "on-failure":
			c.Pass("deploy.restart_policy.condition is on-failure (a clean exit is not restarted)")
		case "none", "no":
			c.Fail("deploy.restart_policy.condition", "deploy.restart_policy.condition is %s, so a crashed container stays down; use any (or restart: unless-stopped)", s)
		case "":
			// Swarm's default condition is any; docker compose passes the
			// empty condition to Docker, which reads it as "no".
			if swarm, why := opsSwarm(c.Graph); swarm {
				c.Pass("deploy.restart_policy has Swarm's default condition, any (the project targets Swarm: %s)", why)
				return
			}
			c.Fail("deploy.restart_policy", "deploy.restart_policy sets no condition: Swarm would default to any, but docker compose gives the container no restart policy; set condition: any")
		default:
			c.Fail("deploy.restart_policy.condition", "deploy.restart_policy.condition is %s, which is not a restart condition (none, on-failure, any)", s)
		}
		return
	}
	if swarm, why := opsSwarm(c.Graph); swarm {
		// Swarm ignores restart and restarts a task on any exit by default.
		c.Pass("the project targets Swarm (%s), which restarts a service's tasks on any exit by default", why)
		return
	}
	v := c.R.Attrs.Get("restart")
	if !v.IsKnown() {
		c.Unknown("restart", v)
		return
	}
	s := str(v)
	name, _, _ := strings.Cut(s, ":")
	switch name {
	case "":
		c.Fail("", "service %s sets no restart policy, so Docker's default \"no\" applies: after a crash or a host reboot it stays down; set restart: unless-stopped", c.R.Name)
	case "no":
		c.Fail("restart", "restart is \"no\": after a crash or a host reboot the service stays down; set restart: unless-stopped (for a one-shot task, make the services that need it wait with depends_on condition: service_completed_successfully)")
	case "always", "unless-stopped":
		c.Pass("restart is %s", s)
	case "on-failure":
		c.Pass("restart is %s (a clean exit is not restarted)", s)
	default:
		c.Fail("restart", "restart is %s, which is not a restart policy (no, always, on-failure, unless-stopped)", s)
	}
}
