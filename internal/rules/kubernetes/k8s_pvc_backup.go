package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pvc-backup",
		Item:     checklist.Backup,
		Severity: checklist.High,
		Title:    "PersistentVolumeClaims are covered by a scheduled backup",
		Why: "A PersistentVolumeClaim outlives its pods, which is why data goes there: uploads, a single-node " +
			"database run as a Deployment, a queue's journal. A deleted namespace, a corrupted file system or a " +
			"bad release destroys it for good when nothing copies it on a schedule; the volume's own durability " +
			"does not help against deletion.",
		Fix: `apiVersion: velero.io/v1
kind: Schedule
metadata: {name: daily, namespace: velero}
spec:
  schedule: "0 2 * * *"
  template:
    includedNamespaces: [shop]   # the claim's namespace
    ttl: 720h`,
		References: []string{
			"https://velero.io/docs/main/api-types/schedule/",
			"https://backube.github.io/snapscheduler/",
			doc("concepts/storage/volume-snapshots/"),
		},
		Kinds:         []string{"core/PersistentVolumeClaim"},
		CrossResource: true, // the pods that mount it; the schedules of its namespace
		Check:         checkPVCBackup,
	})
}

// checkPVCBackup grades a claim object like the claims of a StatefulSet
// (checkBackup), with the labels of the pods that mount it.
func checkPVCBackup(c *rules.Check) {
	d := data{
		what:       c.R.Address,
		namespace:  c.R.Namespace,
		claims:     []map[string]string{c.R.Labels},
		claimNames: []string{c.R.Name},
	}
	for _, kind := range podKinds {
		for _, w := range c.Graph.Referrers(c.R, kind, "") {
			d.pods = append(d.pods, k8s.PodLabels(w))
			pod, _, _ := k8s.PodTemplate(w)
			d.fsOptIn = d.fsOptIn || str(pod.Get(`metadata.annotations["backup.velero.io/backup-volumes"]`)) != ""
		}
	}
	checkBackup(c, d, "spec")
}
