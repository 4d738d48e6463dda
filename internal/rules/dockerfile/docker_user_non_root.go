package dockerfile

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-user-non-root",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Images run as a non-root user (USER in the final stage, or user: on the service that runs it)",
		Why: "Without USER, a container runs as root: a flaw in the application, or in any library it loads, " +
			"becomes root inside the container, with write access to everything the image holds and one " +
			"kernel bug away from the host. Set a non-root USER in the stage the image is built from; a " +
			"Compose service's user: setting counts too.",
		Fix: `RUN addgroup -S app && adduser -S -G app app
USER app          # or a numeric UID such as 10001`,
		References:    []string{"https://docs.docker.com/build/building/best-practices/#user"},
		Kinds:         stageKinds,
		CrossResource: true, // the Compose services that build the stage
		Check:         checkUserNonRoot,
	})
}

// checkUserNonRoot grades the stage an image is built from. The USER it
// inherits from an earlier stage it is built on counts; a base image's own
// USER is not known, so a stage that sets none fails unless a service that
// runs it sets a non-root user.
func checkUserNonRoot(c *rules.Check) {
	if !isFinal(c) {
		return
	}
	for _, svc := range builders(c) {
		u := svc.Attrs.Get("user")
		if !u.IsKnown() {
			c.UnknownIn(svc, "user", u)
			return
		}
		if s := str(u); s != "" {
			if IsRootUser(s) {
				c.Fail("user", "service %s runs the image as %s; run it as a non-root user", svc.Name, s)
			} else {
				c.Pass("service %s runs it as user %s", svc.Name, s)
			}
			return
		}
	}
	u := c.R.Attrs.Get("user")
	switch s := str(u); {
	case !u.IsKnown():
		c.Unknown("user", u)
	case s == "":
		c.Fail("", "the image sets no USER, so it runs as root unless its base image says otherwise; add a USER with a non-root user")
	case IsRootUser(s):
		c.Fail("user", "the image runs as %s (USER %s); switch to a non-root user before the end of the stage", s, s)
	default:
		c.Pass("the image runs as user %s", s)
	}
}
