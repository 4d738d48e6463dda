package compose

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-healthcheck",
		Item:     checklist.Availability,
		Severity: checklist.Medium,
		Title:    "Long-running services have a healthcheck (on the service, or a HEALTHCHECK in the image it builds)",
		Why: "Without a healthcheck Docker knows only whether the process runs, not whether it answers: a " +
			"deadlocked or half-started service looks healthy, depends_on cannot wait for it to be ready, " +
			"and nothing restarts or reports it. A HEALTHCHECK in the image the service builds counts.",
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

func checkHealthcheck(c *rules.Check) {
	if !longRunning(c) {
		return
	}
	hc := c.R.Attrs.Get("healthcheck")
	if !hc.IsKnown() {
		c.Unknown("healthcheck", hc)
		return
	}
	if !hc.IsNull() {
		if b, _ := hc.Get("disable").Bool(); b {
			c.Fail("healthcheck", "the healthcheck is disabled; define one that checks the service answers")
			return
		}
		if t := hc.Get("test"); len(t.List()) > 0 && str(t.List()[0]) == "NONE" {
			c.Fail("healthcheck.test", "the healthcheck test is NONE, which disables it; define one that checks the service answers")
			return
		}
		c.Pass("the service has a healthcheck")
		return
	}
	if st := builtStage(c); st != nil {
		h := st.Attrs.Get("healthcheck")
		if !h.IsNull() {
			if args := h.Get("args").List(); len(args) > 0 && str(args[0]) == "NONE" {
				c.Fail("", "the image it builds disables its healthcheck (HEALTHCHECK NONE at %s) and the service sets none", st.LocOf(h))
				return
			}
			c.Pass("the image it builds has a HEALTHCHECK (%s)", st.LocOf(h))
			return
		}
	}
	c.Fail("", "service %s has no healthcheck, and no HEALTHCHECK in an image it builds: Docker cannot tell whether it answers; add a healthcheck", c.R.Name)
}
