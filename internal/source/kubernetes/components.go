package kubernetes

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// Link records the graph edges between objects: selectors (Service, PDB,
// NetworkPolicy, ServiceMonitor, PodMonitor → the workloads whose pods they
// select), scaleTargetRefs (HPA, KEDA ScaledObject → workload), and names
// (Ingress → Service, StatefulSet → its headless Service, a pod template →
// the ConfigMaps, Secrets, PVCs and ServiceAccount it uses). Edges go from
// the object that names or selects to the object named or selected, in one
// namespace.
func Link(objs []*infra.Resource) {
	byName := names{} // kind/ns/name → objects of that name
	var workloads []*infra.Resource
	podLabels := map[*infra.Resource]map[string]string{} // read once, matched by every selector
	for _, r := range objs {
		k := r.Kind + "/" + r.Namespace + "/" + r.Name
		byName[k] = append(byName[k], r)
		if IsWorkload(r.Kind) {
			workloads = append(workloads, r)
			podLabels[r] = PodLabels(r)
		}
	}
	// Secrets are often made in the cluster from objects that are in the
	// manifests: an ExternalSecret, a SealedSecret, a cert-manager
	// Certificate. A pod that reads such a Secret points at its maker.
	makers := names{} // core/Secret/ns/name → makers
	for _, r := range objs {
		for _, name := range SecretsMade(r) {
			k := "core/Secret/" + r.Namespace + "/" + name
			makers[k] = append(makers[k], r)
		}
	}
	named := func(r *infra.Resource, attr, kind, name string, how infra.EdgeKind) {
		t := byName.nearest(kind+"/"+r.Namespace+"/"+name, r)
		if t == nil && kind == "core/Secret" {
			t = makers.nearest(kind+"/"+r.Namespace+"/"+name, r)
		}
		if t != nil && t != r {
			r.Refs = append(r.Refs, infra.Ref{Attr: attr, To: t.Address, How: how})
		}
	}
	selects := func(r *infra.Resource, attr string, selector infra.Value, all bool) {
		if selector.IsNull() && !all {
			return
		}
		for _, w := range workloads {
			if w.Namespace == r.Namespace && Selects(selector, podLabels[w]) {
				r.Refs = append(r.Refs, infra.Ref{Attr: attr, To: w.Address, How: infra.EdgeSelector})
			}
		}
	}
	for _, r := range objs {
		a := r.Attrs
		switch r.Kind {
		case "core/Service":
			if sel := a.Get("spec.selector"); sel.Len() > 0 {
				selects(r, "spec.selector", sel, false)
			}
		case "policy/PodDisruptionBudget":
			selects(r, "spec.selector", a.Get("spec.selector"), false)
		case "networking.k8s.io/NetworkPolicy":
			selects(r, "spec.podSelector", a.Get("spec.podSelector"), true)
		case "monitoring.coreos.com/PodMonitor":
			for _, w := range workloads {
				if monitorsNamespace(r, w.Namespace) && Selects(a.Get("spec.selector"), podLabels[w]) {
					r.Refs = append(r.Refs, infra.Ref{Attr: "spec.selector", To: w.Address, How: infra.EdgeSelector})
				}
			}
		case "monitoring.coreos.com/ServiceMonitor":
			for _, s := range objs {
				if s.Kind == "core/Service" && monitorsNamespace(r, s.Namespace) && Selects(a.Get("spec.selector"), s.Labels) {
					r.Refs = append(r.Refs, infra.Ref{Attr: "spec.selector", To: s.Address, How: infra.EdgeSelector})
				}
			}
		case "autoscaling/HorizontalPodAutoscaler", "keda.sh/ScaledObject":
			ref := a.Get("spec.scaleTargetRef")
			kind := mustStr(ref.Get("kind"))
			if kind == "" {
				kind = "Deployment" // KEDA's default
			}
			for _, w := range workloads {
				if w.Namespace == r.Namespace && w.Name == mustStr(ref.Get("name")) && strings.HasSuffix(w.Kind, "/"+kind) {
					r.Refs = append(r.Refs, infra.Ref{Attr: "spec.scaleTargetRef", To: w.Address, How: infra.EdgeScaleTarget})
				}
			}
		case "networking.k8s.io/Ingress":
			for _, svc := range ingressServices(a) {
				named(r, "spec", "core/Service", svc, infra.EdgeName)
			}
		}
		if r.Kind == "rbac.authorization.k8s.io/RoleBinding" || r.Kind == "rbac.authorization.k8s.io/ClusterRoleBinding" {
			// The role it grants: a Role of its namespace, or a ClusterRole.
			role := mustStr(a.Get("roleRef.name"))
			switch mustStr(a.Get("roleRef.kind")) {
			case "Role":
				named(r, "roleRef", "rbac.authorization.k8s.io/Role", role, infra.EdgeName)
			case "ClusterRole":
				if t := byName.nearest("rbac.authorization.k8s.io/ClusterRole//"+role, r); t != nil {
					r.Refs = append(r.Refs, infra.Ref{Attr: "roleRef", To: t.Address, How: infra.EdgeName})
				}
			}
			// A binding names its ServiceAccounts with their own namespace.
			for _, sub := range a.Get("subjects").List() {
				if mustStr(sub.Get("kind")) != "ServiceAccount" {
					continue
				}
				ns := mustStr(sub.Get("namespace"))
				if ns == "" {
					ns = r.Namespace
				}
				if t := byName.nearest("core/ServiceAccount/"+ns+"/"+mustStr(sub.Get("name")), r); t != nil {
					r.Refs = append(r.Refs, infra.Ref{Attr: "subjects", To: t.Address, How: infra.EdgeName})
				}
			}
		}
		if r.Kind == "apps/StatefulSet" {
			named(r, "spec.serviceName", "core/Service", mustStr(a.Get("spec.serviceName")), infra.EdgeName)
		}
		if pod, path, ok := PodTemplate(r); ok {
			linkPod(r, pod, path, named)
		}
	}
}

