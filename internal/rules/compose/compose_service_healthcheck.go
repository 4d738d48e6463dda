package compose

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-healthcheck",
		Item:     checklist.Availability,
		Severity: checklist.Medium,
		Title:    "Long-running services that run a pulled image have a healthcheck",
		Why: "Without a healthcheck Docker knows only whether the process runs, not whether it answers: a " +
			"deadlocked or half-started service looks healthy, depends_on cannot wait for it to be ready, " +
			"and nothing restarts or reports it. (A service that builds its image is graded with that image by " +
			"docker-image-healthcheck, where a HEALTHCHECK in the Dockerfile or healthcheck: here both count.)",
		Fix: `healthcheck:
  test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]
  interval: 30s
  timeout: 5s
  retries: 3`,
		References:    []string{"https://docs.docker.com/reference/compose-file/services/#healthcheck"},
		Kinds:         serviceKinds,
		CrossResource: true, // the Dockerfile stage it builds
		Check:         checkHealthcheck,
	})
}

// checkHealthcheck grades services that run an image built elsewhere. A
// service that builds its image is graded with that image by
// docker-image-healthcheck, which counts a healthcheck on either, so the
// gap is reported once.
func checkHealthcheck(c *rules.Check) {
	if !longRunning(c) || builtStage(c) != nil {
		return
	}
	hc := c.R.Attrs.Get("healthcheck")
	switch {
	case !hc.IsKnown():
		c.Unknown("healthcheck", hc)
	case hc.IsNull():
		c.Fail("", "service %s has no healthcheck: Docker cannot tell whether it answers; add a healthcheck", c.R.Name)
	case isTrue(hc.Get("disable")):
		c.Fail("healthcheck", "the healthcheck is disabled; define one that checks the service answers")
	case len(hc.Get("test").List()) > 0 && str(hc.Get("test").List()[0]) == "NONE":
		c.Fail("healthcheck.test", "the healthcheck test is NONE, which disables it; define one that checks the service answers")
	default:
		c.Pass("the service has a healthcheck")
	}
}

func isTrue(v infra.Value) bool {
	b, _ := v.Bool()
	return b
}
