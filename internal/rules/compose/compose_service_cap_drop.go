package compose

import (
	"fmt"
	"slices"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-cap-drop",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Services drop all Linux capabilities (cap_drop: [ALL]) and add back only those they need",
		Why: "Docker gives every container a default set of capabilities (NET_RAW to forge packets on the " +
			"network, SETUID, CHOWN, DAC_OVERRIDE to ignore file permissions, …) that few services use. Dropping " +
			"ALL and adding back the one or two a service needs leaves an intruder only what it was given.",
		Fix: `cap_drop: [ALL]
cap_add: [CHOWN, SETUID, SETGID]   # only those it needs, e.g. for an image whose entrypoint switches user`,
		References: []string{
			secDoc("cap_drop"),
			"https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
			"KICS: Container Capabilities Unrestricted",
		},
		Kinds: serviceKinds,
		Check: secCheckCapDrop,
	})
}

// secCheckCapDrop wants cap_drop to list ALL (or each of Docker's default
// capabilities), and cap_add not to give them all back. A privileged
// service has every capability whatever it drops; the
// compose-service-privileged rule reports it.
func secCheckCapDrop(c *rules.Check) {
	if secPrivileged(c.R) {
		return
	}
	for _, attr := range []string{"cap_drop", "cap_add"} {
		if v, p, ok := secUnknownItem(c.R, attr); ok {
			c.Unknown(p, v)
			return
		}
	}
	var dropped []string
	for _, d := range c.R.Attrs.Get("cap_drop").List() {
		dropped = append(dropped, secCapName(str(d)))
	}
	dropsAll := slices.Contains(dropped, "ALL")
	if !dropsAll {
		dropsAll = true
		for _, d := range secDefaultCaps {
			if !slices.Contains(dropped, d) {
				dropsAll = false
				break
			}
		}
	}
	switch {
	case !dropsAll && len(dropped) > 0:
		c.Fail("cap_drop", "cap_drop removes only %s and keeps the rest of Docker's default capabilities; drop ALL and add back what the service needs", strings.Join(dropped, ", "))
		return
	case !dropsAll:
		c.Fail("", "service %s keeps Docker's default capabilities (NET_RAW, SETUID, DAC_OVERRIDE, …): it sets no cap_drop; set cap_drop: [ALL] and add back what it needs", c.R.Name)
		return
	}
	for i, a := range c.R.Attrs.Get("cap_add").List() {
		if secCapName(str(a)) == "ALL" {
			c.Fail(fmt.Sprintf("cap_add[%d]", i), "cap_add: ALL gives every capability back, so cap_drop: [ALL] removes nothing; add back only the capabilities it needs")
			return
		}
	}
	c.Pass("the service drops all capabilities it is not given back by name")
}