// linkPod records what a pod template names: its ServiceAccount, and the
// ConfigMaps, Secrets and PVCs its volumes and containers use.
func linkPod(r *infra.Resource, pod infra.Value, path string, named func(r *infra.Resource, attr, kind, name string, how infra.EdgeKind)) {
	spec := join(path, "spec")
	// serviceAccount is the deprecated spelling; with neither, the pod
	// runs as its namespace's "default" account.
	switch {
	case mustStr(pod.Get("spec.serviceAccountName")) != "":
		named(r, spec+".serviceAccountName", "core/ServiceAccount", mustStr(pod.Get("spec.serviceAccountName")), infra.EdgeName)
	case mustStr(pod.Get("spec.serviceAccount")) != "":
		named(r, spec+".serviceAccount", "core/ServiceAccount", mustStr(pod.Get("spec.serviceAccount")), infra.EdgeName)
	default:
		named(r, spec, "core/ServiceAccount", "default", infra.EdgeName)
	}
	for _, v := range pod.Get("spec.volumes").List() {
		attr := spec + ".volumes"
		named(r, attr, "core/ConfigMap", mustStr(v.Get("configMap.name")), infra.EdgeVolume)
		named(r, attr, "core/Secret", mustStr(v.Get("secret.secretName")), infra.EdgeVolume)
		named(r, attr, "core/PersistentVolumeClaim", mustStr(v.Get("persistentVolumeClaim.claimName")), infra.EdgeVolume)
		for _, src := range v.Get("projected.sources").List() {
			named(r, attr, "core/ConfigMap", mustStr(src.Get("configMap.name")), infra.EdgeVolume)
			named(r, attr, "core/Secret", mustStr(src.Get("secret.name")), infra.EdgeVolume)
		}
	}
	for _, list := range []string{"containers", "initContainers"} {
		for _, c := range pod.Get("spec." + list).List() {
			attr := spec + "." + list
			for _, e := range c.Get("envFrom").List() {
				named(r, attr, "core/ConfigMap", mustStr(e.Get("configMapRef.name")), infra.EdgeName)
				named(r, attr, "core/Secret", mustStr(e.Get("secretRef.name")), infra.EdgeName)
			}
			for _, e := range c.Get("env").List() {
				named(r, attr, "core/ConfigMap", mustStr(e.Get("valueFrom.configMapKeyRef.name")), infra.EdgeName)
				named(r, attr, "core/Secret", mustStr(e.Get("valueFrom.secretKeyRef.name")), infra.EdgeName)
			}
		}
	}
}

// names finds objects by kind, namespace and name.
type names map[string][]*infra.Resource

