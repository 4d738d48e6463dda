package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pod-selinux",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Containers keep a container SELinux type and set no custom SELinux user or role",
		Why: "On SELinux nodes the runtime labels each container with a container type that confines it to its " +
			"own files. Another type, a custom user or a custom role can grant the container the access of a host " +
			"process. The Pod Security Standards' baseline profile allows only the container types.",
		Fix: `securityContext:
  seLinuxOptions:
    level: "s0:c123,c456"   # a level is fine; leave type, user and role to the runtime`,
		References: []string{doc("concepts/security/pod-security-standards/#baseline")},
		Kinds:      podKinds,
		Check:      checkSELinux,
	})
}

// seLinuxTypes are the types the Pod Security Standards' baseline allows.
var seLinuxTypes = map[string]bool{
	"": true, "container_t": true, "container_init_t": true, "container_kvm_t": true, "container_engine_t": true,
}

func checkSELinux(c *rules.Check) {
	failed := false
	spec, path := podSpec(c.R)
	// Pod level and then each container: both apply, the container's
	// fields overriding the pod's.
	check := func(opts infra.Value, at, who string) bool {
		if !opts.IsKnown() {
			c.Unknown(at, opts)
			return false
		}
		for _, f := range []string{"type", "user", "role"} {
			v := opts.Get(f)
			if !v.IsKnown() {
				c.Unknown(at+"."+f, v)
				return false
			}
			s := str(v)
			if f == "type" && !seLinuxTypes[s] || f != "type" && s != "" {
				c.Fail(at+"."+f, "%s sets SELinux %s %q, which can lift the container's confinement; leave it to the runtime", who, f, s)
				failed = true
			}
		}
		return true
	}
	if !check(spec.Get("securityContext.seLinuxOptions"), path+".securityContext.seLinuxOptions", "the pod") {
		return
	}
	for _, ct := range hardenedContainers(c.R) {
		if !check(ct.v.Get("securityContext.seLinuxOptions"), ct.path+".securityContext.seLinuxOptions", describeContainer(ct)) {
			return
		}
	}
	if !failed {
		c.Pass("no SELinux type, user or role beyond the runtime's container types is set")
	}
}
