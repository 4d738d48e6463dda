package compose

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-security-profiles",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Services keep Docker's seccomp, AppArmor and SELinux confinement (no security_opt …:unconfined or label:disable)",
		Why: "Docker's default seccomp profile blocks the few dozen system calls behind most container escapes " +
			"(unshare, keyctl, mounting filesystems, loading kernel modules), and its AppArmor or SELinux policy " +
			"keeps the container off the host's files. Turning them off leaves only capabilities between a flaw " +
			"in the service and the kernel.",
		Fix: `security_opt:
  - no-new-privileges:true
  # remove seccomp:unconfined / apparmor:unconfined / label:disable; if the service needs one
  # more system call, give it a profile that allows just that:
  # - seccomp:./seccomp-app.json`,
		References: []string{
			secDoc("security_opt"),
			"https://docs.docker.com/engine/security/seccomp/",
			"https://docs.docker.com/engine/security/apparmor/",
			"KICS: Default Seccomp Profile Disabled",
		},
		Kinds: serviceKinds,
		Check: secCheckSecurityProfiles,
	})
}

// secCheckSecurityProfiles fails security_opt entries that turn off a
// confinement Docker applies by default: seccomp=unconfined,
// apparmor=unconfined, label=disable (SELinux). A privileged service has
// none of them; the compose-service-privileged rule reports it.
func secCheckSecurityProfiles(c *rules.Check) {
	if secPrivileged(c.R) {
		return
	}
	if v, p, ok := secUnknownItem(c.R, "security_opt"); ok {
		c.Unknown(p, v)
		return
	}
	failed := false
	for _, o := range secOpts(c.R) {
		var what string
		switch {
		case o.key == "seccomp" && o.value == "unconfined",
			// "label:seccomp:unconfined" is not a valid option, but its intent is.
			strings.Contains(strings.ToLower(o.raw), "seccomp:unconfined"), strings.Contains(strings.ToLower(o.raw), "seccomp=unconfined"):
			what = "turns off Docker's seccomp profile: every system call is allowed"
		case o.key == "apparmor" && o.value == "unconfined":
			what = "turns off the AppArmor profile"
		case o.key == "label" && o.value == "disable":
			what = "turns off SELinux separation"
		case o.key == "systempaths" && o.value == "unconfined":
			what = "unmasks /proc and /sys paths Docker hides from containers"
		default:
			continue
		}
		failed = true
		c.Fail(o.path, "security_opt %s %s; remove it, or give the service a profile that allows only what it needs", o.raw, what)
	}
	if !failed {
		c.Pass("the service keeps Docker's default seccomp and AppArmor/SELinux confinement")
	}
}
