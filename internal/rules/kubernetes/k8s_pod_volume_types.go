package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pod-volume-types",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Pods use only the volume types the restricted Pod Security Standard allows",
		Why: "Volume types that mount storage directly into a pod (nfs, iscsi, cephfs, cloud disks by id, …) skip " +
			"the PersistentVolume layer where access is granted and audited, and gitRepo runs git on the node " +
			"with the pod's input (a path to code execution on the node, CVE-2024-10220). The restricted profile " +
			"allows configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and " +
			"secret; hostPath has a rule of its own.",
		Fix: `volumes:
- name: data
  persistentVolumeClaim: {claimName: data}   # storage through a claim
# gitRepo: clone in an init container into an emptyDir instead`,
		References: []string{doc("concepts/security/pod-security-standards/#restricted")},
		Kinds:      podKinds,
		Check:      checkVolumeTypes,
	})
}

// allowedVolumes are the restricted profile's volume types, and hostPath,
// which k8s-pod-hostpath reports.
var allowedVolumes = map[string]bool{
	"configMap": true, "csi": true, "downwardAPI": true, "emptyDir": true, "ephemeral": true,
	"persistentVolumeClaim": true, "projected": true, "secret": true, "hostPath": true,
}

func checkVolumeTypes(c *rules.Check) {
	spec, path := podSpec(c.R)
	vols := spec.Get("volumes")
	if !vols.IsKnown() {
		c.Unknown(path+".volumes", vols)
		return
	}
	failed := false
	for i, v := range vols.List() {
		for _, f := range v.Fields() {
			if f.Name == "name" || allowedVolumes[f.Name] {
				continue
			}
			c.Fail(path+".volumes["+itoa(i)+"]."+f.Name, "volume %s is a %s volume, which the restricted Pod Security Standard forbids; mount storage through a PersistentVolumeClaim", str(v.Get("name")), f.Name)
			failed = true
		}
	}
	if !failed {
		c.Pass("every volume is of a type the restricted profile allows")
	}
}
