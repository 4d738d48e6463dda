package kubernetes

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
)

const shop = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: web
      containers:
      - name: web
        image: nginx:1.25
        envFrom: [{configMapRef: {name: web-config}}]
        env: [{name: PW, valueFrom: {secretKeyRef: {name: web-secret, key: pw}}}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: web-config, namespace: shop}
- apiVersion: v1
  kind: Secret
  metadata: {name: web-secret, namespace: shop}
- apiVersion: v1
  kind: ServiceAccount
  metadata: {name: web, namespace: shop}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, namespace: shop}
spec: {minAvailable: 1, selector: {matchExpressions: [{key: app, operator: In, values: [web, api]}]}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 2, maxReplicas: 5}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec: {rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker, namespace: other, labels: {app.kubernetes.io/name: worker}}
spec:
  selector: {matchLabels: {app: worker}}
  template:
    metadata: {labels: {app: worker}}
    spec: {containers: [{name: w, image: busybox:1.36}]}
`

func loadFiles(t *testing.T, files map[string]string) ([]*infra.Component, []infra.Note) {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if isManifestName(name) {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	in := &source.Input{Paths: []string{dir}, Files: paths, Tree: confine.New(dir), Workers: source.NewWorkers(0)}
	var mu sync.Mutex // emit is called from several goroutines
	var comps []*infra.Component
	notes := source.Lookup("kubernetes").Load(context.Background(), in, func(c *infra.Component) {
		mu.Lock()
		comps = append(comps, c)
		mu.Unlock()
	})
	slices.SortFunc(comps, func(a, b *infra.Component) int { return strings.Compare(a.Name, b.Name) })
	return comps, notes
}

func TestApplicationsAndEdges(t *testing.T) {
	comps, notes := loadFiles(t, map[string]string{"shop.yaml": shop, "ci/.gitlab-ci.yml": "stages: [build]\n", "values.json": `{"a": 1}`})
	if len(notes) != 0 {
		t.Errorf("notes = %+v", notes)
	}
	got := map[string][]string{}
	for _, c := range comps {
		for _, r := range c.Resources {
			got[c.Name] = append(got[c.Name], r.Address)
		}
	}
	want := map[string][]string{
		"shop/web": {"ConfigMap/shop/web-config", "Deployment/shop/web", "HorizontalPodAutoscaler/shop/web", "Ingress/shop/web",
			"PodDisruptionBudget/shop/web", "Secret/shop/web-secret", "Service/shop/web", "ServiceAccount/shop/web"},
		"namespace shop": {"NetworkPolicy/shop/default-deny"},
		"other/worker":   {"Deployment/other/worker"},
	}
	for name, addrs := range want {
		if !slices.Equal(got[name], addrs) {
			t.Errorf("component %s = %v, want %v", name, got[name], addrs)
		}
	}
	var web *infra.Component
	for _, c := range comps {
		if c.Name == "shop/web" {
			web = c
		}
	}
	if len(web.Context) != 1 || web.Context[0].Address != "NetworkPolicy/shop/default-deny" {
		t.Errorf("the namespace's default-deny policy is not in the app's context: %v", web.Context)
	}
	g := infra.ComponentGraph(web)
	dep := g.Lookup("Deployment/shop/web")
	for kind, how := range map[string]infra.EdgeKind{
		"core/Service": infra.EdgeSelector, "policy/PodDisruptionBudget": infra.EdgeSelector,
		"autoscaling/HorizontalPodAutoscaler": infra.EdgeScaleTarget, "networking.k8s.io/NetworkPolicy": infra.EdgeSelector,
	} {
		rs := g.Referrers(dep, kind, "")
		if len(rs) != 1 {
			t.Errorf("%s referrers of the deployment = %v", kind, rs)
			continue
		}
		for _, ref := range rs[0].Refs {
			if ref.To == dep.Address && ref.How != how {
				t.Errorf("%s edge is %v, want %v", kind, ref.How, how)
			}
		}
	}
	if ts := g.Targets(dep, ""); len(ts) != 3 {
		t.Errorf("the deployment names %v; want its ConfigMap, Secret and ServiceAccount", ts)
	}
	if ts := g.Targets(g.Lookup("Ingress/shop/web"), ""); len(ts) != 1 || ts[0].Kind != "core/Service" {
		t.Errorf("ingress backends = %v", ts)
	}
	if r := g.Lookup("Deployment/shop/web"); r.Name != "web" || r.Namespace != "shop" || r.Kind != "apps/Deployment" {
		t.Errorf("deployment = %+v", r)
	}
	if l := g.Lookup("Secret/shop/web-secret").Loc; l.Line != 30 {
		t.Errorf("a List item is located at its own line: %v", l)
	}
}

func TestInputErrors(t *testing.T) {
	_, notes := loadFiles(t, map[string]string{
		"bad-type.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  replicas: two\n",
		"typo.yaml":     "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {selectr: {a: b}}\n",
		"broken.yaml":   "apiVersion: v1\nkind: Service\nmetadata: {name: [\n",
		"other.yaml":    "key: [unclosed\n",
		"template.yaml": "apiVersion: v1\nkind: {{ .Values.kind }}\n",
		"ok.yaml":       "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fine}\n",
		"dup.yaml":      "apiVersion: v1\nkind: Service\nmetadata: {name: d}\nspec:\n  type: ClusterIP\n  type: NodePort\n",
	})
	var got []string
	for _, n := range notes {
		got = append(got, filepath.Base(n.File)+" "+n.Kind)
	}
	slices.Sort(got)
	want := []string{"bad-type.yaml error", "broken.yaml error", "dup.yaml error", "typo.yaml coverage"}
	if !slices.Equal(got, want) {
		t.Errorf("notes = %v, want %v\n%+v", got, want, notes)
	}
	for _, n := range notes {
		if strings.HasSuffix(n.File, "dup.yaml") && (n.Line != 6 || !strings.Contains(n.Message, "first at line 5")) {
			t.Errorf("duplicate key note = %+v", n)
		}
		if strings.HasSuffix(n.File, "bad-type.yaml") && (n.Line != 5 || !strings.Contains(n.Message, "spec.replicas is a string")) {
			t.Errorf("type error note = %+v", n)
		}
	}
}

func TestChartsAndKustomizationsAreLeftToTheirLoaders(t *testing.T) {
	cm := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s}\n"
	comps, _ := loadFiles(t, map[string]string{
		"chart/Chart.yaml":           "apiVersion: v2\nname: c\nversion: 0.1.0\n",
		"chart/templates/cm.yaml":    strings.Replace(cm, "%s", "in-chart", 1),
		"overlay/kustomization.yaml": "resources: [cm.yaml]\n",
		"overlay/cm.yaml":            strings.Replace(cm, "%s", "in-overlay", 1),
		"plain/cm.yaml":              strings.Replace(cm, "%s", "plain", 1),
	})
	var names []string
	for _, c := range comps {
		for _, r := range c.Resources {
			names = append(names, r.Name)
		}
	}
	if !slices.Equal(names, []string{"plain"}) {
		t.Errorf("objects = %v, want only the plain one", names)
	}
}

func TestSniff(t *testing.T) {
	if sniff([]byte("apiVersion: v1\nkind: Pod\n")) != 2 || sniff([]byte(`{"apiVersion":"v1","kind":"Pod"}`)) != 2 {
		t.Error("manifests are not recognised")
	}
	if sniff([]byte(`{"format_version":"1.2","planned_values":{}}`)) != 0 || sniff([]byte(`resource "x" "y" {}`)) != 0 {
		t.Error("a plan or HCL is taken for a manifest")
	}
}

func TestLogShipper(t *testing.T) {
	for img, want := range map[string]bool{
		"fluent/fluent-bit:3.0": true, "cr.fluentbit.io/fluent/fluent-bit:2.2@sha256:ab": true, "timberio/vector:0.38-debian": true,
		"gcr.io/datadoghq/agent:7": true, "registry:5000/team/agent:1": false, "grafana/promtail:2.9": true, "nginx:1.25": false,
	} {
		r := &infra.Resource{Kind: "apps/DaemonSet", Attrs: infra.ObjectValue([]infra.Field{{Name: "spec", Value: infra.ObjectValue([]infra.Field{
			{Name: "template", Value: infra.ObjectValue([]infra.Field{{Name: "spec", Value: infra.ObjectValue([]infra.Field{
				{Name: "containers", Value: infra.ListValue([]infra.Value{infra.ObjectValue([]infra.Field{{Name: "image", Value: infra.StringValue(img)}})})},
			})}})},
		})}})}
		if got := IsLogShipper(r); got != want {
			t.Errorf("%s: log shipper = %v, want %v", img, got, want)
		}
	}
}

// Hostile YAML ends with a clear note, and the good manifest beside it is
// still graded.
func TestHostileYAML(t *testing.T) {
	var bomb strings.Builder
	bomb.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for i := 0; i < 12; i++ {
		name := fmt.Sprintf("l%d", i)
		fmt.Fprintf(&bomb, "  %s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n", name, name, prev, prev, prev, prev, prev, prev, prev, prev, prev, prev)
		prev = name
	}
	deep := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + strings.Repeat("[", 50_000) + strings.Repeat("]", 50_000) + "\n"
	huge := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: huge}\ndata: {k: \"" + strings.Repeat("x", 20<<20) + "\"}\n"
	var many strings.Builder
	for i := 0; i < 10_000; i++ {
		fmt.Fprintf(&many, "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-%d, namespace: many}\ndata: {k: v}\n", i)
	}
	comps, notes := loadFiles(t, map[string]string{
		"bomb.yaml": bomb.String(), "deep.yaml": deep, "huge.yaml": huge, "many.yaml": many.String(),
		"good.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: good, namespace: ok}\n",
	})
	errs := map[string]string{}
	for _, n := range notes {
		errs[filepath.Base(n.File)] = n.Message
	}
	for _, f := range []string{"bomb.yaml", "deep.yaml"} {
		if errs[f] == "" {
			t.Errorf("%s: no error note (notes %v)", f, errs)
		}
	}
	count := 0
	good := false
	for _, c := range comps {
		for _, r := range c.Resources {
			count++
			good = good || r.Name == "good"
		}
	}
	if !good || count < 10_002 {
		t.Errorf("objects = %d, good graded = %v; want the 10,000 documents, the huge one and the good one", count, good)
	}
}

func TestBindingsAndDefaultServiceAccount(t *testing.T) {
	comps, _ := loadFiles(t, map[string]string{"rbac.yaml": `apiVersion: apps/v1
