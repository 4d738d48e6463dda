package compose

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-replicas",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "Long-running services run at least two replicas where the project targets Swarm",
		Why: "With one replica, every crash, node drain, rollout or lost node is an outage: there is no other " +
			"copy to take the traffic while the only one is replaced. docker compose runs a project on one " +
			"host, so replicas there survive a crashed process but not a lost host; surviving that needs " +
			"Swarm or another orchestrator. A database needs its own replication (a standby, a replica set), " +
			"not more copies of one service.",
		Fix: `services:
  web:
    deploy:
      replicas: 2
      update_config: {order: start-first}`,
		References: []string{
			"https://docs.docker.com/reference/compose-file/deploy/#replicas",
			"https://docs.docker.com/engine/swarm/services/#replicated-or-global-services",
		},
		Kinds:         serviceKinds,
		CrossResource: true, // the project tells Swarm; other services tell a one-shot task
		Check:         checkReplicas,
	})
}

// checkReplicas reads deploy.replicas (or scale; 1 by default) and
// deploy.mode. Under Swarm, which the project shows by settings only
// Swarm acts on (see opsSwarm), one replica is a gap. Under docker
// compose every service runs on one host, and the file cannot give more
// than that: one replica there is unknown, with the reason, rather than a
// gap every Compose project would have.
func checkReplicas(c *rules.Check) {
	if !longRunning(c) {
		return
	}
	if mode := c.R.Attrs.Get("deploy.mode"); !mode.IsKnown() {
		c.Unknown("deploy.mode", mode)
		return
	} else if str(mode) == "global" {
		c.Pass("deploy.mode is global: Swarm runs one task on every node")
		return
	}
	n, path, v := opsReplicas(c.R)
	if !v.IsKnown() {
		c.Unknown(path, v)
		return
	}
	swarm, why := opsSwarm(c.Graph)
	switch {
	case n == 0 && path != "":
		return // scaled to zero: not running
	case n >= 2 && swarm:
		c.Pass("%s is %d", path, int(n))
	case n >= 2:
		c.Pass("%s is %d (on one Docker host: the copies survive a crashed process, not a lost host)", path, int(n))
	case swarm:
		at := path
		if at == "" {
			at = "deploy"
		}
		db := ""
		if img := opsImage(c.Graph, c.R); img != "" && opsIsDatabase(img) {
			db = " (for a database, add a replica of its own, such as a standby, rather than a second copy of this service)"
		}
		c.Fail(at, "service %s runs one replica though the project targets Swarm (%s): a crash, node drain or update is an outage; set deploy.replicas: 2 or more%s", c.R.Name, why, db)
	default:
		c.UnknownBecause("one Docker host runs one copy of service " + c.R.Name + ": docker compose runs a project on one host, " +
			"so surviving a lost host needs Swarm (deploy.replicas: 2 or more) or another orchestrator")
	}
}
