package kubernetes

import (
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

// Helpers of the container, rollout and spreading rules: which pods are
// meant to keep running, reading a pod's containers with their unknowns,
// images, quantities and replica counts.

// longRunningKinds run pods that are meant to keep running: the service
// kinds, DaemonSets (one pod per node, still a long-lived server) and bare
// Pods (see runsToCompletion). Jobs and CronJobs finish, so probes mean
// nothing to them.
var longRunningKinds = append(append([]string{}, serviceKinds...), "apps/DaemonSet", "core/Pod")

// runsToCompletion reports a bare Pod written as a task: restartPolicy
// Never or OnFailure. Pods default to Always, a server that is restarted
// whenever it exits.
func runsToCompletion(r *infra.Resource) bool {
	if r.Kind != "core/Pod" {
		return false
	}
	switch str(r.Attrs.Get("spec.restartPolicy")) {
	case "Never", "OnFailure":
		return true
	}
	return false
}

// podContainers lists the containers of c.R's pod, init containers first.
// When a container list cannot be resolved (Helm output), it records
// unknown and ok is false: the containers that are known are not the
// whole pod.
func podContainers(c *rules.Check) (out []container, ok bool) {
	spec, path := podSpec(c.R)
	if !spec.IsKnown() {
		c.Unknown(path, spec)
		return nil, false
	}
	for _, list := range []string{"initContainers", "containers"} {
		if v := spec.Get(list); !v.IsKnown() {
			c.Unknown(join(path, list), v)
			return nil, false
		}
	}
	return containers(c.R), true
}

// isSidecar reports a native sidecar: an init container with
// restartPolicy Always, which keeps running beside the app containers for
// the life of the pod (Kubernetes 1.29+).
func isSidecar(ct container) bool {
	return ct.init && str(ct.v.Get("restartPolicy")) == "Always"
}

// runsWithApp reports a container that runs as long as the pod does: an
// app container or a native sidecar. Plain init containers run to
// completion before the app starts.
func runsWithApp(ct container) bool { return !ct.init || isSidecar(ct) }

// label names a container for messages.
func (ct container) label() string {
	if ct.name == "" {
		return "container at " + ct.path
	}
	if isSidecar(ct) {
		return "sidecar container " + strconv.Quote(ct.name)
	}
	if ct.init {
		return "init container " + strconv.Quote(ct.name)
	}
	return "container " + strconv.Quote(ct.name)
}

// failNear records a gap about the attribute at path, located at the
// attribute or, when it is not written, at the nearest enclosing value
// that is (the container or block where it belongs).
func failNear(c *rules.Check, path, format string, args ...any) {
	c.FailAt(locNear(c.R, path), format, args...)
}

// locNear is where path is written in r, or the nearest enclosing value.
func locNear(r *infra.Resource, path string) infra.Location {
	for p := path; p != ""; p = parentPath(p) {
		if v := r.Attrs.Get(p); !v.IsNull() && v.Loc.Line != 0 {
			return r.LocOf(v)
		}
	}
	return r.Loc
}

// parentPath drops the last segment of a path: "a.b[0].c" → "a.b[0]" →
// "a.b" → "a" → "".
func parentPath(p string) string {
	if strings.HasSuffix(p, "\"]") {
		if i := strings.LastIndex(p, "[\""); i >= 0 {
			return p[:i]
		}
	}
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			return p[:i]
		}
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}

// imageRef splits an image reference into its tag and digest, either
// empty when absent. The tag is read from the last path segment only, so
// that a registry port ("registry:5000/app") is not taken for a tag.
func imageRef(image string) (tag, digest string) {
	name := image
	if i := strings.IndexByte(image, '@'); i >= 0 {
		name, digest = image[:i], image[i+1:]
	}
	last := name[strings.LastIndexByte(name, '/')+1:]
	if i := strings.LastIndexByte(last, ':'); i >= 0 {
		tag = last[i+1:]
	}
	return tag, digest
}

