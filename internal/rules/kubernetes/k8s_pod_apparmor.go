package kubernetes

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pod-apparmor",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Containers are not taken out of AppArmor confinement",
		Why: "On nodes with AppArmor, the container runtime confines every container with its default profile, " +
			"which denies writes to /proc and /sys and mounting file systems. Setting the profile to Unconfined " +
			"removes that layer; the Pod Security Standards' baseline profile forbids it.",
		Fix: `securityContext:
  appArmorProfile:
    type: RuntimeDefault   # or Localhost with a profile of your own; never Unconfined`,
		References: []string{
			doc("tutorials/security/apparmor/"),
			doc("concepts/security/pod-security-standards/#baseline"),
		},
		Kinds: podKinds,
		Check: checkAppArmor,
	})
}

// appArmorAnnotation is the per-container annotation that set profiles
// before the appArmorProfile field (Kubernetes 1.30).
const appArmorAnnotation = "container.apparmor.security.beta.kubernetes.io/"

func checkAppArmor(c *rules.Check) {
	cts := hardenedContainers(c.R)
	if len(cts) == 0 {
		return
	}
	pod, podPath, _ := k8s.PodTemplate(c.R)
	failed := false
	for _, ct := range cts {
		s := effectiveSec(c.R, ct, "appArmorProfile")
		if !s.v.IsKnown() {
			c.Unknown(s.path, s.v)
			return
		}
		t := s.v.Get("type")
		if !t.IsKnown() {
			c.Unknown(s.path+".type", t)
			return
		}
		if str(t) == "Unconfined" {
			c.Fail(s.path+".type", "%s runs without AppArmor confinement (appArmorProfile Unconfined); use RuntimeDefault", describeContainer(ct))
			failed = true
			continue
		}
		key := appArmorAnnotation + ct.name
		at := join(podPath, "metadata.annotations") + "[" + quote(key) + "]"
		if a := pod.Get("metadata.annotations").Field(key); a.IsKnown() && strings.EqualFold(str(a), "unconfined") {
			c.Fail(at, "%s runs without AppArmor confinement (annotation %s: unconfined); use runtime/default", describeContainer(ct), key)
			failed = true
		}
	}
	if !failed {
		c.Pass("no container leaves AppArmor confinement")
	}
}
