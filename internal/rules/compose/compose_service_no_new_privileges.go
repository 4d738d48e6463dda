package compose

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-no-new-privileges",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Services set security_opt no-new-privileges, so no process in them can gain privileges",
		Why: "Without no-new-privileges, a process that runs a setuid binary (su, sudo, mount, ping in many " +
			"base images) or a file with capabilities gains them: an intruder who gets a shell as the app's " +
			"non-root user can become root in the container, one step closer to the host. With it, the kernel " +
			"refuses every privilege gain on exec. (A Docker daemon configured with \"no-new-privileges\": true " +
			"does this for every container, but the project cannot show it.)",
		Fix: `security_opt:
  - no-new-privileges:true`,
		References: []string{
			secDoc("security_opt"),
			"https://docs.docker.com/reference/cli/docker/container/run/#security-opt",
			"KICS: No New Privileges Not Set",
		},
		Kinds: serviceKinds,
		Check: secCheckNoNewPrivileges,
	})
}

// secCheckNoNewPrivileges wants a security_opt entry no-new-privileges,
// no-new-privileges:true or no-new-privileges=true; Docker's default is
// off. The last entry wins, as Docker reads them in order.
func secCheckNoNewPrivileges(c *rules.Check) {
	if v, p, ok := secUnknownItem(c.R, "security_opt"); ok {
		c.Unknown(p, v)
		return
	}
	var last *secOpt
	opts := secOpts(c.R)
	for i := range opts {
		if opts[i].key == "no-new-privileges" {
			last = &opts[i]
		}
	}
	switch {
	case last == nil && len(opts) > 0:
		c.Fail("security_opt", "security_opt does not include no-new-privileges: a setuid binary in the image can make a process root; add no-new-privileges:true")
	case last == nil:
		c.Fail("", "service %s does not set security_opt no-new-privileges: a setuid binary in the image can make a process root; add security_opt: [\"no-new-privileges:true\"]", c.R.Name)
	case last.value == "" || last.value == "true":
		c.Pass("security_opt sets no-new-privileges")
	default:
		c.Fail(last.path, "security_opt sets no-new-privileges to %s; set no-new-privileges:true", last.value)
	}
}
