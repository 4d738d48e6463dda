package kubernetes

import (
	"fmt"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pvc-storage",
		Item:     checklist.Performance,
		Severity: checklist.Medium,
		Title:    "Volume claims choose their storage class and size",
		Why: "A claim without storageClassName gets whatever StorageClass the cluster marks as default: often " +
			"a slow or legacy disk type, sometimes one that cannot be expanded or snapshotted, and on clusters " +
			"with no default the claim stays Pending and the pod never starts. The disk type decides the " +
			"data store's IOPS and latency, so it belongs in code, with the size it needs.",
		Fix: `spec:
  storageClassName: fast-ssd   # a class of the cluster, e.g. gp3, premium-rwo
  resources:
    requests:
      storage: 20Gi`,
		References: []string{
			doc("concepts/storage/persistent-volumes/#class-1"),
			doc("concepts/storage/storage-classes/#default-storageclass"),
		},
		Kinds: []string{"core/PersistentVolumeClaim", "apps/StatefulSet"},
		Check: checkPVCStorage,
	})
}

func checkPVCStorage(c *rules.Check) {
	if c.R.Kind == "core/PersistentVolumeClaim" {
		if checkClaim(c, "spec", "claim") {
			c.Pass("the claim sets its storage class and size")
		}
		return
	}
	tpls := c.R.Attrs.Get("spec.volumeClaimTemplates")
	if !tpls.IsKnown() {
		c.Unknown("spec.volumeClaimTemplates", tpls)
		return
	}
	if len(tpls.List()) == 0 {
		return // no claims: the rule does not apply
	}
	ok := true
	for i, t := range tpls.List() {
		what := fmt.Sprintf("volumeClaimTemplate %q", str(t.Get("metadata.name")))
		if !checkClaim(c, fmt.Sprintf("spec.volumeClaimTemplates[%d].spec", i), what) {
			ok = false
		}
	}
	if ok {
		c.Pass("every volumeClaimTemplate sets its storage class and size")
	}
}

// checkClaim grades the claim spec at path, named what in messages; it
// reports whether the claim passes.
func checkClaim(c *rules.Check, path, what string) bool {
	spec := c.R.Attrs.Get(path)
	ok := true
	cls := spec.Get("storageClassName")
	switch {
	case !cls.IsKnown():
		c.Unknown(path+".storageClassName", cls)
		ok = false
	case !cls.IsNull():
		// Set; "" asks for no dynamic provisioning: the claim binds a
		// PersistentVolume made beforehand, which decides the storage.
	case str(spec.Get("volumeName")) != "":
		// Binds the named PersistentVolume, whose class applies.
	case path == "spec" && c.R.Annotations["volume.beta.kubernetes.io/storage-class"] != "":
		// The annotation storageClassName replaced; still honoured.
	default:
		failNear(c, path+".storageClassName", "the %s sets no storageClassName, so it gets the cluster's default StorageClass, whatever disk that is (or stays Pending if there is none); name the class", what)
		ok = false
	}
	size := spec.Get("resources.requests.storage")
	switch {
	case !size.IsKnown():
		c.Unknown(path+".resources.requests.storage", size)
		ok = false
	case size.IsNull() || zeroQuantity(str(size)):
		failNear(c, path+".resources.requests.storage", "the %s requests no storage size; set resources.requests.storage", what)
		ok = false
	}
	return ok
}
