package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-root-group",
		Item:     checklist.Security,
		Severity: checklist.Low,
		Title:    "Containers do not run with the root group (GID 0)",
		Why: "A process in group 0 can read and write every file that root's group may on the volumes and host " +
			"paths it sees, and in many images the application's own files are group-writable by 0. runAsNonRoot " +
			"checks only the user; the group must be set apart too.",
		Fix: `securityContext:
  runAsUser: 10001
  runAsGroup: 10001
  fsGroup: 10001`,
		References: []string{doc("tasks/configure-pod-container/security-context/")},
		Kinds:      podKinds,
		Check:      checkRootGroup,
	})
}

// checkRootGroup fails a runAsGroup of 0 that applies to a container (its
// own, else the pod's), and a pod-level fsGroup or supplementalGroups
// entry of 0. An unset runAsGroup takes the image's, which is not known here.
func checkRootGroup(c *rules.Check) {
	cts := hardenedContainers(c.R)
	if len(cts) == 0 {
		return
	}
	failed := false
	for _, ct := range cts {
		s := effectiveSec(c.R, ct, "runAsGroup")
		if !s.v.IsKnown() {
			c.Unknown(s.path, s.v)
			return
		}
		if n, ok := s.v.Number(); ok && n == 0 {
			c.Fail(s.path, "%s runs with group 0 (root); set runAsGroup to a non-zero group", describeContainer(ct))
			failed = true
		}
	}
	spec, path := podSpec(c.R)
	if n, ok := spec.Get("securityContext.fsGroup").Number(); ok && n == 0 {
		c.Fail(path+".securityContext.fsGroup", "fsGroup is 0, so the pod's volumes are owned by the root group; use a non-zero group")
		failed = true
	}
	for i, g := range spec.Get("securityContext.supplementalGroups").List() {
		if n, ok := g.Number(); ok && n == 0 {
			c.Fail(path+".securityContext.supplementalGroups["+itoa(i)+"]", "supplementalGroups adds group 0 (root) to every container; remove it")
			failed = true
		}
	}
	if !failed {
		c.Pass("no container is given the root group")
	}
}
