package compose

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-read-only",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Services run with a read-only root filesystem (read_only: true), writing only to volumes and tmpfs",
		Why: "With a writable root filesystem an intruder can replace the service's binaries and libraries, " +
			"drop tools and persist across restarts of the process, and the container drifts from the image it " +
			"was built from. A read-only root, with volumes for data and tmpfs for scratch paths, keeps it " +
			"exactly the image that was tested.",
		Fix: `read_only: true
tmpfs:
  - /tmp          # the paths it writes scratch files to
volumes:
  - data:/var/lib/app`,
		References: []string{secDoc("read_only")},
		Kinds:      serviceKinds,
		Check:      secCheckReadOnly,
	})
}

// secCheckReadOnly wants read_only: true; Docker's default is a writable
// root filesystem.
func secCheckReadOnly(c *rules.Check) {
	v := c.R.Attrs.Get("read_only")
	if !v.IsKnown() {
		c.Unknown("read_only", v)
		return
	}
	if b, _ := v.Bool(); b {
		c.Pass("the root filesystem is read-only")
		return
	}
	// The loader leaves out read_only: false, so false and unset read alike.
	c.Fail("read_only", "service %s has a writable root filesystem (read_only is not true): it can rewrite its own binaries and libraries; set read_only: true and mount tmpfs or volumes where it writes", c.R.Name)
}
