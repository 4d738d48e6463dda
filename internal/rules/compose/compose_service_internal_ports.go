package compose

import (
	"fmt"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-internal-ports",
		Item:     checklist.Networking,
		Severity: checklist.High,
		Title:    "Databases, caches, brokers and admin interfaces are not published on all host interfaces",
		Why: "A port published without a host IP listens on every interface of the host, and Docker opens it in " +
			"iptables ahead of the host's own firewall (ufw, firewalld do not block it). A database, cache or " +
			"admin console published that way is one password guess, default credential or unpatched CVE away " +
			"from whoever can reach the host. The services that use it reach it over the project's network " +
			"without any published port.",
		Fix: `ports:
  - "127.0.0.1:5432:5432"   # reachable from the host only; or remove ports: entirely`,
		References: []string{
			secDoc("ports"),
			"https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-and-ufw",
		},
		Kinds: serviceKinds,
		Check: secCheckInternalPorts,
	})
}

// secCheckInternalPorts fails each published port that is a data store's
// or an admin interface's and listens on all interfaces. A port is judged
// internal by its container port (secInternalPorts), or by the service's
// image being a data store or admin console (every port it publishes).
// Services that are neither, and publish no such port, are not concerned.
// With network_mode: host a data store's ports are the host's, on every
// interface the server binds.
func secCheckInternalPorts(c *rules.Check) {
	// An image named by a variable with no value is judged by its ports.
	what := secInternalImage(str(c.R.Attrs.Get("image")))
	if what != "" && str(c.R.Attrs.Get("network_mode")) == "host" {
		c.Fail("network_mode", "service %s runs %s on the host's network (network_mode: host): its ports listen on the host's interfaces; use a project network and publish nothing, or bind to 127.0.0.1", c.R.Name, what)
		return
	}
	concerned := what != ""
	failed, unknown := false, false
	for i, p := range c.R.Attrs.Get("ports").List() {
		path := fmt.Sprintf("ports[%d]", i)
		target, _ := p.Get("target").Number()
		label := secInternalPorts[int(target)]
		if label == "" {
			label = what
		}
		if label == "" {
			continue
		}
		concerned = true
		ip := p.Get("host_ip")
		if !ip.IsKnown() {
			c.Unknown(path+".host_ip", ip)
			unknown = true
			continue
		}
		if !secAllInterfaces(str(ip)) {
			continue
		}
		failed = true
		host := "a host port Docker picks"
		if pub := p.Get("published"); !pub.IsKnown() {
			host = "host port " + pub.Expr()
		} else if s := str(pub); s != "" {
			host = "host port " + s
		}
		on := "every host interface"
		if s := str(ip); s != "" {
			on = "every host interface (" + s + ")"
		}
		c.Fail(path, "%s, container port %d, is published on %s as %s; bind it to 127.0.0.1, or remove the mapping and reach it over the project network", label, int(target), on, host)
	}
	if concerned && !failed && !unknown {
		c.Pass("no database, cache or admin port is published on all host interfaces")
	}
}
