package kubernetes

import (
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

// This file holds what the pod-hardening rules share: where a security
// setting takes effect (a container's securityContext overrides its pod's
// for the fields both have), Windows pods (to which the Linux-only fields
// do not apply), and capability names.

// podSecFields are the fields of a container's securityContext that the
// pod's securityContext (PodSecurityContext) also has: a container that
// does not set one inherits the pod's. The others (privileged,
// allowPrivilegeEscalation, readOnlyRootFilesystem, capabilities,
// procMount) exist only on containers.
// https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context
var podSecFields = map[string]bool{
	"runAsUser": true, "runAsGroup": true, "runAsNonRoot": true,
	"seccompProfile": true, "seLinuxOptions": true, "windowsOptions": true, "appArmorProfile": true,
}

// secSetting is one security setting as it takes effect for a container:
// its value and the path where it is written ("" when written nowhere, so
// the Kubernetes default applies).
type secSetting struct {
	v    infra.Value
	path string
}

// set reports a setting written in the manifest.
func (s secSetting) set() bool { return s.path != "" }

// effectiveSec is the field of securityContext that applies to a
// container: the container's own, else the pod's when the pod level has
// the field. An unknown value met on the way (a whole securityContext
// from a Helm value) is returned as the setting, so callers report it.
func effectiveSec(r *infra.Resource, ct container, field string) secSetting {
	if v := ct.v.Get("securityContext." + field); !v.IsNull() {
		return secSetting{v: v, path: ct.path + ".securityContext." + field}
	}
	if !podSecFields[field] {
		return secSetting{}
	}
	spec, path := podSpec(r)
	if v := spec.Get("securityContext." + field); !v.IsNull() {
		return secSetting{v: v, path: path + ".securityContext." + field}
	}
	return secSetting{}
}

// secBool reads a bool setting. ok is false when the value is unknown
// (the caller records it) or not a bool (the source reports the type error).
func secBool(s secSetting) (b, ok bool) {
	if !s.set() {
		return false, true
	}
	return s.v.Bool()
}

// podIsWindows reports a pod scheduled on Windows nodes (spec.os.name:
// windows). The Linux settings these rules read (runAsUser, runAsGroup,
// seccompProfile, capabilities, readOnlyRootFilesystem,
// allowPrivilegeEscalation) have no effect on Windows containers, and the
// Pod Security Standards make the seccomp, capabilities and privilege
// escalation controls Linux-only, so those rules record nothing for such
// pods.
func podIsWindows(r *infra.Resource) bool {
	spec, _ := podSpec(r)
	return str(spec.Get("os.name")) == "windows"
}

// hardenedContainers are the containers the Linux hardening rules judge:
// every container of a workload's pod, init containers included (they run
// on the same node with the same kernel), none for a Windows pod.
func hardenedContainers(r *infra.Resource) []container {
	if podIsWindows(r) {
		return nil
	}
	return containers(r)
}

// secLoc is where a finding about a container points: the setting
// when it is written, else the container's securityContext, else the
// container itself (where the setting is to be added).
func secLoc(r *infra.Resource, ct container, s secSetting) infra.Location {
	if s.set() {
		return r.AttrLoc(s.path)
	}
	if sc := ct.v.Get("securityContext"); !sc.IsNull() {
		return r.LocOf(sc)
	}
	return r.LocOf(ct.v)
}

// describeContainer names a container in messages: `container "app"`, or
// `init container "migrate"`.
func describeContainer(ct container) string {
	if ct.init {
		return "init container " + strconv.Quote(ct.name)
	}
	return "container " + strconv.Quote(ct.name)
}

// capName normalizes a Linux capability as the container runtimes read
// it: upper case, without the CAP_ prefix ("cap_sys_admin" is SYS_ADMIN).
func capName(s string) string {
	return strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(s)), "CAP_")
}

// defaultCaps are the capabilities container runtimes (containerd, CRI-O,
// Docker) grant a container unless it drops them; dropping every one of
// them is as good as dropping ALL.
var defaultCaps = []string{
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}

// serviceAccountOf is the ServiceAccount a pod runs as: spec.serviceAccountName,
// else the deprecated spec.serviceAccount, else "default" (what the API
// server sets). path is where it is written ("" when it is not).
func serviceAccountOf(r *infra.Resource) (name, path string, v infra.Value) {
	spec, specPath := podSpec(r)
	for _, f := range []string{"serviceAccountName", "serviceAccount"} {
		if v := spec.Get(f); !v.IsNull() {
			return str(v), specPath + "." + f, v
		}
	}
	return "default", "", infra.Value{}
}

// lookupServiceAccount finds the ServiceAccount object a pod runs as among
// the objects the rule can see (its component and context), or nil.
func lookupServiceAccount(c *rules.Check, name string) *infra.Resource {
	return c.Graph.Lookup(k8s.Address("core/ServiceAccount", c.R.Namespace, name))
}

// unknownSetting returns the first setting written with an unknown value.
func unknownSetting(ss ...secSetting) (secSetting, bool) {
	for _, s := range ss {
		if s.set() && !s.v.IsKnown() {
			return s, true
		}
	}
	return secSetting{}, false
}

// podAccount is what the ServiceAccount rules start from: the pod's spec
// and its path, and the ServiceAccount it runs as, with the path where it
// is named ("" when not written). ok is false for an object without a pod,
// and when the account's name is unknown (recorded).
func podAccount(c *rules.Check) (spec infra.Value, specPath, sa, saPath string, ok bool) {
	spec, specPath = podSpec(c.R)
	if spec.IsNull() {
		return spec, specPath, "", "", false
	}
	sa, saPath, saV := serviceAccountOf(c.R)
	if !saV.IsKnown() {
		c.Unknown(saPath, saV)
		return spec, specPath, "", "", false
	}
	return spec, specPath, sa, saPath, true
}
