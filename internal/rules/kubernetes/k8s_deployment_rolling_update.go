package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-deployment-rolling-update",
		Item:     checklist.Deploy,
		Severity: checklist.High,
		Title:    "Rollouts replace pods a few at a time, keeping the service up",
		Why: "The Recreate strategy stops every pod before starting the new ones, and a rolling update " +
			"whose maxUnavailable covers all replicas does the same: every release, config change or " +
			"image bump is an outage for as long as the new pods take to become ready, and a release that " +
			"never becomes ready leaves nothing running.",
		Fix: `spec:
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0    # or a share of the replicas below 100%
      maxSurge: 25%`,
		References: []string{
			doc("concepts/workloads/controllers/deployment/#strategy"),
			"kube-score: deployment-strategy", "kube-linter: no-rolling-update-strategy",
		},
		Kinds:         []string{"apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "argoproj.io/Rollout"},
		CrossResource: true, // the autoscaler that owns the replicas; the volumes that justify Recreate
		Check:         checkRollingUpdate,
	})
}

// checkRollingUpdate reads each kind's update strategy. Unlike
// kube-score, a Deployment not selected by any Service is graded too: a
// worker that is recreated stops work on every release. OnDelete
// (StatefulSet, DaemonSet) is not graded: it hands each pod's update to
// an operator or a person on purpose, a choice for databases and node
// agents rather than a way to cause downtime.
func checkRollingUpdate(c *rules.Check) {
	switch c.R.Kind {
	case "argoproj.io/Rollout":
		// Argo Rollouts only has progressive strategies.
		switch {
		case !c.R.Attrs.Get("spec.strategy.blueGreen").IsNull():
			c.Pass("the Rollout uses a blue-green strategy")
		case !c.R.Attrs.Get("spec.strategy.canary").IsNull():
			c.Pass("the Rollout uses a canary strategy")
		}
		return
	case "apps/Deployment":
		checkDeploymentStrategy(c)
	default:
		checkUpdateStrategy(c)
	}
}

func checkDeploymentStrategy(c *rules.Check) {
	t := c.R.Attrs.Get("spec.strategy.type")
	if !t.IsKnown() {
		c.Unknown("spec.strategy.type", t)
		return
	}
	switch typ := str(t); typ {
	case "", "RollingUpdate": // RollingUpdate is the default
		checkMaxUnavailable(c, "spec.strategy.rollingUpdate.maxUnavailable", infra.StringValue("25%"))
	case "Recreate":
		if claim := recreateNeeded(c); claim != "" {
			// Two pods on different nodes cannot mount one ReadWriteOnce
			// volume: a rolling update would hang, so Recreate is the
			// correct choice and the fix lies elsewhere (a StatefulSet).
			return
		}
		c.Fail("spec.strategy.type", "strategy.type is Recreate: every rollout stops all pods of %s before the new ones start; use RollingUpdate", c.R.Address)
	default:
		c.Fail("spec.strategy.type", "strategy.type is %s, not RollingUpdate", typ)
	}
}

// checkUpdateStrategy grades a StatefulSet's or DaemonSet's updateStrategy.
func checkUpdateStrategy(c *rules.Check) {
	t := c.R.Attrs.Get("spec.updateStrategy.type")
	if !t.IsKnown() {
		c.Unknown("spec.updateStrategy.type", t)
		return
	}
	switch typ := str(t); typ {
	case "", "RollingUpdate": // the default for both kinds
		// maxUnavailable defaults to 1: one pod (one node's pod) at a time.
		checkMaxUnavailable(c, "spec.updateStrategy.rollingUpdate.maxUnavailable", infra.NumberValue(1))
	case "OnDelete":
		// Deliberate manual updates; see checkRollingUpdate.
	default:
		c.Fail("spec.updateStrategy.type", "updateStrategy.type is %s, not RollingUpdate", typ)
	}
}

