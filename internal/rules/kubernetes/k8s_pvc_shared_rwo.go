package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pvc-shared-rwo",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "Replicated pods do not share a volume only one node can mount",
		Why: "A ReadWriteOnce volume attaches to one node. When several replicas of a Deployment mount the same " +
			"claim, every replica scheduled on another node hangs in ContainerCreating: the extra replicas " +
			"never serve, and a node failure leaves the service down until the volume moves.",
		Fix: `# Give each replica its own volume (a StatefulSet with volumeClaimTemplates),
# or use a volume many nodes can mount:
spec:
  accessModes: [ReadWriteMany]`,
		References:    []string{doc("concepts/storage/persistent-volumes/#access-modes")},
		Kinds:         []string{"apps/Deployment", "apps/ReplicaSet", "argoproj.io/Rollout", "core/ReplicationController"},
		CrossResource: true,
		Check:         checkSharedRWO,
	})
}

func checkSharedRWO(c *rules.Check) {
	var claims []string
	for _, t := range c.Graph.Targets(c.R, "") {
		if t.Kind == "core/PersistentVolumeClaim" && onlyOneNode(t.Attrs.Get("spec.accessModes")) {
			claims = append(claims, t.Address)
		}
	}
	if len(claims) == 0 {
		return
	}
	rc := replicasOf(c)
	switch {
	case !rc.known:
		return
	case rc.autoscaler != nil:
		c.Fail("spec", "%s scales these pods, but they mount %s, which only one node can attach (ReadWriteOnce): replicas on other nodes cannot start", rc.autoscaler.Address, claims[0])
	case rc.n >= 2:
		c.Fail("spec.replicas", "spec.replicas is %d, but the pods mount %s, which only one node can attach (ReadWriteOnce): replicas on other nodes cannot start", rc.n, claims[0])
	default:
		c.Pass("one replica mounts %s", claims[0])
	}
}

// onlyOneNode reports access modes that let a single node attach the
// volume: ReadWriteOnce and ReadWriteOncePod, and no other.
func onlyOneNode(modes infra.Value) bool {
	if modes.Len() == 0 {
		return false // not written: the volume decides; do not guess
	}
	for _, m := range modes.List() {
		if s := str(m); s != "ReadWriteOnce" && s != "ReadWriteOncePod" {
			return false
		}
	}
	return true
}