// quantitySet reads a resource quantity (resources.requests.cpu, …): set
// is false when it is absent, empty or zero, which Kubernetes treats as
// no reservation or no limit. ok is false when the value is unknown (and
// then recorded as such).
func quantitySet(c *rules.Check, path string) (set, ok bool) {
	v := c.R.Attrs.Get(path)
	if !v.IsKnown() {
		c.Unknown(path, v)
		return false, false
	}
	s, isStr := v.Str()
	if !isStr {
		return false, true
	}
	return !zeroQuantity(s), true
}

// zeroQuantity reports "", "0", "0m", "0Mi", "0.0" and the like.
func zeroQuantity(s string) bool {
	s = strings.TrimSpace(s)
	num := strings.TrimRight(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
	if num == "" {
		return true
	}
	f, err := strconv.ParseFloat(num, 64)
	return err == nil && f == 0
}

// replicaCount is how many pods a service workload runs: spec.replicas
// (default 1), or, when an autoscaler scales it, the autoscaler. known is
// false when spec.replicas cannot be resolved (recorded as unknown).
type replicaCount struct {
	n          int             // spec.replicas, 1 when omitted
	autoscaler *infra.Resource // the HPA or ScaledObject that owns the count, if any
	known      bool
}

// replicasOf reads c.R's replica count; see replicaCount.
func replicasOf(c *rules.Check) replicaCount {
	if as := referrers(c, "autoscaling/HorizontalPodAutoscaler", "keda.sh/ScaledObject"); len(as) > 0 {
		return replicaCount{n: 1, autoscaler: as[0], known: true}
	}
	v := c.R.Attrs.Get("spec.replicas")
	if !v.IsKnown() {
		c.Unknown("spec.replicas", v)
		return replicaCount{}
	}
	if v.IsNull() {
		// replicas defaults to 1 for every controller.
		return replicaCount{n: 1, known: true}
	}
	n, ok := v.Number()
	if !ok {
		// Not a number: the replicas rule reports it.
		return replicaCount{}
	}
	return replicaCount{n: int(n), known: true}
}

// selectsLabels reports whether a label selector (a LabelSelector with
// matchLabels and matchExpressions) selects the labels. A null selector
// selects nothing; an empty one selects everything.
func selectsLabels(selector infra.Value, labels map[string]string) bool {
	if selector.IsNull() {
		return false
	}
	if !selector.Has("matchLabels") && !selector.Has("matchExpressions") {
		// {}: every pod.
		return selector.Kind() == infra.Object
	}
	return k8s.Selects(selector, labels)
}

// intOrPercent reads an IntOrString such as maxUnavailable: a count, or a
// percentage (percent is true). ok is false when it is neither.
func intOrPercent(v infra.Value) (n int, percent, ok bool) {
	if f, isNum := v.Number(); isNum {
		return int(f), false, true
	}
	s, isStr := v.Str()
	if !isStr || !strings.HasSuffix(s, "%") {
		return 0, false, false
	}
	p, err := strconv.Atoi(strings.TrimSuffix(s, "%"))
	return p, true, err == nil
}

// probeHandlers are the ways a probe can check a container; a probe has
// exactly one.
var probeHandlers = []string{"httpGet", "tcpSocket", "exec", "grpc"}

// probeHandler returns the handler a probe uses ("httpGet", …), "" when
// it has none.
func probeHandler(probe infra.Value) string {
	for _, h := range probeHandlers {
		if !probe.Get(h).IsNull() {
			return h
		}
	}
	return ""
}

// checkProbePresent is the readiness and liveness rules: every app
// container (not init containers, which finish before the pod can be
// ready) has the probe field ("readinessProbe", "livenessProbe"), with a
// handler. consequence, the rule's own text, ends the failure message.
func checkProbePresent(c *rules.Check, field, consequence string) {
	if runsToCompletion(c.R) {
		return
	}
	cts, ok := podContainers(c)
	if !ok {
		return
	}
	noPass, apps := false, 0
	for _, ct := range cts {
		if ct.init {
			continue
		}
		apps++
		path := ct.path + "." + field
		p := ct.v.Get(field)
		switch {
		case !p.IsKnown():
			c.Unknown(path, p)
			noPass = true
		case p.IsNull():
			failNear(c, path, "%s has no %s; "+consequence, ct.label(), field)
			noPass = true
		case p.Kind() == infra.Object && probeHandler(p) == "" && !hasUnknownField(p):
			c.Fail(path, "%s has a %s with no httpGet, tcpSocket, exec or grpc check", ct.label(), field)
			noPass = true
		}
	}
	if !noPass && apps > 0 {
		c.Pass("every container has a %s", field)
	}
}

// hasUnknownField reports an object with a member that cannot be
// resolved, which may be the one a rule looks for.
func hasUnknownField(v infra.Value) bool {
	for _, f := range v.Fields() {
		if !f.Value.IsKnown() {
			return true
		}
	}
	return false
}

// checkContainerResource is the requests and limits rules: every
// container that runs with the app (app containers and native sidecars)
// sets resources.<field> ("requests.cpu", "limits.memory") to a non-zero
// quantity, unless a LimitRange of the namespace gives containers a
// default for it. A request left out takes the value of the limit for
// the same resource: kube-score still reports that as a missing request;
// here it is set. consequence, the rule's own text, ends the failure
// message.
//
// Plain init containers are left out: they finish before the app starts,
// and the scheduler sizes the pod by the larger of the biggest init
// container and the sum of the app containers, so an init container
// without requests or limits changes neither. Checkov, kube-score and
// Trivy include them; Polaris does not.
func checkContainerResource(c *rules.Check, field, consequence string) {
	cts, ok := podContainers(c)
	if !ok {
		return
	}
	if lr := limitRangeDefault(c, field); lr != nil {
		c.Pass("%s gives containers a default %s", lr.Address, field)
		return
	}
	noPass, checked, viaLimit := false, 0, 0
	for _, ct := range cts {
		if !runsWithApp(ct) {
			continue
		}
		checked++
		path := ct.path + ".resources." + field
		set, ok := quantitySet(c, path)
		if ok && !set && c.R.Attrs.Get(path).IsNull() && strings.HasPrefix(field, "requests.") {
			// A request left out defaults to the limit, when one is set.
			set, ok = quantitySet(c, ct.path+".resources.limits."+strings.TrimPrefix(field, "requests."))
			if set {
				viaLimit++
			}
		}
		switch {
		case !ok:
			noPass = true
		case !set:
			v := c.R.Attrs.Get(path)
			if v.IsNull() {
				failNear(c, path, "%s sets no resources.%s; "+consequence, ct.label(), field)
			} else {
				c.Fail(path, "%s sets resources.%s to %s; "+consequence, ct.label(), field, str(v))
			}
			noPass = true
		}
	}
	switch {
	case noPass || checked == 0:
	case viaLimit > 0:
		c.Pass("every container sets resources.%s (%d by its limit, which a missing request defaults to)", field, viaLimit)
	default:
		c.Pass("every container sets resources.%s", field)
	}
}

// limitRangeDefault returns a LimitRange of c.R's namespace, among the
// objects the rule can see, that gives every container a default for
// field: default (the limit, which is also the request when
// defaultRequest is absent) or defaultRequest.
func limitRangeDefault(c *rules.Check, field string) *infra.Resource {
	kind, res, _ := strings.Cut(field, ".") // "requests", "cpu"
	for _, lr := range c.Graph.OfKind("core/LimitRange") {
		if lr.Namespace != c.R.Namespace {
			continue
		}
		for _, l := range lr.Attrs.Get("spec.limits").List() {
			if str(l.Get("type")) != "Container" {
				continue
			}
			if s := str(l.Get("default").Get(res)); s != "" && !zeroQuantity(s) {
				return lr
			}
			if kind == "requests" {
				if s := str(l.Get("defaultRequest").Get(res)); s != "" && !zeroQuantity(s) {
					return lr
				}
			}
		}
	}
	return nil
}