// nearest is the object of that key written closest to from: in the same
// file, else the same directory, else the one sharing the longest path.
// Unrelated manifests that reuse a name (two examples' "frontend") are
// then not taken for each other.
func (n names) nearest(key string, from *infra.Resource) *infra.Resource {
	cands := n[key]
	if len(cands) < 2 {
		if len(cands) == 1 {
			return cands[0]
		}
		return nil
	}
	best, bestLen := cands[0], -1
	for _, c := range cands {
		l := commonPrefix(c.Loc.File, from.Loc.File)
		if c.Loc.File == from.Loc.File {
			l = len(c.Loc.File) + 1
		}
		if l > bestLen {
			best, bestLen = c, l
		}
	}
	return best
}

// commonPrefix is the length of the directories two paths share.
func commonPrefix(a, b string) int {
	n := 0
	for i := 0; i < len(a) && i < len(b) && a[i] == b[i]; i++ {
		if a[i] == filepath.Separator {
			n = i
		}
	}
	return n
}

// Unique gives objects that share an address (same kind, namespace and
// name, from different files) addresses of their own, naming their files,
// so that edges and reports tell them apart; and returns a coverage note
// for each such clash: applied together, the later object would replace
// the earlier.
func Unique(objs []*infra.Resource) []infra.Note {
	by := map[string][]*infra.Resource{}
	for _, r := range objs {
		by[r.Address] = append(by[r.Address], r)
	}
	var notes []infra.Note
	for addr, rs := range by {
		if len(rs) < 2 {
			continue
		}
		for _, r := range rs[1:] {
			notes = append(notes, infra.Note{Kind: infra.NoteCoverage, File: r.Loc.File, Line: int(r.Loc.Line),
				Message: fmt.Sprintf("%s is also defined in %s; applied together one replaces the other; graded separately", addr, rs[0].Loc.File)})
		}
		for _, r := range rs {
			r.Address = addr + " (" + filepath.ToSlash(r.Loc.File) + ")"
		}
	}
	// Two objects of one file with the same address stay alike: Kubernetes
	// applies the last, and so does the graph.
	return notes
}

// monitorsNamespace reports whether a ServiceMonitor or PodMonitor looks
// in namespace ns: its own by default, or what its namespaceSelector says
// (any: true, or matchNames).
func monitorsNamespace(m *infra.Resource, ns string) bool {
	sel := m.Attrs.Get("spec.namespaceSelector")
	if any, _ := sel.Get("any").Bool(); any {
		return true
	}
	if names := sel.Get("matchNames"); names.Len() > 0 {
		for _, n := range names.List() {
			if mustStr(n) == ns {
				return true
			}
		}
		return false
	}
	return m.Namespace == ns
}

// SecretsMade are the Secrets an object makes in the cluster: an
// ExternalSecret's target (its own name by default), a SealedSecret's own
// name (the controller always names the Secret after it), a cert-manager
// Certificate's secretName, a SecretProviderClass's secretObjects.
func SecretsMade(r *infra.Resource) []string {
	a := r.Attrs
	switch r.Kind {
	case "external-secrets.io/ExternalSecret":
		if n := mustStr(a.Get("spec.target.name")); n != "" {
			return []string{n}
		}
		return []string{r.Name}
	case "bitnami.com/SealedSecret":
		return []string{r.Name}
	case "cert-manager.io/Certificate":
		return []string{mustStr(a.Get("spec.secretName"))}
	case "secrets-store.csi.x-k8s.io/SecretProviderClass":
		var out []string
		for _, o := range a.Get("spec.secretObjects").List() {
			out = append(out, mustStr(o.Get("secretName")))
		}
		return out
	}
	return nil
}

