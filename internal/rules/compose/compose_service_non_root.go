package compose

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-non-root",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Services run as a non-root user (user: on the service, or USER in the image it builds)",
		Why: "A container process runs as root unless the service or its image says otherwise: a flaw in the " +
			"service, or in any library it loads, is then root inside the container, with write access to all " +
			"it holds and one kernel bug or misconfiguration away from the host. Many images from registries run " +
			"as root by default; a user: on the service settles it whatever the image does.",
		Fix: `user: "10001:10001"   # a non-root UID:GID that owns what the service writes`,
		References: []string{
			secDoc("user"),
			"https://docs.docker.com/engine/security/#linux-kernel-capabilities",
		},
		Kinds:         serviceKinds,
		CrossResource: true, // the Dockerfile stage it builds
		Check:         secCheckNonRoot,
	})
}

// secNonRootImages are widely used images whose published builds (all
// maintained versions) set a non-root USER, so that a service running one
// without user: does not run as root. Images that start as root and
// switch users in their entrypoint (postgres, mysql, redis, nginx) are not
// listed: their entrypoint and main process run as root until they do.
var secNonRootImages = map[string]string{
	"prom/prometheus": "nobody", "prom/alertmanager": "nobody", "prom/node-exporter": "nobody",
	"prom/pushgateway": "nobody", "prom/blackbox-exporter": "nobody",
	"prometheus/prometheus": "nobody", "prometheus/alertmanager": "nobody", "prometheus/node-exporter": "nobody",
	"grafana/grafana": "grafana (472)", "grafana/grafana-oss": "grafana (472)", "grafana/grafana-enterprise": "grafana (472)",
	"grafana/loki":  "10001",
	"elasticsearch": "elasticsearch (1000)", "elasticsearch/elasticsearch": "elasticsearch (1000)",
	"kibana": "kibana (1000)", "kibana/kibana": "kibana (1000)",
	"logstash": "logstash (1000)", "logstash/logstash": "logstash (1000)",
	"dpage/pgadmin4":      "pgadmin (5050)",
	"azure-sql-edge":      "mssql (10001)",
	"vectorized/redpanda": "redpanda (101)", "redpandadata/redpanda": "redpanda (101)",
}

// secCheckNonRoot judges the user the service runs as: its user: when set;
// else the USER of the image it builds; else, for an image pulled from a
// registry, a gap, as images run as root unless they declare a USER and
// the project cannot show what the image declares.
//
// When a built image runs as root, the docker-user-non-root rule reports
// it at the Dockerfile, where the fix goes; this rule then records
// nothing, so that one gap is one finding.
func secCheckNonRoot(c *rules.Check) {
	u, ok := secStr(c, "user")
	if !ok {
		return
	}
	if u != "" {
		if secIsRootUser(u) {
			c.Fail("user", "user is %s: the service runs as root; set user: to a non-root UID", u)
		} else {
			c.Pass("the service runs as user %s", u)
		}
		return
	}
	if st := builtStage(c); st != nil {
		v := st.Attrs.Get("user")
		s := str(v)
		switch {
		case s == "" || secIsRootUser(s):
			// docker-user-non-root reports the image.
		case strings.Contains(s, "$"):
			c.UnknownBecause("the image it builds sets USER " + s + " at " + st.LocOf(v).String() + ", from a build argument; the user it runs as is settled at build time")
		default:
			c.Pass("the image it builds runs as user %s (USER at %s)", s, st.LocOf(v))
		}
		return
	}
	if c.R.Attrs.Has("build") && !c.R.Attrs.Get("build").IsNull() {
		c.UnknownBecause("the service builds its image from a Dockerfile that was not loaded, so its USER is not known; set user: on the service to settle it")
		return
	}
	if s := str(c.R.Attrs.Get("image")); secNonRootImages[secImageRepo(s)] != "" {
		c.Pass("image %s runs as a non-root user by default: its published builds set USER "+secNonRootImages[secImageRepo(s)]+"; user: would make it explicit", s)
		return
	}
	image := "its image"
	if s := str(c.R.Attrs.Get("image")); s != "" {
		image = "image " + s
	}
	c.Fail("", "service %s sets no user:, so it runs as whatever user %s declares, which is root unless the image says otherwise (some official images start as root and switch users in their entrypoint); set user: to a non-root UID", c.R.Name, image)
}
