package kubernetes

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pod-seccomp",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Pods run under the RuntimeDefault (or a Localhost) seccomp profile",
		Why: "Without a seccomp profile a container may make every one of the kernel's ~400 system calls, " +
			"including the rarely used ones behind most kernel exploits and container escapes. The runtime's " +
			"default profile blocks them at no cost to ordinary apps.",
		Fix: `spec:
  securityContext:          # the pod's, inherited by every container
    seccompProfile:
      type: RuntimeDefault`,
		References: []string{
			doc("tutorials/security/seccomp/"),
			doc("concepts/security/pod-security-standards/#restricted"),
			"CKV_K8S_31", "AVD-KSV-0030",
		},
		Kinds: podKinds,
		Check: checkSeccomp,
	})
}

// The annotations that set seccomp profiles before the seccompProfile
// field (Kubernetes 1.19); the field wins where both are set.
const (
	seccompPodAnnotation       = "seccomp.security.alpha.kubernetes.io/pod"
	seccompContainerAnnotation = "container.seccomp.security.alpha.kubernetes.io/"
)

// seccomp is the profile that applies to a container, and where it is set.
type seccomp struct {
	profile string // RuntimeDefault, Localhost, Unconfined, or "" when set nowhere
	s       secSetting
}

// checkSeccomp wants every container confined by the RuntimeDefault or a
// Localhost profile: set on the container, else on the pod (the field or
// the older annotations). A container with none runs Unconfined, the
// default unless every node's kubelet runs with --seccomp-default.
func checkSeccomp(c *rules.Check) {
	cts := hardenedContainers(c.R)
	if len(cts) == 0 {
		return
	}
	pod := podSeccomp(c.R)
	if !pod.s.v.IsKnown() {
		c.Unknown(pod.s.path, pod.s.v)
		return
	}
	var unset []container
	failed, unknown := false, false
	for _, ct := range cts {
		p := containerSeccomp(c.R, ct)
		if !p.s.v.IsKnown() {
			c.Unknown(p.s.path, p.s.v)
			unknown = true
			continue
		}
		if p.profile == "" {
			p = pod
		}
		switch p.profile {
		case "RuntimeDefault", "Localhost":
		case "":
			unset = append(unset, ct)
		default:
			failed = true
			c.Fail(p.s.path, "%s runs with the %s seccomp profile, so every system call is allowed; use RuntimeDefault", describeContainer(ct), p.profile)
		}
	}
	_, specPath := podSpec(c.R)
	switch {
	case len(unset) > 0 && len(unset) == len(cts):
		failed = true
		c.Fail(specPath, "no seccomp profile is set on the pod or its containers, so they run Unconfined (the default); set securityContext.seccompProfile.type: RuntimeDefault on the pod")
	default:
		for _, ct := range unset {
			failed = true
			c.FailAt(c.R.LocOf(ct.v), "%s has no seccomp profile, on it or on the pod, so it runs Unconfined (the default); set securityContext.seccompProfile.type: RuntimeDefault", describeContainer(ct))
		}
	}
	if !failed && !unknown {
		c.Pass("every container runs under the RuntimeDefault or a Localhost seccomp profile")
	}
}

// podSeccomp is the pod-level profile: spec.securityContext.seccompProfile,
// else the pod annotation.
func podSeccomp(r *infra.Resource) seccomp {
	spec, specPath := podSpec(r)
	if v := spec.Get("securityContext.seccompProfile.type"); !v.IsNull() {
		return seccomp{profile: str(v), s: secSetting{v: v, path: specPath + ".securityContext.seccompProfile.type"}}
	}
	return seccompAnnotation(r, seccompPodAnnotation)
}

// containerSeccomp is the container's own profile: its
// securityContext.seccompProfile, else its annotation on the pod.
func containerSeccomp(r *infra.Resource, ct container) seccomp {
	if v := ct.v.Get("securityContext.seccompProfile.type"); !v.IsNull() {
		return seccomp{profile: str(v), s: secSetting{v: v, path: ct.path + ".securityContext.seccompProfile.type"}}
	}
	return seccompAnnotation(r, seccompContainerAnnotation+ct.name)
}

// seccompAnnotation reads a seccomp annotation of the pod template:
// runtime/default and docker/default are RuntimeDefault, localhost/<file>
// is Localhost, unconfined is Unconfined.
func seccompAnnotation(r *infra.Resource, key string) seccomp {
	pod, path, _ := k8s.PodTemplate(r)
	v := pod.Get("metadata.annotations").Field(key)
	if v.IsNull() {
		return seccomp{}
	}
	s := secSetting{v: v, path: join(path, "metadata.annotations") + `["` + key + `"]`}
	a := str(v)
	switch {
	case !v.IsKnown():
		return seccomp{s: s}
	case a == "runtime/default" || a == "docker/default":
		return seccomp{profile: "RuntimeDefault", s: s}
	case strings.HasPrefix(a, "localhost/"):
		return seccomp{profile: "Localhost", s: s}
	default:
		return seccomp{profile: "Unconfined", s: s}
	}
}
