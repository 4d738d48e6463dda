package compose

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-logs-shipped",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "Service logs are shipped off the host to a central store",
		Why: "Logs kept only on the Docker host are lost with the host and rotated away within days, are " +
			"read one container at a time with docker logs, and cannot be searched or alerted on: the logs " +
			"that explain an incident are gone or unreachable when they are needed.",
		Fix: `services:
  web:
    logging:
      driver: fluentd                     # or gelf, syslog, awslogs, gcplogs, splunk, loki
      options:
        fluentd-address: localhost:24224
        tag: web
# or run a log agent that reads every container's logs:
  fluent-bit:
    image: fluent/fluent-bit:3.1.4
    volumes:
      - /var/lib/docker/containers:/var/lib/docker/containers:ro`,
		References: []string{
			"https://docs.docker.com/engine/logging/configure/",
			"https://docs.docker.com/reference/compose-file/services/#logging",
			"https://docs.fluentbit.io/manual/pipeline/inputs/tail",
		},
		Kinds:         serviceKinds,
		CrossResource: true, // a log agent among the project's services
		Check:         checkLogsShipped,
	})
}

// checkLogsShipped looks for what takes the service's logs off the host:
// a logging driver that sends them (fluentd, gelf, syslog, awslogs, …),
// or a log agent among the project's services that reads Docker's log
// files or API (fluent-bit, Vector, Promtail, Alloy, Filebeat, logspout,
// an OpenTelemetry collector, the Datadog agent). An agent often runs
// from the host's own configuration rather than the application's Compose
// file, so finding none is unknown, not a gap. Driver none is a gap: it
// discards the logs.
func checkLogsShipped(c *rules.Check) {
	if !longRunning(c) {
		return
	}
	driver, dv := opsLogDriver(c.R)
	if !dv.IsKnown() {
		c.Unknown("logging.driver", dv)
		return
	}
	if driver == "none" {
		c.Fail("logging.driver", "logging driver none discards the output of service %s: docker logs shows nothing and no agent can ship it; use local, json-file with max-size, or a driver that ships logs", c.R.Name)
		return
	}
	if to := opsShippingDriver(driver); to != "" {
		c.Pass("logging driver %s sends its logs to %s", driver, to)
		return
	}
	if files, api := opsReadsContainerLogs(c.Graph, c.R); files || api {
		c.Pass("it is a log agent that reads the host's container logs")
		return
	}
	for _, svc := range opsServices(c.Graph) {
		files, api := opsReadsContainerLogs(c.Graph, svc)
		switch {
		case api:
			c.Pass("service %s runs a log agent with the Docker socket, which reads the logs of every container", svc.Name)
			return
		case files && (driver == "" || driver == "json-file"):
			c.Pass("service %s runs a log agent that reads the json-file logs in /var/lib/docker/containers", svc.Name)
			return
		case files:
			c.UnknownBecause("service " + svc.Name + " runs a log agent that reads the json-file logs in /var/lib/docker/containers, but service " +
				c.R.Name + " uses logging driver " + driver + ", whose logs are not there; mount the Docker socket into the agent, or use json-file")
			return
		}
	}
	c.UnknownBecause("nothing in the project ships the logs of service " + c.R.Name + " (looked for a logging driver such as fluentd, gelf, syslog or awslogs, " +
		"and a log agent service mounting /var/lib/docker/containers or the Docker socket); if an agent on the host ships them, this is met")
}
