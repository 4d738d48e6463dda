package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-non-root",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Containers run as a non-root user",
		Why: "A process running as root inside a container is root on the node's kernel: one container " +
			"escape or writable host mount away from owning the node and every pod on it. Running as a " +
			"non-root user turns most such bugs into nothing more than a crashed process.",
		Fix: `spec:
  securityContext:        # the pod's, inherited by every container
    runAsNonRoot: true
    runAsUser: 10001      # if the image does not set a numeric non-root USER`,
		References: []string{
			doc("tasks/configure-pod-container/security-context/"),
			doc("concepts/security/pod-security-standards/#restricted"),
			"CKV_K8S_23", "AVD-KSV-0012",
			"Polaris: runAsRootAllowed", "kube-linter: run-as-non-root",
		},
		Kinds: podKinds,
		Check: checkNonRoot,
	})
}

// checkNonRoot judges the user each container runs as. runAsUser,
// runAsGroup and runAsNonRoot are read from the container's
// securityContext, else the pod's. With neither runAsUser nor runAsNonRoot
// set, the image's USER decides, and images run as root unless they say
// otherwise; runAsNonRoot defaults to false.
func checkNonRoot(c *rules.Check) {
	cts := hardenedContainers(c.R)
	failed, unknown := false, false
	for _, ct := range cts {
		user := effectiveSec(c.R, ct, "runAsUser")
		nonRoot := effectiveSec(c.R, ct, "runAsNonRoot")
		group := effectiveSec(c.R, ct, "runAsGroup")
		if s, ok := unknownSetting(user, nonRoot, group); ok {
			c.Unknown(s.path, s.v)
			unknown = true
			continue
		}
		uid, hasUID := user.v.Number()
		wantNonRoot, _ := secBool(nonRoot)
		switch {
		case hasUID && uid == 0 && wantNonRoot:
			failed = true
			c.Fail(user.path, "%s sets runAsUser 0 (root) and runAsNonRoot: true, so the kubelet refuses to start it; set a non-zero runAsUser", describeContainer(ct))
		case hasUID && uid == 0:
			failed = true
			c.Fail(user.path, "%s runs as root: runAsUser is 0; set a non-zero runAsUser and runAsNonRoot: true", describeContainer(ct))
		case hasUID || wantNonRoot:
			// A non-zero UID, or the kubelet's check that the image's
			// user is not root.
		case nonRoot.set():
			failed = true
			c.FailAt(secLoc(c.R, ct, nonRoot), "%s may run as root: runAsNonRoot is false and no runAsUser is set, so the image's USER decides; set runAsNonRoot: true", describeContainer(ct))
		default:
			failed = true
			c.FailAt(secLoc(c.R, ct, user), "%s may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set (on it or on the pod), so the image's USER decides; set runAsNonRoot: true", describeContainer(ct))
		}
		if gid, ok := group.v.Number(); ok && gid == 0 {
			failed = true
			c.Fail(group.path, "%s runs with the root group: runAsGroup is 0; set a non-zero runAsGroup", describeContainer(ct))
		}
	}
	if len(cts) > 0 && !failed && !unknown {
		c.Pass("every container runs as a non-root user")
	}
}
