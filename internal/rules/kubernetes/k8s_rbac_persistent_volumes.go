package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-rbac-persistent-volumes",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Application roles do not create PersistentVolumes",
		Why: "A PersistentVolume may be a hostPath volume: whoever can create one can mount any directory of a node " +
			"into a pod, past the Pod Security admission that forbids hostPath in pods, and read the kubelet's " +
			"credentials or other pods' data. Applications get storage through PersistentVolumeClaims and a " +
			"StorageClass; only storage provisioners need to create volumes.",
		Fix: `# Ask for storage with a PersistentVolumeClaim; remove create on
# persistentvolumes from application roles.`,
		References: []string{doc("concepts/security/rbac-good-practices/#persistent-volume-creation")},
		Kinds:      []string{"rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/Role"},
		Check: func(c *rules.Check) {
			checkRBACGrant(c, []string{"persistentvolumes"}, []string{"create", "update", "patch"},
				"rules[%d] grants %s on persistentvolumes, with which a hostPath volume mounts any directory of a node; request storage through PersistentVolumeClaims")
		},
	})
}