// checkMaxUnavailable fails a maxUnavailable that lets every pod be down
// at once: 100%, or a count of at least the replicas. A DaemonSet has
// one pod per node, a number the manifest does not know, so only a
// percentage can be judged.
func checkMaxUnavailable(c *rules.Check, path string, def infra.Value) {
	v := c.R.Attrs.Get(path)
	if !v.IsKnown() {
		c.Unknown(path, v)
		return
	}
	shown := str(v)
	if v.IsNull() {
		v, shown = def, str(def)+" (the default)"
	}
	n, percent, ok := intOrPercent(v)
	switch {
	case !ok:
		c.Fail(path, "maxUnavailable is %s, neither a count nor a percentage", shown)
		return
	case percent && n >= 100:
		// maxUnavailable rounds down: 100% of any count is all of it.
		c.Fail(path, "maxUnavailable is %s: a rollout may stop every pod at once; use a share below 100%%, or 0 with a maxSurge", shown)
		return
	case percent || c.R.Kind == "apps/DaemonSet":
		// Below 100% leaves a pod up whatever the count; a DaemonSet's
		// count is its nodes', which the manifest does not know.
		c.Pass("rolling update with maxUnavailable %s", shown)
		return
	}
	rc := replicasOf(c)
	if !rc.known {
		return
	}
	if c.R.Kind == "apps/StatefulSet" && rc.autoscaler == nil && rc.n < 2 {
		// A StatefulSet cannot start a replacement before stopping the
		// pod it replaces, so one replica is down during any update,
		// whatever the strategy: the fix is more replicas, which
		// k8s-workload-replicas asks for.
		return
	}
	switch {
	case rc.autoscaler != nil:
		if least := minReplicas(rc.autoscaler); n >= least {
			c.Fail(path, "maxUnavailable is %d, and %s may scale down to %d replica(s): a rollout may then stop every pod at once; set it below the minimum, or to 0 with a maxSurge", n, rc.autoscaler.Address, least)
			return
		}
	case rc.n > 0 && n >= rc.n:
		c.Fail(path, "maxUnavailable is %d, all %d replica(s): a rollout may stop every pod at once; set it below the replica count, or to 0 with a maxSurge", n, rc.n)
		return
	}
	c.Pass("rolling update with maxUnavailable %s", shown)
}

// minReplicas is the fewest replicas an autoscaler keeps: an HPA's
// minReplicas (default 1) or a ScaledObject's minReplicaCount (default 0,
// taken as 1: the rollout question is about the pods that run).
func minReplicas(as *infra.Resource) int {
	path := "spec.minReplicas"
	if as.Kind == "keda.sh/ScaledObject" {
		path = "spec.minReplicaCount"
	}
	if f, ok := as.Attrs.Get(path).Number(); ok && f >= 1 {
		return int(f)
	}
	return 1
}

// recreateNeeded names a PersistentVolumeClaim the pod mounts that only
// one node can attach at a time (ReadWriteOnce or ReadWriteOncePod), or
// whose access modes the scan cannot see; "" when every claim it mounts
// can be shared (ReadWriteMany, ReadOnlyMany) or it mounts none.
func recreateNeeded(c *rules.Check) string {
	spec, _ := podSpec(c.R)
	found := map[string]*infra.Resource{}
	for _, t := range c.Graph.Targets(c.R, "") {
		if t.Kind == "core/PersistentVolumeClaim" {
			found[t.Name] = t
		}
	}
	for _, vol := range spec.Get("volumes").List() {
		claim := str(vol.Get("persistentVolumeClaim.claimName"))
		if claim == "" {
			continue
		}
		pvc := found[claim]
		if pvc == nil {
			return claim // not in the scan: it may well be ReadWriteOnce
		}
		shared := false
		for _, m := range pvc.Attrs.Get("spec.accessModes").List() {
			switch str(m) {
			case "ReadWriteMany", "ReadOnlyMany":
				shared = true
			}
		}
		if !shared {
			return claim
		}
	}
	return ""
}
