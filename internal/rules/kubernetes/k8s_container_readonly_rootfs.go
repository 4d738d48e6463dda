package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-readonly-rootfs",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Containers run with a read-only root filesystem",
		Why: "A writable root filesystem lets an intruder drop tools, alter binaries or plant a backdoor that " +
			"lives as long as the container, and lets the app itself drift from its image. A read-only root, " +
			"with emptyDir volumes where the app must write, keeps every running container identical to its image.",
		Fix: `containers:
- name: app
  securityContext:
    readOnlyRootFilesystem: true
  volumeMounts:
  - {name: tmp, mountPath: /tmp}   # where the app must write
volumes:
- {name: tmp, emptyDir: {}}`,
		References: []string{
			doc("tasks/configure-pod-container/security-context/"),
			"CKV_K8S_22", "AVD-KSV-0014",
			"Polaris: notReadOnlyRootFilesystem", "kube-score: container-security-context-readonlyrootfilesystem",
			"kube-linter: no-read-only-root-fs",
		},
		Kinds: podKinds,
		Check: checkReadOnlyRootFS,
	})
}

// checkReadOnlyRootFS wants readOnlyRootFilesystem: true on every
// container. The field exists only on containers and defaults to false.
func checkReadOnlyRootFS(c *rules.Check) {
	cts := hardenedContainers(c.R)
	failed, unknown := false, false
	for _, ct := range cts {
		s := effectiveSec(c.R, ct, "readOnlyRootFilesystem")
		if u, ok := unknownSetting(s); ok {
			c.Unknown(u.path, u.v)
			unknown = true
			continue
		}
		ro, ok := secBool(s)
		switch {
		case !ok || ro:
		case s.set():
			failed = true
			c.Fail(s.path, "%s has a writable root filesystem: readOnlyRootFilesystem is false; set it to true and mount an emptyDir where the app writes", describeContainer(ct))
		default:
			failed = true
			c.FailAt(secLoc(c.R, ct, s), "%s has a writable root filesystem: readOnlyRootFilesystem is not set (default false); set it to true and mount an emptyDir where the app writes", describeContainer(ct))
		}
	}
	if len(cts) > 0 && !failed && !unknown {
		c.Pass("every container has a read-only root filesystem")
	}
}
