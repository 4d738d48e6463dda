package kubernetes

import (
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-workload-logs-shipped",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "Workload logs are shipped to a central store",
		Why: "Container logs live on the node only until the pod is deleted or the kubelet rotates them: " +
			"after a crash, an eviction or a node replacement the logs that explain it are gone unless an " +
			"agent ships them (fluent-bit, Vector, the OpenTelemetry collector, a vendor agent).",
		Fix: `# Run a log shipper on every node, e.g. fluent-bit as a DaemonSet:
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fluent-bit, namespace: logging}
spec:
  template:
    spec:
      containers:
      - name: fluent-bit
        image: fluent/fluent-bit:3.0.7`,
		References: []string{
			doc("concepts/cluster-administration/logging/"),
		},
		Kinds:         append(append([]string{}, serviceKinds...), "apps/DaemonSet", "batch/Job", "batch/CronJob"),
		CrossResource: true,
		Check:         checkLogsShipped,
	})
}

// logAnnotations are pod annotation prefixes by which log agents are told
// to collect (and parse) a pod's logs.
var logAnnotations = []string{"fluentbit.io/", "co.elastic.logs/", "ad.datadoghq.com/"}

// checkLogsShipped looks for a log shipper: a DaemonSet running a log agent
// anywhere in the scanned manifests (the source makes it visible to every
// application), or log-collection annotations on the pod. A shipper usually
// runs from the platform's own repository, not the application's, so its
// absence from the scanned files is unknown, not a gap.
//
// One gap is visible in the pod itself: a container that writes its log to
// files in an emptyDir volume that no other container reads. Neither
// kubectl logs nor a node's agent sees those files, and they are lost with
// the pod.
func checkLogsShipped(c *rules.Check) {
	if unread := unreadLogVolumes(c); len(unread) > 0 {
		for _, u := range unread {
			c.Fail(u.path, "container %s writes to %s on the emptyDir volume %s, which no other container reads: those logs are lost with the pod; log to stdout, or add a sidecar that streams the files", u.container, u.mountPath, u.volume)
		}
		return
	}
	if k8s.IsLogShipper(c.R) {
		c.Pass("it is a log shipper")
		return
	}
	for _, ds := range c.Graph.OfKind("apps/DaemonSet") {
		if k8s.IsLogShipper(ds) {
			c.Pass("%s ships the logs of every node", ds.Address)
			return
		}
	}
	pod, _, _ := k8s.PodTemplate(c.R)
	for _, f := range pod.Get("metadata.annotations").Fields() {
		for _, p := range logAnnotations {
			if strings.HasPrefix(f.Name, p) && (p != "ad.datadoghq.com/" || strings.HasSuffix(f.Name, ".logs")) {
				c.Pass("the pod's annotation %s tells a log agent to collect its logs", f.Name)
				return
			}
		}
	}
	c.UnknownBecause("no log shipper was found in the scanned manifests (a DaemonSet running fluent-bit, Vector, " +
		"the OpenTelemetry collector or a vendor agent, or log-collection annotations on the pod); if one runs in the cluster, scan its manifests with this application's")
}

type logVolume struct {
	path, container, mountPath, volume string
}

// unreadLogVolumes finds app containers that mount an emptyDir volume on a
// log directory (a path with "log" in it) that no other container mounts.
func unreadLogVolumes(c *rules.Check) []logVolume {
	spec, _ := podSpec(c.R)
	empty := map[string]bool{}
	for _, v := range spec.Get("volumes").List() {
		if v.Has("emptyDir") {
			empty[str(v.Get("name"))] = true
		}
	}
	if len(empty) == 0 {
		return nil
	}
	cs := containers(c.R)
	mounts := map[string]int{} // volume → containers mounting it
	for _, ct := range cs {
		seen := map[string]bool{}
		for _, m := range ct.v.Get("volumeMounts").List() {
			if n := str(m.Get("name")); !seen[n] {
				seen[n] = true
				mounts[n]++
			}
		}
	}
	var out []logVolume
	for _, ct := range cs {
		if ct.init {
			continue
		}
		for i, m := range ct.v.Get("volumeMounts").List() {
			name, at := str(m.Get("name")), str(m.Get("mountPath"))
			if empty[name] && mounts[name] == 1 && strings.Contains(strings.ToLower(at), "log") {
				out = append(out, logVolume{path: ct.path + ".volumeMounts[" + strconv.Itoa(i) + "]", container: ct.name, mountPath: at, volume: name})
			}
		}
	}
	return out
}
