package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-privilege-escalation",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Containers set allowPrivilegeEscalation: false",
		Why: "Unless allowPrivilegeEscalation is false, the container's processes can gain privileges their " +
			"parent did not have, through setuid binaries or file capabilities in the image: a foothold as the " +
			"app's user becomes root in the container, the first step of most container escapes.",
		Fix: `containers:
- name: app
  securityContext:
    allowPrivilegeEscalation: false`,
		References: []string{
			doc("tasks/configure-pod-container/security-context/"),
			doc("concepts/security/pod-security-standards/#restricted"),
			"CKV_K8S_20", "AVD-KSV-0001", "Polaris: privilegeEscalationAllowed",
		},
		Kinds: podKinds,
		Check: checkPrivilegeEscalation,
	})
}

// checkPrivilegeEscalation wants allowPrivilegeEscalation: false on every
// container. The field exists only on containers; when it is not set,
// privilege escalation is allowed (the runtime does not set no_new_privs),
// and it is always allowed for a privileged container or one with
// CAP_SYS_ADMIN, for which the API server rejects false.
func checkPrivilegeEscalation(c *rules.Check) {
	cts := hardenedContainers(c.R)
	failed, unknown := false, false
	for _, ct := range cts {
		s := effectiveSec(c.R, ct, "allowPrivilegeEscalation")
		if u, ok := unknownSetting(s); ok {
			c.Unknown(u.path, u.v)
			unknown = true
			continue
		}
		allowed, ok := secBool(s)
		switch {
		case !ok:
			// Not a bool: the source reports the type error.
		case s.set() && !allowed:
			// Explicitly disallowed.
		case s.set():
			failed = true
			c.Fail(s.path, "%s sets allowPrivilegeEscalation: true; set it to false", describeContainer(ct))
		case runsPrivileged(c, ct):
			failed = true
			c.FailAt(secLoc(c.R, ct, s), "%s runs privileged, which always allows privilege escalation; drop privileged and set allowPrivilegeEscalation: false", describeContainer(ct))
		default:
			failed = true
			c.FailAt(secLoc(c.R, ct, s), "%s does not set allowPrivilegeEscalation, which defaults to true; set allowPrivilegeEscalation: false", describeContainer(ct))
		}
	}
	if len(cts) > 0 && !failed && !unknown {
		c.Pass("every container sets allowPrivilegeEscalation: false")
	}
}

// runsPrivileged reports a container with securityContext.privileged: true.
func runsPrivileged(c *rules.Check, ct container) bool {
	b, _ := secBool(effectiveSec(c.R, ct, "privileged"))
	return b
}
