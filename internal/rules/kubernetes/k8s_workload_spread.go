package kubernetes

import (
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-workload-spread",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "Replicas are spread across nodes or zones",
		Why: "Nothing stops the scheduler from placing every replica on the same node, or in the same zone: " +
			"then one node failure, drain or zone outage takes all of them at once, and the extra replicas " +
			"bought no availability. A topology spread constraint or a pod anti-affinity on the node or zone " +
			"key keeps them apart.",
		Fix: `spec:
  template:
    spec:
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname   # or topology.kubernetes.io/zone
        whenUnsatisfiable: ScheduleAnyway
        labelSelector:
          matchLabels:
            app: web                          # the pods' own labels`,
		References: []string{
			doc("concepts/scheduling-eviction/topology-spread-constraints/"),
			doc("concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity"),
			"kube-score: deployment-has-host-podantiaffinity", "kube-score: statefulset-has-host-podantiaffinity",
			"kube-linter: no-anti-affinity",
		},
		Kinds:         serviceKinds,
		CrossResource: true, // the autoscaler that owns the replica count
		Check:         checkSpread,
	})
}

// spreadKeys are the node labels that put replicas in different failure
// domains: the node, the zone, the region (and their pre-1.17 names).
var spreadKeys = map[string]bool{
	"kubernetes.io/hostname":                   true,
	"topology.kubernetes.io/zone":              true,
	"topology.kubernetes.io/region":            true,
	"failure-domain.beta.kubernetes.io/zone":   true,
	"failure-domain.beta.kubernetes.io/region": true,
}

// checkSpread grades workloads that run, or may run, more than one pod:
// spec.replicas of 2 or more, or an autoscaler. A single replica (the
// default when replicas is omitted) has nothing to spread, and
// k8s-workload-replicas reports it. kube-score grades an omitted replicas
// too, as a sign of an autoscaler; here the autoscaler is looked for.
//
// A constraint or anti-affinity term counts when its topology key is one
// of spreadKeys and its selector selects the pods' own labels (in their
// own namespace): one that selects other pods keeps this workload's
// replicas no further apart.
func checkSpread(c *rules.Check) {
	rc := replicasOf(c)
	if !rc.known || rc.autoscaler == nil && rc.n < 2 {
		return
	}
	spec, specPath := podSpec(c.R)
	labels := k8s.PodLabels(c.R)
	var why *termProblem // why the first term present does not count
	for _, field := range []string{"topologySpreadConstraints", "affinity.podAntiAffinity"} {
		if v := spec.Get(field); !v.IsKnown() {
			c.Unknown(specPath+"."+field, v)
			return
		}
	}
	for i, t := range spec.Get("topologySpreadConstraints").List() {
		path := fmt.Sprintf("%s.topologySpreadConstraints[%d]", specPath, i)
		if p, v, found := firstUnknown(t, path); found {
			c.Unknown(p, v)
			return
		}
		if p := spreadTerm(t.Get("topologyKey"), t.Get("labelSelector"), nil, labels, c.R.Namespace); p != nil {
			if why == nil {
				p.term, p.path = "its topology spread constraint", path
				why = p
			}
			continue
		}
		c.Pass("topologySpreadConstraints[%d] spreads the pods by %s", i, str(t.Get("topologyKey")))
		return
	}
	anti := spec.Get("affinity.podAntiAffinity")
	for _, kind := range []string{"requiredDuringSchedulingIgnoredDuringExecution", "preferredDuringSchedulingIgnoredDuringExecution"} {
		for i, t := range anti.Get(kind).List() {
			path := fmt.Sprintf("%s.affinity.podAntiAffinity.%s[%d]", specPath, kind, i)
			if p, v, found := firstUnknown(t, path); found {
				c.Unknown(p, v)
				return
			}
			if kind[0] == 'p' {
				t = t.Get("podAffinityTerm")
			}
			if p := spreadTerm(t.Get("topologyKey"), t.Get("labelSelector"), t.Get("namespaces").List(), labels, c.R.Namespace); p != nil {
				if why == nil {
					p.term, p.path = "its podAntiAffinity term", path
					why = p
				}
				continue
			}
			c.Pass("a podAntiAffinity term keeps the pods apart by %s", str(t.Get("topologyKey")))
			return
		}
	}
	// A hostPort can be bound by one pod per node: the scheduler already
	// puts each replica on a node of its own.
	for _, ct := range containers(c.R) {
		for _, p := range ct.v.Get("ports").List() {
			if n, ok := p.Get("hostPort").Number(); ok && n > 0 {
				c.Pass("container %s binds hostPort %d, so each node runs at most one replica", ct.name, int(n))
				return
			}
		}
	}
	count := fmt.Sprintf("%d replicas", rc.n)
	if rc.autoscaler != nil {
		count = "replicas scaled by " + rc.autoscaler.Address
	}
	if why != nil {
		// The problem's text is the rule's own; its value, if any, comes last.
		args := []any{c.R.Address, count}
		if strings.Contains(why.format, "%s") {
			args = append(args, why.value)
		}
		c.FailAt(locNear(c.R, why.path),
			"%s has %s, but nothing keeps them on different nodes or zones: "+why.term+" "+why.format, args...)
		return
	}
	c.FailAt(locNear(c.R, specPath), "%s has %s, but no topologySpreadConstraints or podAntiAffinity keeps them on different nodes or zones: they may all land on one node", c.R.Address, count)
}

// termProblem says why a spread constraint or anti-affinity term does
// not keep a workload's own pods apart: format, the rule's own text, has
// at most one %s, for value, which comes from the manifest.
type termProblem struct {
	term, path, format, value string
}

// spreadTerm says why a term does not keep the workload's own pods
// apart; nil when it does.
func spreadTerm(key, selector infra.Value, namespaces []infra.Value, labels map[string]string, ns string) *termProblem {
	if !spreadKeys[str(key)] {
		return &termProblem{format: "uses topologyKey %s, not a node, zone or region label", value: str(key)}
	}
	if !selectsLabels(selector, labels) {
		return &termProblem{format: "has a labelSelector that does not select the pods' own labels"}
	}
	// An empty namespaces list means the pod's own namespace.
	own, listed := false, false
	for _, n := range namespaces {
		if s := str(n); s != "" {
			listed = true
			own = own || s == ns
		}
	}
	if listed && !own {
		return &termProblem{format: "looks only at other namespaces, not %s", value: ns}
	}
	return nil
}
