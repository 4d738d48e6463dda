package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-rbac-create-pods",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Application roles do not create pods or the workloads that make them",
		Why: "Whoever may create a pod, or a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob that " +
			"makes pods, may run one as any ServiceAccount of the namespace and mount any of its Secrets and " +
			"ConfigMaps: create on workloads is, in effect, every permission the namespace holds. Applications " +
			"rarely need it; controllers that do should run with a role of their own, reviewed as one.",
		Fix: `# Remove create on pods and workload resources from application roles;
# let the deploy pipeline, with its own reviewed role, create workloads.`,
		References: []string{doc("concepts/security/rbac-good-practices/#workload-creation"), "kube-linter: access-to-create-pods"},
		Kinds:      []string{"rbac.authorization.k8s.io/Role", "rbac.authorization.k8s.io/ClusterRole"},
		Check:      checkCreateWorkloads,
	})
}

// workloadResources are the resources that run pods, by API group.
var workloadResources = []struct {
	group     string
	resources []string
}{
	{"", []string{"pods", "replicationcontrollers"}},
	{"apps", []string{"deployments", "statefulsets", "daemonsets", "replicasets"}},
	{"batch", []string{"jobs", "cronjobs"}},
}

func checkCreateWorkloads(c *rules.Check) {
	list := c.R.Attrs.Get("rules")
	if !list.IsKnown() {
		c.Unknown("rules", list)
		return
	}
	failed := false
	for i, r := range list.List() {
		if p, v, found := firstUnknown(r, "rules["+itoa(i)+"]"); found {
			c.Unknown(p, v)
			return
		}
		if r.Get("resourceNames").Len() > 0 {
			continue // create cannot be limited by name: such a rule grants nothing to create
		}
		for _, w := range workloadResources {
			if grants(r, "create", w.group, w.resources) {
				c.Fail("rules["+itoa(i)+"]", "rules[%d] lets it create %s, and so run code as any ServiceAccount with any Secret of the namespace; remove it from application roles", i, firstGranted(r, w.resources))
				failed = true
				break
			}
		}
	}
	if !failed {
		c.Pass("no rule lets it create pods or workloads")
	}
}

// firstGranted names the first of resources a policy rule lists ("*" when
// it grants every resource).
func firstGranted(r infra.Value, resources []string) string {
	for _, g := range stringsOf(r.Get("resources")) {
		for _, w := range resources {
			if g == w {
				return g
			}
		}
	}
	return "every resource"
}
