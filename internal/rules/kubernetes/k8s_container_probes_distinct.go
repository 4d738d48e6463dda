package kubernetes

import (
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-probes-distinct",
		Item:     checklist.Availability,
		Severity: checklist.Medium,
		Title:    "Liveness probes do not duplicate readiness probes",
		Why: "Readiness takes a struggling pod out of rotation so it can recover; liveness restarts it. " +
			"When both run the same check and liveness gives up as soon as readiness does, an overloaded or " +
			"dependency-starved pod is restarted instead of rested, and the restarts cascade across the " +
			"replicas at the worst moment.",
		Fix: `containers:
  - name: web
    readinessProbe:
      httpGet: {path: /ready, port: 8080}   # can serve: dependencies up
    livenessProbe:
      httpGet: {path: /live, port: 8080}    # process alive
      failureThreshold: 6                   # or the same check, failing later than readiness`,
		References: []string{
			doc("tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"),
			"kube-score: pod-probes-identical",
		},
		Kinds: longRunningKinds,
		Check: checkProbesDistinct,
	})
}

// checkProbesDistinct compares each app container's liveness probe with
// its readiness probe. The same check (handler and target) fails when
// liveness also gives up no later than readiness: then there is no window
// in which the pod is out of rotation but not yet restarted. kube-score
// compares the check alone; a liveness probe on the same endpoint that
// waits longer is the common, safe, pattern of many charts, so it passes
// here.
func checkProbesDistinct(c *rules.Check) {
	if runsToCompletion(c.R) {
		return
	}
	cts, ok := podContainers(c)
	if !ok {
		return
	}
	compared, noPass := 0, false
	for _, ct := range cts {
		if ct.init {
			continue
		}
		ready, live := ct.v.Get("readinessProbe"), ct.v.Get("livenessProbe")
		if ready.IsNull() || live.IsNull() {
			continue // the readiness and liveness rules report a missing probe
		}
		if p, v, found := firstUnknown(ready, ct.path+".readinessProbe"); found {
			c.Unknown(p, v)
			noPass = true
			continue
		}
		if p, v, found := firstUnknown(live, ct.path+".livenessProbe"); found {
			c.Unknown(p, v)
			noPass = true
			continue
		}
		rk, lk := probeKey(ready, ct.v), probeKey(live, ct.v)
		if rk == "" || lk == "" {
			continue // a probe with no check: the readiness and liveness rules report it
		}
		compared++
		if rk != lk {
			continue
		}
		rw, lw := failAfter(ready), failAfter(live)
		if lw > rw {
			continue
		}
		noPass = true
		c.Fail(ct.path+".livenessProbe",
			"%s runs the same %s check for liveness and readiness, and liveness fails after %ds, no later than readiness (%ds): the pod is restarted instead of taken out of rotation; give liveness its own check, or a longer failureThreshold × periodSeconds",
			ct.label(), probeHandler(live), lw, rw)
	}
	if compared > 0 && !noPass {
		c.Pass("no liveness probe duplicates its container's readiness probe")
	}
}

// probeKey is a probe's check (handler and target) as comparable text,
// with defaults filled in and named ports resolved through the
// container's ports; "" when the probe has no handler.
func probeKey(probe, ctr infra.Value) string {
	h := probeHandler(probe)
	if h == "" {
		return ""
	}
	v := probe.Get(h)
	port := func(p infra.Value) string {
		s, _ := p.Str()
		if p.Kind() == infra.String {
			// A named port: the number of the container port of that name.
			for _, cp := range ctr.Get("ports").List() {
				if str(cp.Get("name")) == s {
					n, _ := cp.Get("containerPort").Str()
					return n
				}
			}
		}
		return s
	}
	switch h {
	case "httpGet":
		path := str(v.Get("path"))
		if path == "" {
			path = "/" // the kubelet requests / when path is empty
		}
		scheme := str(v.Get("scheme"))
		if scheme == "" {
			scheme = "HTTP" // default
		}
		// Headers are left out: probes that differ only in a header (a
		// cookie tagging the request as liveness or readiness) reach the
		// same handler, which answers both the same way.
		return strings.Join([]string{h, scheme, str(v.Get("host")), port(v.Get("port")), path}, "|")
	case "tcpSocket":
		return strings.Join([]string{h, str(v.Get("host")), port(v.Get("port"))}, "|")
	case "grpc":
		return strings.Join([]string{h, port(v.Get("port")), str(v.Get("service"))}, "|")
	default: // exec
		var args []string
		for _, a := range v.Get("command").List() {
			args = append(args, fmt.Sprintf("%q", str(a)))
		}
		return h + "|" + strings.Join(args, " ")
	}
}

// failAfter is how long, in seconds, a probe that starts failing keeps
// the container's state: failureThreshold (default 3) × periodSeconds
// (default 10).
func failAfter(probe infra.Value) int {
	n := func(field string, def int) int {
		if f, ok := probe.Get(field).Number(); ok && f > 0 {
			return int(f)
		}
		return def
	}
	return n("failureThreshold", 3) * n("periodSeconds", 10)
}

// firstUnknown finds a value that cannot be resolved inside v (at path),
// and its path.
func firstUnknown(v infra.Value, path string) (string, infra.Value, bool) {
	switch v.Kind() {
	case infra.Unknown:
		return path, v, true
	case infra.List:
		for i, e := range v.List() {
			if p, u, ok := firstUnknown(e, fmt.Sprintf("%s[%d]", path, i)); ok {
				return p, u, true
			}
		}
	case infra.Object:
		for _, f := range v.Fields() {
			if p, u, ok := firstUnknown(f.Value, path+"."+f.Name); ok {
				return p, u, true
			}
		}
	}
	return "", infra.Value{}, false
}
