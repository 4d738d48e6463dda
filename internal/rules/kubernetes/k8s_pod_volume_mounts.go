package kubernetes

import (
	"fmt"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-pod-volume-mounts",
		Item:     checklist.Configure,
		Severity: checklist.High,
		Title:    "Volume mounts name volumes of the pod, and each volume and mount path appears once",
		Why: "The API server refuses a pod whose container mounts a volume the pod does not define (for a " +
			"StatefulSet, a volume or a volumeClaimTemplate), that defines two volumes of one name, or whose " +
			"container mounts two volumes at one path. It happens when a volume is renamed in one place, or a " +
			"claim template is named differently from the mount that needs it; the deploy fails.",
		Fix: `volumeMounts:
- {name: data, mountPath: /var/lib/app}   # the name of a volume below
volumes:
- {name: data, persistentVolumeClaim: {claimName: app-data}}`,
		References: []string{doc("concepts/storage/volumes/")},
		Kinds:      podKinds,
		Check:      checkVolumeMounts,
	})
}

func checkVolumeMounts(c *rules.Check) {
	cts, ok := podContainers(c)
	if !ok {
		return
	}
	spec, path := podSpec(c.R)
	vols := spec.Get("volumes")
	if !vols.IsKnown() {
		c.Unknown(path+".volumes", vols)
		return
	}
	defined := map[string]bool{}
	failed := false
	for i, v := range vols.List() {
		n := v.Get("name")
		if !n.IsKnown() {
			c.Unknown(fmt.Sprintf("%s.volumes[%d].name", path, i), n)
			return
		}
		if defined[str(n)] {
			c.Fail(fmt.Sprintf("%s.volumes[%d].name", path, i), "volume name %q is used twice; the API server refuses the pod", str(n))
			failed = true
		}
		defined[str(n)] = true
	}
	for _, t := range c.R.Attrs.Get("spec.volumeClaimTemplates").List() {
		defined[str(t.Get("metadata.name"))] = true
	}
	mounts := 0
	for _, ct := range cts {
		ms := ct.v.Get("volumeMounts")
		if !ms.IsKnown() {
			c.Unknown(ct.path+".volumeMounts", ms)
			return
		}
		paths := map[string]bool{}
		for i, m := range ms.List() {
			at := fmt.Sprintf("%s.volumeMounts[%d]", ct.path, i)
			if p, v, found := firstUnknown(m, at); found {
				c.Unknown(p, v)
				return
			}
			mounts++
			if name := str(m.Get("name")); !defined[name] {
				c.Fail(at+".name", "%s mounts volume %q, which the pod does not define; the API server refuses the pod", ct.label(), name)
				failed = true
			}
			if mp := str(m.Get("mountPath")); paths[mp] {
				c.Fail(at+".mountPath", "%s mounts two volumes at %s; the API server refuses the pod", ct.label(), mp)
				failed = true
			} else {
				paths[mp] = true
			}
		}
	}
	if !failed && mounts > 0 {
		c.Pass("every mount names a volume of the pod, at a path of its own")
	}
}
