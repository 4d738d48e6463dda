package kubernetes

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

// Helpers of the cross-object rules: what the scan holds, how many pods a
// workload runs at the least, budgets written as a number or a percentage,
// and the ports a pod declares.

// Kinds the cross-object rules look for.
const (
	kindHPA         = "autoscaling/HorizontalPodAutoscaler"
	kindScaledObj   = "keda.sh/ScaledObject"
	kindPDB         = "policy/PodDisruptionBudget"
	kindService     = "core/Service"
	kindNetPol      = "networking.k8s.io/NetworkPolicy"
	kindSvcMonitor  = "monitoring.coreos.com/ServiceMonitor"
	kindPodMonitor  = "monitoring.coreos.com/PodMonitor"
	kindPromRule    = "monitoring.coreos.com/PrometheusRule"
	kindStatefulSet = "apps/StatefulSet"
)

// scanHolds reports whether the scanned manifests hold the object kind/name
// in r's namespace, for an object r names. The source records such an edge
// from r whenever the object is anywhere in the scan, even when it is
// graded in another component (a ConfigMap two applications share), so the
// edge answers "does it exist" where c.Graph, which holds only r's
// component, cannot.
func scanHolds(r *infra.Resource, kind, name string) bool {
	addr := k8s.Address(kind, r.Namespace, name)
	for _, ref := range r.Refs {
		if ref.To == addr {
			return true
		}
	}
	return false
}

// selectsAny reports whether r's selector at attr selects some workload of
// the scan (see scanHolds: the edge exists even when the workload is graded
// elsewhere).
func selectsAny(r *infra.Resource, attr string) bool {
	for _, ref := range r.Refs {
		if ref.How == infra.EdgeSelector && ref.Attr == attr {
			return true
		}
	}
	return false
}

// autoscalers are the HPAs and KEDA ScaledObjects whose scaleTargetRef is r.
func autoscalers(g *infra.Graph, r *infra.Resource) []*infra.Resource {
	return append(g.Referrers(r, kindHPA, ""), g.Referrers(r, kindScaledObj, "")...)
}

// floor is the fewest pods a workload runs, and what says so.
type floor struct {
	n  int
	by string // "spec.replicas is 3", "HorizontalPodAutoscaler/shop/web keeps at least 2"
	// unknown, when set, is the value that decides the floor and cannot be
	// resolved, in resource at.
	unknown   *infra.Value
	at        *infra.Resource
	atPath    string
	notNumber bool
}

// replicaFloor is the fewest pods workload w runs: the smallest minimum of
// the autoscalers that scale it, else its spec.replicas. An HPA's
// minReplicas defaults to 1; a KEDA ScaledObject's minReplicaCount
// defaults to 0 (scale to zero), and a workload that runs at all runs at
// least one pod, so its floor is at least 1. spec.replicas defaults to 1.
func replicaFloor(g *infra.Graph, w *infra.Resource) floor {
	if as := autoscalers(g, w); len(as) > 0 {
		best := floor{n: math.MaxInt}
		for _, a := range as {
			path, def := "spec.minReplicas", 1
			if a.Kind == kindScaledObj {
				path, def = "spec.minReplicaCount", 0
			}
			v := a.Attrs.Get(path)
			if !v.IsKnown() {
				return floor{unknown: &v, at: a, atPath: path}
			}
			n := def
			if f, ok := v.Number(); ok {
				n = int(f)
			}
			n = max(n, 1)
			if n < best.n {
				best = floor{n: n, by: fmt.Sprintf("%s keeps at least %d", a.Address, n)}
			}
		}
		return best
	}
	v := w.Attrs.Get("spec.replicas")
	switch n, ok := v.Number(); {
	case !v.IsKnown():
		return floor{unknown: &v, at: w, atPath: "spec.replicas"}
	case v.IsNull():
		return floor{n: 1, by: "spec.replicas is not set, default 1"}
	case !ok:
		return floor{notNumber: true}
	default:
		return floor{n: int(n), by: fmt.Sprintf("spec.replicas is %d", int(n))}
	}
}

// budget is a PodDisruptionBudget value: an integer, or a percentage
// written as a string ("50%"). ok is false for anything else, which the
// API server rejects (a string must be a percentage).
func budget(v infra.Value) (n int, percent, ok bool) {
	if f, isNum := v.Number(); isNum {
		return int(f), false, f == math.Trunc(f)
	}
	s, isStr := v.Str()
	if !isStr || v.Kind() != infra.String {
		return 0, false, false
	}
	p, found := strings.CutSuffix(strings.TrimSpace(s), "%")
	if !found {
		return 0, false, false
	}
	n, err := strconv.Atoi(p)
	return n, true, err == nil
}

// scaled is a budget applied to a number of pods, rounded up, as the
// disruption controller computes it
// (intstr.GetScaledValueFromIntOrPercent with roundUp).
func scaled(n int, percent bool, pods int) int {
	if !percent {
		return n
	}
	return int(math.Ceil(float64(n) * float64(pods) / 100))
}

// podPort is a port a container of a pod declares.
type podPort struct {
	name   string
	number int
}

// declaredPorts lists the ports the containers of w's pod declare: those
// of its app containers and of its sidecars (init containers with
// restartPolicy: Always, which keep running beside the app). Ports an
// ordinary init container declares serve nothing once it has finished.
func declaredPorts(w *infra.Resource) []podPort {
	var out []podPort
	for _, ct := range containers(w) {
		if ct.init && str(ct.v.Get("restartPolicy")) != "Always" {
			continue
		}
		for _, p := range ct.v.Get("ports").List() {
			n, _ := p.Get("containerPort").Number()
			out = append(out, podPort{name: str(p.Get("name")), number: int(n)})
		}
	}
	return out
}

// isPortNumber reports a port written as a number, not a port name.
func isPortNumber(v infra.Value) bool { return v.Kind() == infra.Number }

// addresses lists the addresses of resources, for messages.
func addresses(rs []*infra.Resource) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Address
	}
	return strings.Join(out, ", ")
}

// stringsOf reads a list of strings (namespaces, policy types); other
// members are skipped.
func stringsOf(v infra.Value) []string {
	var out []string
	for _, e := range v.List() {
		if s, ok := e.Str(); ok {
			out = append(out, s)
		}
	}
	return out
}
