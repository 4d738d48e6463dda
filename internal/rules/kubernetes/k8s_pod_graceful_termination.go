package kubernetes

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pod-graceful-termination",
		Item:     checklist.Deploy,
		Severity: checklist.Medium,
		Title:    "Pods behind a Service drain before they stop: a preStop delay and time to shut down",
		Why: "When a pod is deleted, Kubernetes removes it from its Services' endpoints and sends SIGTERM at " +
			"the same moment; kube-proxy, ingress controllers and cloud load balancers take a few seconds to " +
			"stop routing to it. A server that stops on SIGTERM drops the requests still arriving, so every " +
			"rollout, scale-down and node drain returns errors. A preStop sleep holds SIGTERM back until " +
			"routing has caught up, and terminationGracePeriodSeconds must leave time for it and the shutdown.",
		Fix: `spec:
  terminationGracePeriodSeconds: 30   # the default; more than the preStop delay
  containers:
  - name: web
    lifecycle:
      preStop:
        sleep:
          seconds: 5    # Kubernetes 1.30+; before: exec: {command: ["sleep", "5"]}`,
		References: []string{
			doc("concepts/workloads/pods/pod-lifecycle/#pod-termination"),
			doc("concepts/containers/container-lifecycle-hooks/"),
		},
		Kinds:         longRunningKinds,
		CrossResource: true,
		Params: []rules.Param{{
			Name:    "min_grace_seconds",
			Default: 5,
			Doc: "the shortest terminationGracePeriodSeconds that leaves time for a preStop delay and a " +
				"shutdown; below it the kubelet kills the container mid-drain",
		}},
		Check: checkGracefulTermination,
	})
}

// checkGracefulTermination grades only pods some Service selects: a pod
// no Service routes to loses no requests when it stops. The containers
// that need the preStop delay are those serving the Service's target
// ports; when no container declares one, those that declare any port, or
// else every app container.
func checkGracefulTermination(c *rules.Check) {
	if runsToCompletion(c.R) {
		return
	}
	svcs := referrers(c, "core/Service")
	if len(svcs) == 0 {
		return
	}
	cts, ok := podContainers(c)
	if !ok {
		return
	}
	spec, specPath := podSpec(c.R)
	gracePath := specPath + ".terminationGracePeriodSeconds"
	gv := spec.Get("terminationGracePeriodSeconds")
	if !gv.IsKnown() {
		c.Unknown(gracePath, gv)
		return
	}
	grace := 30 // terminationGracePeriodSeconds defaults to 30
	if n, isNum := gv.Number(); isNum {
		grace = int(n)
	}
	failed, tooShort := false, false
	if least := int(c.Param("min_grace_seconds")); grace < least {
		tooShort = true
		c.Fail(gracePath, "terminationGracePeriodSeconds is %d: %s sends traffic to these pods, and they are killed before they can drain; allow at least %d seconds (30 is the default)", grace, svcs[0].Address, least)
		failed = true
	}
	for _, ct := range servingContainers(cts, svcs) {
		path := ct.path + ".lifecycle.preStop"
		pre := ct.v.Get("lifecycle").Get("preStop")
		switch {
		case !pre.IsKnown():
			c.Unknown(path, pre)
			failed = true
		case pre.IsNull() || !hasHook(pre):
			failNear(c, path, "%s selects these pods, but %s has no preStop hook: it gets SIGTERM while requests are still routed to it; add a preStop sleep of a few seconds", svcs[0].Address, ct.label())
			failed = true
		default:
			// A grace period already reported as too short says it all.
			if s, ok := sleepSeconds(pre); ok && s >= grace && !tooShort {
				c.Fail(path, "the preStop delay of %s is %d seconds, not less than terminationGracePeriodSeconds (%d): the container is killed before it can shut down; make the grace period longer than the delay", ct.label(), s, grace)
				failed = true
			}
		}
	}
	if !failed {
		c.Pass("the containers serving %s delay SIGTERM with a preStop hook, within a %d-second grace period", svcs[0].Address, grace)
	}
}

// hasHook reports a lifecycle handler with an action.
func hasHook(h infra.Value) bool {
	for _, k := range []string{"exec", "httpGet", "sleep", "tcpSocket"} {
		if !h.Get(k).IsNull() {
			return true
		}
	}
	return false
}

// sleepCmd finds "sleep N" in a shell command line.
var sleepCmd = regexp.MustCompile(`(?:^|[\s;&|/(])sleep\s+(\d+)`)

// sleepSeconds is how long a preStop hook waits, when it is a sleep
// action or an exec of sleep.
func sleepSeconds(pre infra.Value) (int, bool) {
	if n, ok := pre.Get("sleep.seconds").Number(); ok {
		return int(n), true
	}
	var args []string
	for _, a := range pre.Get("exec.command").List() {
		args = append(args, str(a))
	}
	if m := sleepCmd.FindStringSubmatch(strings.Join(args, " ")); m != nil {
		n, err := strconv.Atoi(m[1])
		return n, err == nil
	}
	return 0, false
}

// servingContainers picks the app containers that receive the Services'
// traffic (see checkGracefulTermination).
func servingContainers(cts []container, svcs []*infra.Resource) []container {
	nums, names := map[string]bool{}, map[string]bool{}
	for _, s := range svcs {
		for _, p := range s.Attrs.Get("spec.ports").List() {
			t := p.Get("targetPort")
			if t.IsNull() {
				t = p.Get("port") // targetPort defaults to port
			}
			if t.Kind() == infra.String {
				names[str(t)] = true
			} else if n, ok := t.Str(); ok {
				nums[n] = true
			}
		}
	}
	var apps, withPorts, serving []container
	for _, ct := range cts {
		if ct.init {
			continue
		}
		apps = append(apps, ct)
		ports := ct.v.Get("ports").List()
		if len(ports) > 0 {
			withPorts = append(withPorts, ct)
		}
		for _, p := range ports {
			n, _ := p.Get("containerPort").Str()
			if nums[n] || names[str(p.Get("name"))] {
				serving = append(serving, ct)
				break
			}
		}
	}
	switch {
	case len(serving) > 0:
		return serving
	case len(withPorts) > 0:
		return withPorts
	}
	return apps
}
