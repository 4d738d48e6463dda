package compose

import (
	"fmt"
	"path"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-docker-socket",
		Item:     checklist.Security,
		Severity: checklist.Critical,
		Title:    "Services do not mount the Docker socket",
		Why: "Whoever can talk to the Docker socket can start a privileged container with the host's root " +
			"filesystem mounted: the socket is root on the host. Mounting it read-only does not help, as API " +
			"calls are writes to the socket, not to a file. A compromised proxy, dashboard or CI agent that holds " +
			"it owns the machine and every other container on it.",
		Fix: `# remove the /var/run/docker.sock mount; if the service must read container
# metadata, give it a filtering proxy that allows only the calls it needs
services:
  socket-proxy:
    image: tecnativa/docker-socket-proxy:0.2.0
    environment: {CONTAINERS: 1, POST: 0}
    volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]
  app:
    environment: {DOCKER_HOST: tcp://socket-proxy:2375}`,
		References: []string{
			secDoc("volumes"),
			"https://docs.docker.com/engine/security/#docker-daemon-attack-surface",
			"KICS: Docker Socket Mounted In Container",
		},
		Kinds: serviceKinds,
		Check: secCheckDockerSocket,
	})
}

// secSockets are the container engines' API sockets: each gives root on
// the host to whoever can write to it.
var secSockets = map[string]string{
	"docker.sock":     "the Docker socket",
	"podman.sock":     "the Podman socket",
	"containerd.sock": "the containerd socket",
	"docker_engine":   "the Docker engine's named pipe",
}

// secSocketDirs are host directories whose bind mount brings the Docker
// socket with it.
var secSocketDirs = map[string]string{
	"/":        "the host's root filesystem",
	"/var/run": "the host's /var/run",
	"/run":     "the host's /run",
}

// secSocketOf says what a host path mounts when it is an engine socket,
// or a directory that holds the Docker socket; "" when it is neither.
func secSocketOf(src string) string {
	src = strings.ReplaceAll(src, `\`, "/")
	if what, ok := secSockets[path.Base(src)]; ok {
		return what + " (" + src + ")"
	}
	if what, ok := secSocketDirs[path.Clean(src)]; ok {
		return what + ", and the Docker socket in it,"
	}
	return ""
}

// secSocketProxies are images whose only job is to hold the Docker socket
// and pass on the API calls their configuration allows: the mitigation
// this rule's fix recommends, not a gap.
var secSocketProxies = map[string]bool{
	"tecnativa/docker-socket-proxy": true, "linuxserver/socket-proxy": true,
	"wollomatic/socket-proxy": true, "11notes/socket-proxy": true,
}

// secCheckDockerSocket fails a bind mount of an engine socket, or of a
// directory that holds it, except into a socket proxy.
func secCheckDockerSocket(c *rules.Check) {
	image := str(c.R.Attrs.Get("image"))
	if secSocketProxies[secImageRepo(image)] {
		c.Pass("%s is a socket proxy: it holds the socket so that other services get only the API calls it allows", image)
		return
	}
	failed, unknown := false, false
	for i, m := range c.R.Attrs.Get("volumes").List() {
		p := fmt.Sprintf("volumes[%d]", i)
		typ := str(m.Get("type"))
		if typ != "bind" && typ != "npipe" {
			continue
		}
		src := m.Get("source")
		if !src.IsKnown() {
			if secSocketOf(str(m.Get("target"))) != "" {
				c.Unknown(p+".source", src)
				unknown = true
			}
			continue
		}
		what := secSocketOf(str(src))
		if what == "" {
			continue
		}
		failed = true
		ro := ""
		if b, _ := m.Get("read_only").Bool(); b {
			ro = " Read-only does not help: API calls are not file writes."
		}
		c.Fail(p, "%s is mounted into the container: whoever controls the process controls the host.%s Remove it, or put a filtering socket proxy in between", what, ro)
	}
	if !failed && !unknown {
		c.Pass("no container engine socket is mounted")
	}
}