// ingressServices are the Services an Ingress sends traffic to.
func ingressServices(ing infra.Value) []string {
	var out []string
	add := func(b infra.Value) {
		if s := mustStr(b.Get("service.name")); s != "" {
			out = append(out, s)
		}
		if s := mustStr(b.Get("serviceName")); s != "" { // extensions/v1beta1
			out = append(out, s)
		}
	}
	add(ing.Get("spec.defaultBackend"))
	add(ing.Get("spec.backend"))
	for _, rule := range ing.Get("spec.rules").List() {
		for _, p := range rule.Get("http.paths").List() {
			add(p.Get("backend"))
		}
	}
	return out
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// appKey is the application an object belongs to by its own labels:
// app.kubernetes.io/part-of, else app.kubernetes.io/name, else app.
func appKey(labels map[string]string) string {
	for _, k := range []string{"app.kubernetes.io/part-of", "app.kubernetes.io/name", "app"} {
		if v := labels[k]; v != "" {
			return v
		}
	}
	return ""
}

// namespaceWide reports an object that concerns every application of its
// namespace (or, for a Velero Schedule, of the namespaces it includes): a
// NetworkPolicy that selects every pod, a PrometheusRule, a LimitRange, a
// backup schedule, a log-shipping DaemonSet (every namespace).
func namespaceWide(r *infra.Resource) []string {
	switch r.Kind {
	case "networking.k8s.io/NetworkPolicy":
		if IsEmptySelector(r.Attrs.Get("spec.podSelector")) {
			return []string{r.Namespace}
		}
	case "monitoring.coreos.com/PrometheusRule", "core/LimitRange":
		return []string{r.Namespace}
	case "apps/DaemonSet":
		if IsLogShipper(r) {
			return []string{"*"}
		}
	case "velero.io/Schedule":
		var out []string
		for _, n := range r.Attrs.Get("spec.template.includedNamespaces").List() {
			out = append(out, mustStr(n))
		}
		if len(out) == 0 {
			return []string{"*"} // Velero backs up every namespace
		}
		return out
	}
	return nil
}

// logShippers are the image names of agents that collect every
// container's log on their node and send it to a central store.
var logShippers = []string{"fluent-bit", "fluentbit", "fluentd", "fluentd-kubernetes-daemonset", "vector",
	"promtail", "grafana-agent", "alloy", "agent" /* datadog/agent */, "datadog-agent", "filebeat",
	"opentelemetry-collector", "opentelemetry-collector-contrib", "splunk-otel-collector", "logstash", "newrelic-logging"}

// IsLogShipper reports a DaemonSet that runs a log collection agent:
// evidence that the logs of every pod on the cluster's nodes are shipped.
func IsLogShipper(r *infra.Resource) bool {
	if r.Kind != "apps/DaemonSet" {
		return false
	}
	pod, _, _ := PodTemplate(r)
	for _, c := range pod.Get("spec.containers").List() {
		repo := mustStr(c.Get("image"))
		repo, _, _ = strings.Cut(repo, "@")
		if i := strings.LastIndexByte(repo, ':'); i > strings.LastIndexByte(repo, '/') {
			repo = repo[:i] // the tag, not a registry port
		}
		name := repo[strings.LastIndexByte(repo, '/')+1:]
		if name == "agent" && !strings.Contains(repo, "datadog") {
			continue
		}
		if slices.Contains(logShippers, name) {
			return true
		}
	}
	return false
}

// Group makes the components of plain manifests: one per application
// within a namespace, at the directory that holds its files. A workload's application is its part-of, name or app
// label; the objects that select, scale or expose it, and those it names,
// join it. Objects that belong to no application form one component per
// namespace. Objects that concern a whole namespace (a default-deny
// NetworkPolicy, a PrometheusRule, a Velero Schedule) are graded in their
// own component and seen by every component of the namespaces they cover
// (Component.Context), so a rule can count them as evidence.
func Group(objs []*infra.Resource, path string) []*infra.Component {
	Link(objs)
	byAddr := map[string]*infra.Resource{}
	for _, r := range objs {
		byAddr[r.Address] = r
	}
	app := map[*infra.Resource]string{} // object → namespace/app
	for _, r := range objs {
		if IsWorkload(r.Kind) {
			labels := PodLabels(r)
			if appKey(r.Labels) != "" {
				labels = r.Labels
			}
			if k := appKey(labels); k != "" {
				app[r] = r.Namespace + "/" + k
			} else {
				app[r] = r.Namespace + "/" + r.Name
			}
		}
	}
	// Objects that point at a workload, and objects a workload names, join
	// its application; else their own labels decide.
	for _, r := range objs {
		if _, ok := app[r]; ok {
			continue
		}
		for _, ref := range r.Refs {
			if t := byAddr[ref.To]; t != nil && IsWorkload(t.Kind) && len(namespaceWide(r)) == 0 {
				app[r] = app[t]
				break
			}
		}
	}
	for _, w := range objs {
		if !IsWorkload(w.Kind) {
			continue
		}
		for _, ref := range w.Refs {
			if t := byAddr[ref.To]; t != nil {
				if _, ok := app[t]; !ok {
					app[t] = app[w]
				}
			}
		}
	}
	// A ServiceMonitor selects a Service of an application.
	for _, r := range objs {
		if _, ok := app[r]; ok || len(namespaceWide(r)) > 0 {
			continue
		}
		for _, ref := range r.Refs {
			if t := byAddr[ref.To]; t != nil && app[t] != "" {
				app[r] = app[t]
				break
			}
		}
	}
	for _, r := range objs {
		if _, ok := app[r]; !ok && len(namespaceWide(r)) == 0 {
			if k := appKey(r.Labels); k != "" {
				app[r] = r.Namespace + "/" + k
			}
		}
	}
	comps := map[string]*infra.Component{}
	get := func(key, name, kind string) *infra.Component {
		c := comps[key]
		if c == nil {
			c = &infra.Component{Name: name, Path: path, Kind: kind, Tool: Tool}
			comps[key] = c
		}
		return c
	}
	for _, r := range objs {
		var c *infra.Component
		if key := app[r]; key != "" {
			ns, name, _ := strings.Cut(key, "/")
			c = get("app:"+key, appName(ns, name), "kubernetes application (objects sharing its app labels in a namespace)")
		} else {
			c = get("ns:"+r.Namespace, nsName(r.Namespace), "kubernetes namespace objects (belonging to no application)")
		}
		c.Resources = append(c.Resources, r)
	}
	// An object shared by applications belongs to one, and is context for
	// the others: a NetworkPolicy that selects the pods of two
	// applications, a Secret maker that both read.
	compOf := func(r *infra.Resource) *infra.Component {
		if key := app[r]; key != "" {
			return comps["app:"+key]
		}
		return comps["ns:"+r.Namespace]
	}
	for _, r := range objs {
		for _, ref := range r.Refs {
			t := byAddr[ref.To]
			if t == nil {
				continue
			}
			from, to := compOf(r), compOf(t)
			if from == to || from == nil || to == nil {
				continue
			}
			if IsWorkload(r.Kind) && !slices.Contains(from.Context, t) {
				from.Context = append(from.Context, t) // what it uses
			}
			if IsWorkload(t.Kind) && !slices.Contains(to.Context, r) {
				to.Context = append(to.Context, r) // what selects or scales it
			}
		}
	}
	for _, r := range objs {
		for _, ns := range namespaceWide(r) {
			for key, c := range comps {
				if (strings.HasPrefix(key, "app:"+ns+"/") || ns == "*" && strings.HasPrefix(key, "app:")) && !slices.Contains(c.Context, r) && !slices.Contains(c.Resources, r) {
					c.Context = append(c.Context, r)
				}
			}
		}
	}
	out := make([]*infra.Component, 0, len(comps))
	for _, c := range comps {
		if dir := commonDir(c.Resources); dir != "" {
			c.Path = dir
		}
		slices.SortFunc(c.Resources, func(a, b *infra.Resource) int { return cmp.Compare(a.Address, b.Address) })
		slices.SortFunc(c.Context, func(a, b *infra.Resource) int { return cmp.Compare(a.Address, b.Address) })
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *infra.Component) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// commonDir is the deepest directory holding every resource's file: where
// an application's manifests live.
func commonDir(rs []*infra.Resource) string {
	dir := ""
	for i, r := range rs {
		d := filepath.Dir(r.Loc.File)
		if i == 0 {
			dir = d
			continue
		}
		for dir != d && !strings.HasPrefix(d, dir+string(filepath.Separator)) {
			parent := filepath.Dir(dir)
			if parent == dir {
				return dir
			}
			dir = parent
		}
	}
	return dir
}

func appName(ns, app string) string {
	if ns == "" {
		return app
	}
	return ns + "/" + app
}

func nsName(ns string) string {
	if ns == "" {
		return "cluster-scoped objects"
	}
	return "namespace " + ns
}

// Component makes one component of objects that belong together by how
// they were produced (a Helm release, a kustomization): linked like plain
// manifests, not regrouped by labels. kind says how it was formed, for the
// report ("helm release web of chart ./charts/web").
func Component(name, path, kind string, objs []*infra.Resource) *infra.Component {
	Link(objs)
	slices.SortFunc(objs, func(a, b *infra.Resource) int { return cmp.Compare(a.Address, b.Address) })
	return &infra.Component{Name: name, Path: path, Kind: kind, Tool: Tool, Resources: objs}
}