kind: Deployment
metadata: {name: op, namespace: ops}
spec:
  selector: {matchLabels: {app: op}}
  template:
    metadata: {labels: {app: op}}
    spec: {containers: [{name: op, image: "op:1"}]}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: ops}
automountServiceAccountToken: false
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: op-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: default, namespace: ops}]
`})
	if len(comps) != 1 || len(comps[0].Resources) != 3 {
		t.Fatalf("the binding and the default account do not join the workload's application: %+v", comps)
	}
	g := infra.ComponentGraph(comps[0])
	sa := g.Lookup("ServiceAccount/ops/default")
	if len(g.Referrers(sa, "apps/Deployment", "")) != 1 || len(g.Referrers(sa, "rbac.authorization.k8s.io/ClusterRoleBinding", "")) != 1 {
		t.Errorf("edges to the default ServiceAccount are missing")
	}
}

func TestSharedObjectsAreContext(t *testing.T) {
	dep := func(name string) string {
		return fmt.Sprintf(`apiVersion: apps/v1
kind: Deployment
metadata: {name: %[1]s, namespace: ns}
spec:
  selector: {matchLabels: {app: %[1]s}}
  template:
    metadata: {labels: {app: %[1]s, tier: back}}
    spec: {containers: [{name: c, image: "x:1", env: [{name: P, valueFrom: {secretKeyRef: {name: creds, key: p}}}]}]}
---
`, name)
	}
	comps, _ := loadFiles(t, map[string]string{"m.yaml": dep("a") + dep("b") + `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: back, namespace: ns}
spec: {podSelector: {matchLabels: {tier: back}}, policyTypes: [Ingress]}
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: creds, namespace: ns}
spec: {target: {name: creds}}
`})
	seen := map[string][]string{}
	for _, c := range comps {
		g := infra.ComponentGraph(c)
		for _, r := range g.Resources() {
			seen[c.Name] = append(seen[c.Name], r.Address)
		}
	}
	for _, app := range []string{"ns/a", "ns/b"} {
		for _, want := range []string{"NetworkPolicy/ns/back", "ExternalSecret/ns/creds"} {
			if !slices.Contains(seen[app], want) {
				t.Errorf("%s does not see %s: %v", app, want, seen[app])
			}
		}
	}
}
