package kubernetes

import (
	"path"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-statefulset-backup",
		Item:     checklist.Backup,
		Severity: checklist.High,
		Title:    "StatefulSets that keep data are covered by a scheduled backup of their volumes",
		Why: "The PersistentVolumes of a StatefulSet hold its data: a deleted namespace, a corrupted volume, " +
			"a bad migration or a lost zone destroys it for good when nothing copies it on a schedule. Replicas " +
			"do not help: they replicate the deletion too.",
		Fix: `apiVersion: velero.io/v1
kind: Schedule
metadata:
  name: daily
  namespace: velero
spec:
  schedule: "0 2 * * *"
  template:
    includedNamespaces: [shop]   # the StatefulSet's namespace
    ttl: 720h`,
		References: []string{
			"https://velero.io/docs/main/api-types/schedule/",
			"https://backube.github.io/snapscheduler/",
			doc("concepts/storage/volume-snapshots/"),
		},
		Kinds:         []string{kindStatefulSet},
		CrossResource: true,
		Check:         checkStatefulSetBackup,
	})
}

const (
	kindVeleroSchedule   = "velero.io/Schedule"
	kindSnapshotSchedule = "snapscheduler.backube/SnapshotSchedule"
)

// checkStatefulSetBackup looks for a schedule that copies the data of the
// StatefulSet's volumeClaimTemplates (see checkBackup). A StatefulSet
// without volumeClaimTemplates keeps no data of its own and is skipped.
func checkStatefulSetBackup(c *rules.Check) {
	if c.R.Attrs.Get("spec.volumeClaimTemplates").Len() == 0 {
		return
	}
	checkBackup(c, statefulSetData(c.R), "spec.volumeClaimTemplates")
}

// data is what a backup must cover: the PersistentVolumeClaims of one
// namespace, by their labels, and the pods that mount them.
type data struct {
	what       string // for messages: "the volumes of StatefulSet/shop/db"
	namespace  string
	pods       []map[string]string // labels of the pods that mount the claims
	claims     []map[string]string // labels of each claim
	claimNames []string
	fsOptIn    bool // a pod asks Velero for a file-system backup of its volumes
}

// statefulSetData is the data of a StatefulSet: the claims made from its
// volumeClaimTemplates, which carry the template's labels plus the
// StatefulSet's selector's matchLabels.
func statefulSetData(sts *infra.Resource) data {
	d := data{what: "the volumes of " + sts.Address, namespace: sts.Namespace, pods: []map[string]string{k8s.PodLabels(sts)}}
	match := sts.Attrs.Get("spec.selector.matchLabels")
	for _, t := range sts.Attrs.Get("spec.volumeClaimTemplates").List() {
		labels := map[string]string{}
		for _, f := range t.Get("metadata.labels").Fields() {
			labels[f.Name] = str(f.Value)
		}
		for _, f := range match.Fields() {
			labels[f.Name] = str(f.Value)
		}
		d.claims = append(d.claims, labels)
		d.claimNames = append(d.claimNames, str(t.Get("metadata.name")))
	}
	pod, _, _ := k8s.PodTemplate(sts)
	d.fsOptIn = str(pod.Get(`metadata.annotations["backup.velero.io/backup-volumes"]`)) != ""
	return d
}

