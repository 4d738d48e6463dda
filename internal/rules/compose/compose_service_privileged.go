package compose

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-privileged",
		Item:     checklist.Security,
		Severity: checklist.Critical,
		Title:    "Services do not run privileged",
		Why: "A privileged container gets every Linux capability, every device of the host and no seccomp, " +
			"AppArmor or SELinux confinement: anyone who takes over the process can mount the host's disks, load " +
			"kernel modules and leave the container. It is root on the host in all but name.",
		Fix: `privileged: false        # the default: remove the line
devices: ["/dev/fuse"]   # and grant only the device it needs, if any`,
		References: []string{
			secDoc("privileged"),
			"KICS: Privileged Containers Enabled",
		},
		Kinds: serviceKinds,
		Check: secCheckPrivileged,
	})
}

// secCheckPrivileged fails privileged: true; it defaults to false.
func secCheckPrivileged(c *rules.Check) {
	v := c.R.Attrs.Get("privileged")
	if !v.IsKnown() {
		c.Unknown("privileged", v)
		return
	}
	if b, _ := v.Bool(); b {
		c.Fail("privileged", "privileged is true: the container has every capability and device of the host and no seccomp or AppArmor confinement; remove it and grant only the capabilities or devices it needs")
		return
	}
	c.Pass("the service is not privileged")
}
