package compose

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-log-rotation",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "Service logs are rotated on the host (driver local, json-file with max-size, or a driver that ships them)",
		Why: "Docker's default logging driver, json-file, keeps a container's whole output in one file that " +
			"is never rotated: a chatty or crash-looping service fills the host's disk, and then every " +
			"service on the host fails, the database first. The local driver rotates by default; json-file " +
			"does only with max-size.",
		Fix: `services:
  web:
    logging:
      driver: local          # rotates: 5 files of 20 MB by default
      # or: driver: json-file
      #     options: {max-size: 10m, max-file: "5"}`,
		References: []string{
			"https://docs.docker.com/reference/compose-file/services/#logging",
			"https://docs.docker.com/engine/logging/drivers/json-file/",
			"https://docs.docker.com/engine/logging/drivers/local/",
			"https://docs.docker.com/engine/logging/dual-logging/",
		},
		Kinds:         serviceKinds,
		CrossResource: true, // other services tell a one-shot task
		Check:         checkLogRotation,
	})
}

// checkLogRotation reads logging.driver and its options. Without a driver
// the daemon's default applies: json-file, unrotated, unless the host's
// /etc/docker/daemon.json sets another driver or log-opts, which the
// project cannot show. The daemon's log-opts also apply to a service that
// names the daemon's default driver without options. A driver that ships
// logs off the host leaves only Docker's local cache for docker logs,
// which rotates by default (dual logging).
func checkLogRotation(c *rules.Check) {
	if !longRunning(c) {
		return
	}
	driver, dv := opsLogDriver(c.R)
	if !dv.IsKnown() {
		c.Unknown("logging.driver", dv)
		return
	}
	opts := c.R.Attrs.Get("logging.options")
	switch driver {
	case "", "json-file":
		size := opts.Field("max-size")
		if !size.IsKnown() {
			c.Unknown("logging.options.max-size", size)
			return
		}
		if s := str(size); s != "" && s != "-1" && s != "0" {
			c.Pass("json-file logs rotate at max-size %s", s)
			return
		}
		what := "logging driver json-file"
		if driver == "" {
			what = "no logging driver, so Docker's default json-file,"
		}
		path := "logging"
		if !size.IsNull() {
			path = "logging.options.max-size"
		}
		c.Fail(path, "service %s uses %s without max-size: its log file grows until the disk is full, unless the host's /etc/docker/daemon.json sets log-opts max-size (which the project cannot show); set logging driver local, or json-file with max-size", c.R.Name, what)
	case "none":
		// Nothing is written; compose-service-logs-shipped reports the loss.
	case "local":
		c.Pass("logging driver local rotates its files (20 MB × 5 unless max-size and max-file say otherwise)")
	case "journald":
		c.Pass("logging driver journald writes to the host's journal, which journald bounds and rotates")
	default:
		c.Pass("logging driver %s sends logs off the host; the copy Docker keeps for docker logs rotates by default", driver)
	}
}
