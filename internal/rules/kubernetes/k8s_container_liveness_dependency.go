package kubernetes

import (
	"net/url"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-liveness-dependency",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "Liveness probes check the container itself, not a service it depends on",
		Why: "The kubelet restarts a container whose liveness probe fails. A liveness probe that reaches out to a " +
			"database, a cache or another service fails for every replica at once when that dependency has a bad " +
			"minute: all of them restart together, the service goes down with its dependency and comes back with " +
			"a thundering herd. Whether dependencies are reachable belongs in the readiness probe, which only " +
			"takes the pod out of rotation.",
		Fix: `livenessProbe:
  httpGet: {path: /live, port: 8080}     # answers while the process itself is healthy
readinessProbe:
  exec: {command: [pg_isready, -h, db]}  # dependency checks go here`,
		References: []string{
			doc("tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"),
			doc("concepts/configuration/liveness-readiness-startup-probes/#liveness-probe"),
		},
		Kinds: longRunningKinds,
		Check: checkLivenessDependency,
	})
}

// checkLivenessDependency looks for a liveness probe aimed at another
// host: an httpGet with a host of its own, or an exec command that runs a
// client (pg_isready, redis-cli, curl, …) against a host that is not the
// pod. A host given as a variable cannot be told apart from the pod's own
// address and is left alone.
func checkLivenessDependency(c *rules.Check) {
	if runsToCompletion(c.R) {
		return
	}
	cts, ok := podContainers(c)
	if !ok {
		return
	}
	probes, noPass := 0, false
	for _, ct := range cts {
		if !runsWithApp(ct) {
			continue
		}
		probe := ct.v.Get("livenessProbe")
		at := ct.path + ".livenessProbe"
		switch probeHandler(probe) {
		case "httpGet":
			probes++
			host := probe.Get("httpGet.host")
			if !host.IsKnown() {
				c.Unknown(at+".httpGet.host", host)
				noPass = true
			} else if h := str(host); h != "" && !localHost(h) {
				c.Fail(at+".httpGet.host", "the livenessProbe of %s calls %s, another host: when it is down every replica restarts; check the container itself and move the dependency check to the readiness probe", ct.label(), h)
				noPass = true
			}
		case "exec":
			probes++
			cmd := probe.Get("exec.command")
			if !cmd.IsKnown() {
				c.Unknown(at+".exec.command", cmd)
				noPass = true
				continue
			}
			var words []string
			for _, a := range cmd.List() {
				if !a.IsKnown() {
					c.Unknown(at+".exec.command", a)
					noPass = true
					words = nil
					break
				}
				words = append(words, strings.Fields(str(a))...)
			}
			if tool, host := remoteCheck(words); host != "" {
				c.Fail(at+".exec.command", "the livenessProbe of %s runs %s against %s, another host: when it is down every replica restarts; check the container itself and move the dependency check to the readiness probe", ct.label(), tool, host)
				noPass = true
			}
		case "tcpSocket", "grpc":
			probes++
			if h := probe.Get("tcpSocket.host"); h.IsKnown() && str(h) != "" && !localHost(str(h)) {
				c.Fail(at+".tcpSocket.host", "the livenessProbe of %s connects to %s, another host: when it is down every replica restarts; check the container itself", ct.label(), str(h))
				noPass = true
			}
		}
	}
	if !noPass && probes > 0 {
		c.Pass("every liveness probe checks its own container")
	}
}

// hostFlags are the options that name the server for the clients of
// common databases and caches.
var hostFlags = map[string]bool{"-h": true, "--host": true}

// clients are commands whose probe use means "is that server up": the
// database and cache clients with a host option, and HTTP and TCP tools
// given a URL or a host.
var clients = map[string]bool{
	"pg_isready": true, "psql": true, "mysqladmin": true, "mysql": true, "mariadb-admin": true,
	"redis-cli": true, "valkey-cli": true, "mongo": true, "mongosh": true, "cqlsh": true,
	"curl": true, "wget": true, "nc": true, "grpc_health_probe": true,
}

// remoteCheck finds a client in a probe's command words run against a
// host other than the pod, returning the client and that host.
func remoteCheck(words []string) (tool, host string) {
	for i, w := range words {
		base := w[strings.LastIndexByte(w, '/')+1:]
		base = strings.Trim(base, `"';&|()`)
		if !clients[base] {
			continue
		}
		for j := i + 1; j < len(words); j++ {
			a := strings.Trim(words[j], `"'`)
			if a == "&&" || a == "||" || a == ";" || a == "|" {
				break
			}
			h := ""
			switch {
			case hostFlags[a] && j+1 < len(words):
				h = strings.Trim(words[j+1], `"'`)
			case strings.HasPrefix(a, "--host="):
				h = strings.TrimPrefix(a, "--host=")
			case strings.HasPrefix(a, "-addr="): // grpc_health_probe -addr=host:port
				h = strings.TrimPrefix(a, "-addr=")
			case strings.Contains(a, "://"):
				if u, err := url.Parse(a); err == nil {
					h = u.Hostname()
				}
			case base == "nc" && !strings.HasPrefix(a, "-") && j+1 < len(words):
				h = a // nc [-z] HOST PORT
			}
			if h = hostOnly(h); h != "" && !localHost(h) && !strings.ContainsAny(h, "$`{") {
				return base, h
			}
		}
	}
	return "", ""
}

// hostOnly drops a port from host:port.
func hostOnly(h string) string {
	if strings.Count(h, ":") == 1 {
		h, _, _ = strings.Cut(h, ":")
	}
	return h
}

// localHost reports an address of the pod itself.
func localHost(h string) bool {
	switch strings.ToLower(strings.Trim(h, "[]")) {
	case "localhost", "127.0.0.1", "::1", "0.0.0.0", "":
		return true
	}
	return strings.HasPrefix(h, "127.")
}
