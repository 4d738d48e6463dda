package dockerfile

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/source/compose"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-image-healthcheck",
		Item:     checklist.Availability,
		Severity: checklist.Medium,
		Title:    "Images define a HEALTHCHECK (in the final stage, or healthcheck: on the Compose service that runs it)",
		Why: "Without a healthcheck Docker knows only that the process is running, not that it answers: a " +
			"deadlocked or half-started service is reported healthy, Swarm and Compose keep routing to it and " +
			"depends_on cannot wait for it. HEALTHCHECK NONE switches off one the base image defines.",
		Fix: `HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD ["wget", "-qO-", "http://localhost:8080/health"]`,
		References: []string{
			"https://docs.docker.com/reference/dockerfile/#healthcheck",
			"CKV_DOCKER_2", "AVD-DS-0026",
		},
		Kinds:         stageKinds,
		CrossResource: true, // the Compose services that run the image
		Check:         checkImageHealthcheck,
	})
}

// checkImageHealthcheck grades the stage an image is built from. A
// HEALTHCHECK of a stage it is built on counts (the parser carries it
// over); the base image's own is not known, so none here fails.
func checkImageHealthcheck(c *rules.Check) {
	if !isFinal(c) {
		return
	}
	svcs := builders(c)
	if len(svcs) > 0 && allTasks(c, svcs) {
		return // a one-off task (a migration) that others wait to complete
	}
	if buildOrShell(imageCommand(c)) {
		return // a build or development environment, not a service
	}
	for _, svc := range svcs {
		hc := svc.Attrs.Get("healthcheck")
		switch {
		case !hc.IsKnown():
			c.UnknownIn(svc, "healthcheck", hc)
			return
		case hc.IsNull():
			continue
		}
		if b, _ := hc.Get("disable").Bool(); b {
			c.FailAt(svc.LocOf(hc), "service %s disables the healthcheck; define one that checks the service answers", svc.Name)
			return
		}
		if t := hc.Get("test").List(); len(t) > 0 && str(t[0]) == "NONE" {
			c.FailAt(svc.LocOf(hc), "service %s sets healthcheck test NONE, which disables it; define one that checks the service answers", svc.Name)
			return
		}
		c.Pass("service %s defines a healthcheck", svc.Name)
		return
	}
	h := c.R.Attrs.Get("healthcheck")
	if h.IsNull() {
		c.Fail("", "the image has no HEALTHCHECK, so Docker cannot tell whether it answers; add a HEALTHCHECK that probes the service (or healthcheck: on the service that runs it)")
		return
	}
	if a := words(h.Get("args")); len(a) > 0 && strings.EqualFold(a[0], "NONE") {
		c.FailAt(c.R.LocOf(h), "HEALTHCHECK NONE disables the health check; replace it with a HEALTHCHECK CMD that probes the service")
		return
	}
	c.Pass("the image has a HEALTHCHECK")
}

// allTasks reports that every service in svcs is a one-off task: another
// service waits for it with depends_on condition
// service_completed_successfully.
func allTasks(c *rules.Check, svcs []*infra.Resource) bool {
	for _, s := range svcs {
		task := false
		for _, r := range c.Graph.OfKind(compose.KindService) {
			if str(r.Attrs.Get("depends_on").Field(s.Name).Get("condition")) == "service_completed_successfully" {
				task = true
				break
			}
		}
		if !task {
			return false
		}
	}
	return true
}
