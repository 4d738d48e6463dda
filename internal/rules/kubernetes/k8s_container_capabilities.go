package kubernetes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-capabilities",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Containers drop all Linux capabilities and add back none that is dangerous",
		Why: "Container runtimes grant every container a default set of capabilities (NET_RAW to forge packets " +
			"and spoof other pods, CHOWN, SETUID, DAC_OVERRIDE, …) that almost no app needs, and added ones such " +
			"as SYS_ADMIN or NET_ADMIN are most of the way to root on the node. Dropping ALL leaves an intruder " +
			"only what the app was explicitly given.",
		Fix: `containers:
- name: app
  securityContext:
    capabilities:
      drop: ["ALL"]
      add: ["NET_BIND_SERVICE"]   # only if it binds a port below 1024`,
		References: []string{
			doc("concepts/security/pod-security-standards/#restricted"),
			doc("tasks/configure-pod-container/security-context/#set-capabilities-for-a-container"),
			"CKV_K8S_37", "AVD-KSV-0003", "AVD-KSV-0106", "Polaris: insecureCapabilities",
		},
		Kinds: podKinds,
		Check: checkCapabilities,
	})
}

// baselineCaps are the capabilities the Baseline Pod Security Standard
// lets a container add: the runtimes' defaults without NET_RAW. Adding any
// other (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, NET_RAW, ALL, …)
// widens what a compromised container can do to its node.
var baselineCaps = []string{
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}

// checkCapabilities wants every container to drop ALL capabilities (as
// the Restricted Pod Security Standard does) and to add none beyond the
// Baseline set. With no capabilities.drop, the container keeps the
// runtime's default set; dropping each of those by name is as good as ALL.
func checkCapabilities(c *rules.Check) {
	cts := hardenedContainers(c.R)
	failed, unknown := false, false
	for _, ct := range cts {
		s := effectiveSec(c.R, ct, "capabilities")
		drop := effectiveSec(c.R, ct, "capabilities.drop")
		add := effectiveSec(c.R, ct, "capabilities.add")
		if u, ok := unknownSetting(s, drop, add); ok {
			c.Unknown(u.path, u.v)
			unknown = true
			continue
		}
		if u, ok := unknownListItem(drop, add); ok {
			c.Unknown(u.path, u.v)
			unknown = true
			continue
		}
		if !dropsAll(drop) {
			failed = true
			if drop.set() && drop.v.Len() > 0 {
				c.Fail(drop.path, "%s drops only %s and keeps the rest of the runtime's default capabilities; drop ALL", describeContainer(ct), capList(drop))
			} else {
				c.FailAt(secLoc(c.R, ct, s), "%s keeps the runtime's default capabilities (NET_RAW, SETUID, DAC_OVERRIDE, …): capabilities.drop does not list ALL; set drop: [\"ALL\"]", describeContainer(ct))
			}
		}
		for i, a := range add.v.List() {
			name := capName(str(a))
			if name != "ALL" && slices.Contains(baselineCaps, name) {
				continue
			}
			failed = true
			what := "capability " + name
			if name == "ALL" {
				what = "ALL capabilities"
			}
			c.Fail(fmt.Sprintf("%s[%d]", add.path, i), "%s adds %s, beyond what the Baseline Pod Security Standard allows; remove it, or grant the app only the narrow capability it needs", describeContainer(ct), what)
		}
	}
	if len(cts) > 0 && !failed && !unknown {
		c.Pass("every container drops ALL capabilities and adds none that is dangerous")
	}
}

// dropsAll reports a drop list that removes every default capability: ALL
// (in any case), or each default capability by name.
func dropsAll(drop secSetting) bool {
	var names []string
	for _, d := range drop.v.List() {
		names = append(names, capName(str(d)))
	}
	if slices.Contains(names, "ALL") {
		return true
	}
	for _, d := range defaultCaps {
		if !slices.Contains(names, d) {
			return false
		}
	}
	return true
}

// capList is a drop or add list for messages: "NET_RAW, SETUID".
func capList(s secSetting) string {
	var names []string
	for _, v := range s.v.List() {
		names = append(names, capName(str(v)))
	}
	return strings.Join(names, ", ")
}

// unknownListItem finds an unknown element of the lists of the settings.
func unknownListItem(ss ...secSetting) (secSetting, bool) {
	for _, s := range ss {
		for i, v := range s.v.List() {
			if !v.IsKnown() {
				return secSetting{v: v, path: fmt.Sprintf("%s[%d]", s.path, i)}, true
			}
		}
	}
	return secSetting{}, false
}
