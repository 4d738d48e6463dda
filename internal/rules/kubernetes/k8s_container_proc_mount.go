package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-proc-mount",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Containers keep the default, masked /proc (procMount)",
		Why: "The container runtime hides and makes read-only the parts of /proc that expose or control the host " +
			"kernel. procMount: Unmasked removes that protection, which together with other settings lets a " +
			"process inside the container reach the node. The Pod Security Standards' baseline profile forbids it.",
		Fix: `securityContext:
  procMount: Default   # or leave it out`,
		References: []string{doc("concepts/security/pod-security-standards/#baseline")},
		Kinds:      podKinds,
		Check: func(c *rules.Check) {
			failed := false
			for _, ct := range hardenedContainers(c.R) {
				at := ct.path + ".securityContext.procMount"
				v := ct.v.Get("securityContext.procMount")
				switch {
				case !v.IsKnown():
					c.Unknown(at, v)
					return
				case !v.IsNull() && str(v) != "Default":
					c.Fail(at, "%s mounts /proc %s, without the runtime's masking of host paths; use Default", describeContainer(ct), str(v))
					failed = true
				}
			}
			if !failed {
				c.Pass("every container keeps the default, masked /proc")
			}
		},
	})
}
