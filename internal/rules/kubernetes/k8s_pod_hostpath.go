package kubernetes

import (
	"fmt"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pod-hostpath",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Pods do not mount directories of the node (hostPath volumes)",
		Why: "A hostPath volume reaches past the container onto the node: the kubelet's credentials and every " +
			"pod's secrets under /var/lib/kubelet, the container runtime's socket, /etc, other pods' logs. Even " +
			"read-only, it leaks them; writable, it hands over the node. Pods also become tied to what one node's " +
			"disk holds.",
		Fix: `volumes:
- name: data
  emptyDir: {}                 # scratch space
# or a PersistentVolumeClaim for data that must outlive the pod`,
		References: []string{
			doc("concepts/storage/volumes/#hostpath"),
			doc("concepts/security/pod-security-standards/#baseline"),
			"AVD-KSV-0023", "Polaris: hostPathSet",
		},
		Kinds: podKinds,
		Check: checkHostPath,
	})
}

// checkHostPath records one finding per hostPath volume of a pod.
func checkHostPath(c *rules.Check) {
	spec, path := podSpec(c.R)
	if spec.IsNull() {
		return
	}
	vols := spec.Get("volumes")
	if !vols.IsKnown() {
		c.Unknown(path+".volumes", vols)
		return
	}
	failed := false
	for i, v := range vols.List() {
		hp := v.Get("hostPath")
		if hp.IsNull() {
			continue
		}
		failed = true
		at := fmt.Sprintf("%s.volumes[%d].hostPath", path, i)
		if p := hp.Get("path"); p.IsKnown() && str(p) != "" {
			c.Fail(at, "volume %s mounts the node's %s (hostPath); use an emptyDir, a PersistentVolumeClaim, or a ConfigMap or Secret instead", str(v.Get("name")), str(p))
		} else {
			c.Fail(at, "volume %s is a hostPath volume, a directory of the node; use an emptyDir, a PersistentVolumeClaim, or a ConfigMap or Secret instead", str(v.Get("name")))
		}
	}
	if !failed {
		c.Pass("the pod mounts no directory of its node")
	}
}
