package compose

import (
	"fmt"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-cap-add",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Services add no dangerous Linux capability (ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, …)",
		Why: "Capabilities beyond Docker's default set reach past the container: SYS_ADMIN and SYS_MODULE are " +
			"most of the way to root on the host, SYS_PTRACE reads other processes' memory, DAC_READ_SEARCH has " +
			"been used to read the host's files, NET_ADMIN rewrites routes and firewall rules. A flaw in the " +
			"service then becomes a compromise of the host.",
		Fix: `cap_drop: [ALL]
cap_add: [NET_BIND_SERVICE]   # only the narrow capability it needs, if any`,
		References: []string{
			secDoc("cap_add"),
			"https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
		},
		Kinds: serviceKinds,
		Check: secCheckCapAdd,
	})
}

// secCheckCapAdd fails each dangerous capability in cap_add. Capabilities
// of Docker's default set, added back after cap_drop: [ALL], are not
// dangerous additions. A privileged service has every capability; the
// compose-service-privileged rule reports it.
func secCheckCapAdd(c *rules.Check) {
	if secPrivileged(c.R) {
		return
	}
	if v, p, ok := secUnknownItem(c.R, "cap_add"); ok {
		c.Unknown(p, v)
		return
	}
	failed := false
	for i, a := range c.R.Attrs.Get("cap_add").List() {
		name := secCapName(str(a))
		what, bad := secDangerousCaps[name]
		if !bad {
			continue
		}
		failed = true
		c.Fail(fmt.Sprintf("cap_add[%d]", i), "cap_add grants %s; remove it, or grant only the narrow capability the service needs", what)
	}
	if !failed {
		c.Pass("the service adds no dangerous capability")
	}
}
