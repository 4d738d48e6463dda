package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-statefulset-pvc-retention",
		Item:     checklist.Backup,
		Severity: checklist.High,
		Title:    "Deleting or scaling down a StatefulSet keeps its volumes",
		Why: "With persistentVolumeClaimRetentionPolicy set to Delete, deleting the StatefulSet (a mistaken " +
			"kubectl delete, a renamed release) or scaling it down deletes the claims of its pods, and with " +
			"them, under the usual reclaim policy, the data. Retain, the default, leaves the data to be reattached.",
		Fix: `spec:
  persistentVolumeClaimRetentionPolicy:
    whenDeleted: Retain
    whenScaled: Retain`,
		References: []string{doc("concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention")},
		Kinds:      []string{"apps/StatefulSet"},
		Check: func(c *rules.Check) {
			if c.R.Attrs.Get("spec.volumeClaimTemplates").Len() == 0 {
				return // no volumes of its own
			}
			failed := false
			for _, when := range []string{"whenDeleted", "whenScaled"} {
				path := "spec.persistentVolumeClaimRetentionPolicy." + when
				v := c.R.Attrs.Get(path)
				switch {
				case !v.IsKnown():
					c.Unknown(path, v)
					failed = true
				case str(v) == "Delete":
					c.Fail(path, "%s is Delete, so the claims and their data go with the pods; set it to Retain", path)
					failed = true
				}
			}
			if !failed {
				// Both default to Retain.
				c.Pass("its claims are retained")
			}
		},
	})
}