// checkBackup looks for a schedule that copies d: a Velero Schedule that
// includes its namespace (namespace-wide, so visible to every application
// of the namespaces it includes), or a snapscheduler SnapshotSchedule of
// its namespace that selects its claims. Schedules that are there but do
// not cover it are named in the message with why; the failure is at path.
func checkBackup(c *rules.Check, d data, path string) {
	type miss struct{ schedule, reason string }
	var why []miss
	for _, s := range c.Graph.OfKind(kindVeleroSchedule) {
		if reason := veleroMisses(s, d); reason != "" {
			why = append(why, miss{s.Address, reason})
			continue
		}
		c.Pass("%s backs up namespace %s", s.Address, d.namespace)
		return
	}
	for _, s := range c.Graph.OfKind(kindSnapshotSchedule) {
		if s.Namespace != d.namespace {
			continue
		}
		if reason := snapshotMisses(s, d); reason != "" {
			why = append(why, miss{s.Address, reason})
			continue
		}
		c.Pass("%s snapshots its PersistentVolumeClaims", s.Address)
		return
	}
	// Each schedule that misses is named with why, as its own arguments.
	msg := "no backup covers %s: looked for a Velero Schedule including namespace %s and a SnapshotSchedule selecting its PersistentVolumeClaims"
	args := []any{d.what, d.namespace}
	for _, w := range why {
		msg += "; %s %s"
		args = append(args, w.schedule, w.reason)
	}
	c.Fail(path, msg, args...)
}

// veleroMisses says why a Velero Schedule does not back up d, or "" when
// it does. An omitted includedNamespaces means every namespace;
// snapshotVolumes defaults to true.
func veleroMisses(s *infra.Resource, d data) string {
	spec := s.Attrs.Get("spec")
	tpl := spec.Get("template")
	if b, _ := spec.Get("paused").Bool(); b {
		return "is paused"
	}
	if inc := stringsOf(tpl.Get("includedNamespaces")); len(inc) > 0 && !matchesAny(inc, d.namespace) {
		return "does not include namespace " + d.namespace
	}
	if matchesAny(stringsOf(tpl.Get("excludedNamespaces")), d.namespace) {
		return "excludes namespace " + d.namespace
	}
	for _, r := range stringsOf(tpl.Get("excludedResources")) {
		switch strings.ToLower(r) {
		case "persistentvolumeclaims", "pvc", "persistentvolumes", "pv":
			return "excludes " + r
		}
	}
	if !veleroSelects(tpl, d) {
		return "has a labelSelector that selects neither the pods nor the PersistentVolumeClaims"
	}
	snap, _ := tpl.Get("snapshotVolumes").Bool()
	fs, _ := tpl.Get("defaultVolumesToFsBackup").Bool()
	if !tpl.Get("snapshotVolumes").IsNull() && !snap && !fs && !d.fsOptIn {
		return "saves objects but no volume data (snapshotVolumes: false, no fs backup)"
	}
	return ""
}

// veleroSelects reports whether a Velero backup's label selectors let d
// in: none set, or one selecting a pod that mounts it (Velero then adds the
// volumes it mounts) or its PersistentVolumeClaims.
func veleroSelects(tpl infra.Value, d data) bool {
	var selectors []infra.Value
	if sel := tpl.Get("labelSelector"); !sel.IsNull() {
		selectors = append(selectors, sel)
	}
	selectors = append(selectors, tpl.Get("orLabelSelectors").List()...)
	if len(selectors) == 0 {
		return true
	}
	for _, sel := range selectors {
		for _, labels := range append(append([]map[string]string{}, d.pods...), d.claims...) {
			if k8s.Selects(sel, labels) {
				return true
			}
		}
	}
	return false
}

// snapshotMisses says why a SnapshotSchedule does not snapshot every
// claim of d, or "" when it does. An omitted claimSelector selects every
// claim of the namespace.
func snapshotMisses(s *infra.Resource, d data) string {
	spec := s.Attrs.Get("spec")
	if b, _ := spec.Get("disabled").Bool(); b {
		return "is disabled"
	}
	sel := spec.Get("claimSelector")
	if k8s.IsEmptySelector(sel) {
		return ""
	}
	for i, labels := range d.claims {
		if !k8s.Selects(sel, labels) {
			return "has a claimSelector that does not select claim " + d.claimNames[i]
		}
	}
	return ""
}

// matchesAny reports a namespace one of the patterns names: exactly, by
// "*", or by a glob as Velero accepts them.
func matchesAny(patterns []string, ns string) bool {
	for _, p := range patterns {
		if ok, _ := path.Match(p, ns); ok || p == ns {
			return true
		}
	}
	return false
}
