package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-privileged",
		Item:     checklist.Security,
		Severity: checklist.Critical,
		Title:    "Containers do not run privileged",
		Why: "A privileged container has every capability and every device of the node, with no seccomp or " +
			"AppArmor confinement: anyone who gets code running in it owns the node, its kubelet credentials " +
			"and every other pod scheduled there.",
		Fix: `containers:
- name: app
  securityContext:
    privileged: false   # the default; grant only the capability the app needs, if any`,
		References: []string{
			doc("concepts/security/pod-security-standards/#baseline"),
			"CKV_K8S_16", "AVD-KSV-0017",
			"Polaris: runAsPrivileged", "kube-score: container-security-context-privileged",
			"kube-linter: privileged-container",
		},
		Kinds: podKinds,
		Check: checkPrivileged,
	})
}

// checkPrivileged flags containers with securityContext.privileged: true.
// privileged exists only on containers and defaults to false.
func checkPrivileged(c *rules.Check) {
	cts := containers(c.R)
	failed, unknown := false, false
	for _, ct := range cts {
		s := effectiveSec(c.R, ct, "privileged")
		if u, ok := unknownSetting(s); ok {
			c.Unknown(u.path, u.v)
			unknown = true
			continue
		}
		if b, _ := secBool(s); b {
			failed = true
			c.Fail(s.path, "%s runs privileged: it has every capability and device of the node; remove privileged: true", describeContainer(ct))
		}
	}
	if len(cts) > 0 && !failed && !unknown {
		c.Pass("no container runs privileged")
	}
}
