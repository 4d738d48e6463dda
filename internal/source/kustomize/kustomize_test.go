package kustomize

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
)

// scan loads every kustomization under dir as a scan of dir would.
func scan(t *testing.T, dir string) ([]*infra.Component, []infra.Note) {
	t.Helper()
	return scanWith(t, dir, source.Limits{ComponentTime: time.Minute})
}

func scanWith(t *testing.T, dir string, limits source.Limits) ([]*infra.Component, []infra.Note) {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && isKustomizationName(d.Name()) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	in := &source.Input{Paths: []string{dir}, Files: files, Tree: confine.New(dir),
		Workers: source.NewWorkers(0), Limits: limits}
	var mu sync.Mutex
	var comps []*infra.Component
	notes := source.Lookup("kustomize").Load(context.Background(), in, func(c *infra.Component) {
		mu.Lock()
		defer mu.Unlock()
		comps = append(comps, c)
	})
	slices.SortFunc(comps, func(a, b *infra.Component) int { return strings.Compare(a.Name, b.Name) })
	return comps, notes
}

// write makes a tree of files in a new directory.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func component(t *testing.T, comps []*infra.Component, name string) *infra.Component {
	t.Helper()
	for _, c := range comps {
		if c.Name == name {
			return c
		}
	}
	var names []string
	for _, c := range comps {
		names = append(names, c.Name)
	}
	t.Fatalf("no component %s; have %v", name, names)
	return nil
}

func object(t *testing.T, c *infra.Component, addr string) *infra.Resource {
	t.Helper()
	for _, r := range c.Resources {
		if r.Address == addr {
			return r
		}
	}
	var addrs []string
	for _, r := range c.Resources {
		addrs = append(addrs, r.Address)
	}
	t.Fatalf("component %s has no %s; have %v", c.Name, addr, addrs)
	return nil
}

// at checks where the value at path is located: file (relative to the
// test data) and line.
func at(t *testing.T, r *infra.Resource, path, file string, line int) {
	t.Helper()
	l := r.AttrLoc(path)
	if filepath.ToSlash(l.File) != file || int(l.Line) != line {
		t.Errorf("%s %s is at %s:%d, want %s:%d", r.Address, path, filepath.ToSlash(l.File), l.Line, file, line)
	}
}

func noteTexts(notes []infra.Note) []string {
	var out []string
	for _, n := range notes {
		out = append(out, n.Kind+" "+filepath.ToSlash(n.File)+":"+strconv.Itoa(n.Line)+" "+n.Message)
	}
	return out
}

func TestOverlaysAreGradedOnceAndBasesNotAlone(t *testing.T) {
	comps, notes := scan(t, "testdata/shop")
	if len(notes) != 0 {
		t.Errorf("notes = %v", noteTexts(notes))
	}
	var names []string
	for _, c := range comps {
		names = append(names, c.Name)
		if c.Kind != ComponentKind || c.Tool != "Kubernetes" {
			t.Errorf("component %s: kind %q, tool %q", c.Name, c.Kind, c.Tool)
		}
	}
	want := []string{"testdata/shop/overlays/prod", "testdata/shop/overlays/staging"}
	if !slices.Equal(names, want) {
		t.Fatalf("components = %v, want %v (the base and the Component only through the overlays)", names, want)
	}
	var addrs []string
	for _, r := range comps[0].Resources {
		addrs = append(addrs, r.Address)
	}
	wantAddrs := []string{"ConfigMap/shop/prod-web-config-hf678c7m2b", "Deployment/shop/prod-web",
		"Secret/shop/prod-web-secret-cmh6k878dk", "Service/shop/prod-web", "ServiceMonitor/shop/prod-web"}
	if !slices.Equal(addrs, wantAddrs) {
		t.Errorf("prod objects = %v, want %v", addrs, wantAddrs)
	}
	staging := component(t, comps, "testdata/shop/overlays/staging")
	if len(staging.Resources) != 2 {
		t.Errorf("staging objects = %d, want the base's Deployment and Service", len(staging.Resources))
	}
	// Edges are those of plain manifests, between the built objects.
	svc := object(t, comps[0], "Service/shop/prod-web")
	if len(svc.Refs) != 1 || svc.Refs[0].To != "Deployment/shop/prod-web" || svc.Refs[0].How != infra.EdgeSelector {
		t.Errorf("service edges = %+v", svc.Refs)
	}
}

func TestOriginAnnotationsAreTakenOff(t *testing.T) {
	comps, _ := scan(t, "testdata/shop")
	for _, c := range comps {
		for _, r := range c.Resources {
			if len(r.Annotations) != 0 || r.Attrs.Get("metadata").Has("annotations") {
				t.Errorf("%s keeps annotations %v", r.Address, r.Annotations)
			}
			if r.Origin != "kustomize" {
				t.Errorf("%s origin %q", r.Address, r.Origin)
			}
		}
	}
}

func TestStrategicMergePatchIsLocatedInThePatch(t *testing.T) {
	comps, _ := scan(t, "testdata/shop")
	d := object(t, component(t, comps, "testdata/shop/overlays/prod"), "Deployment/shop/prod-web")
	c := "spec.template.spec.containers[0]."
	if v, _ := d.Attrs.Get(c + "readinessProbe.periodSeconds").Number(); v != 5 {
		t.Fatalf("the patch did not change the probe: periodSeconds = %v", v)
	}
	at(t, d, c+"readinessProbe.periodSeconds", "testdata/shop/overlays/prod/probe.yaml", 12)
	at(t, d, c+"livenessProbe", "testdata/shop/overlays/prod/probe.yaml", 14)
	at(t, d, c+"livenessProbe.tcpSocket.port", "testdata/shop/overlays/prod/probe.yaml", 15)
	// What the patch did not change stays in the base.
	at(t, d, c+"readinessProbe.httpGet.path", "testdata/shop/base/deployment.yaml", 24)
	at(t, d, c+"readinessProbe", "testdata/shop/base/deployment.yaml", 23)
	at(t, d, c+"name", "testdata/shop/base/deployment.yaml", 18)
	at(t, d, "kind", "testdata/shop/base/deployment.yaml", 2)
	if d.Loc.File != filepath.FromSlash("testdata/shop/base/deployment.yaml") || d.Loc.Line != 1 {
		t.Errorf("the deployment is at %v, want its base document", d.Loc)
	}
	// The staging overlay does not patch: its probe is the base's.
	s := object(t, component(t, comps, "testdata/shop/overlays/staging"), "Deployment/staging/web")
	at(t, s, c+"readinessProbe.periodSeconds", "testdata/shop/base/deployment.yaml", 26)
}

func TestJSON6902PatchIsLocatedInThePatch(t *testing.T) {
	comps, _ := scan(t, "testdata/shop")
	d := object(t, component(t, comps, "testdata/shop/overlays/prod"), "Deployment/shop/prod-web")
	if v, _ := d.Attrs.Get("spec.replicas").Number(); v != 3 {
		t.Fatalf("replicas = %v, want the patch's 3", v)
	}
	at(t, d, "spec.replicas", "testdata/shop/overlays/prod/resources.json", 2)
	at(t, d, "spec.template.spec.containers[0].resources.requests.cpu", "testdata/shop/overlays/prod/resources.json", 4)
}

func TestInlinePatchIsLocatedInTheKustomization(t *testing.T) {
	comps, _ := scan(t, "testdata/shop")
	d := object(t, component(t, comps, "testdata/shop/overlays/prod"), "Deployment/shop/prod-web")
	at(t, d, "spec.template.spec.terminationGracePeriodSeconds", "testdata/shop/overlays/prod/kustomization.yaml", 23)
	if l := d.AttrLoc("spec.template.spec.terminationGracePeriodSeconds"); l.Col != 42 || l.EndCol != 44 {
		t.Errorf("columns %d-%d, want 42-44 (the value inside the literal block)", l.Col, l.EndCol)
	}
}

func TestImagesAndReplicasEntries(t *testing.T) {
	comps, _ := scan(t, "testdata/shop")
	d := object(t, component(t, comps, "testdata/shop/overlays/prod"), "Deployment/shop/prod-web")
	if img, _ := d.Attrs.Get("spec.template.spec.containers[0].image").Str(); img != "nginx:1.27" {
		t.Fatalf("image = %s", img)
	}
	at(t, d, "spec.template.spec.containers[0].image", "testdata/shop/overlays/prod/kustomization.yaml", 25)
	s := object(t, component(t, comps, "testdata/shop/overlays/staging"), "Deployment/staging/web")
	at(t, s, "spec.replicas", "testdata/shop/overlays/staging/kustomization.yaml", 6)
	at(t, s, "spec.template.spec.containers[0].image", "testdata/shop/base/deployment.yaml", 19)
}

func TestGenerators(t *testing.T) {
	comps, _ := scan(t, "testdata/shop")
	prod := component(t, comps, "testdata/shop/overlays/prod")
	cm := object(t, prod, "ConfigMap/shop/prod-web-config-hf678c7m2b")
	if cm.Loc.File != filepath.FromSlash("testdata/shop/overlays/prod/kustomization.yaml") || cm.Loc.Line != 28 {
		t.Errorf("the generated ConfigMap is at %v, want its configMapGenerator entry", cm.Loc)
	}
	at(t, cm, "data.LOG_LEVEL", "testdata/shop/overlays/prod/kustomization.yaml", 28)
	sec := object(t, prod, "Secret/shop/prod-web-secret-cmh6k878dk")
	at(t, sec, "data", "testdata/shop/overlays/prod/kustomization.yaml", 32)
	if h := sec.Attrs.Get("data").Hidden(); h == "" {
		t.Error("the generated secret's data may be printed")
	}
	if h := cm.Attrs.Get("data").Hidden(); h == "" {
		t.Error("the generated config map's data may be printed")
	}
	// The workload names them by their generated names.
	d := object(t, prod, "Deployment/shop/prod-web")
	_ = d
}

func TestNamePrefixAndNamespace(t *testing.T) {
	comps, _ := scan(t, "testdata/shop")
	d := object(t, component(t, comps, "testdata/shop/overlays/prod"), "Deployment/shop/prod-web")
	if d.Name != "prod-web" || d.Namespace != "shop" {
		t.Errorf("name %s, namespace %s", d.Name, d.Namespace)
	}
	// The prefixed name is where the base wrote the name.
	at(t, d, "metadata.name", "testdata/shop/base/deployment.yaml", 4)
	// Without a namespace in the kustomization, objects are in default.
	comps, _ = scan(t, "testdata/mixed")
	g := object(t, component(t, comps, "testdata/mixed/good"), "Deployment/default/good")
	if g.Namespace != "default" {
		t.Errorf("namespace %s", g.Namespace)
	}
}

func TestRemoteBasesAreNotFetched(t *testing.T) {
	comps, notes := scan(t, "testdata/remote")
	want := []string{
		"coverage testdata/remote/kustomization.yaml:2 remote base not fetched: https://github.com/example/shop//deploy?ref=v1.0.0; the kustomization is graded without it",
		"coverage testdata/remote/kustomization.yaml:3 remote base not fetched: git@github.com:example/shop.git//base; the kustomization is graded without it",
		"coverage testdata/remote/kustomization.yaml:4 remote base not fetched: github.com/example/shop/base?ref=main; the kustomization is graded without it",
		"coverage testdata/remote/kustomization.yaml:7 patches: remote file not fetched: https://example.com/patches/probe.yaml; the kustomization is graded without this entry",
		"coverage testdata/remote/kustomization.yaml:11 configMapGenerator: remote file not fetched: https://example.com/settings.properties; the generated object is graded without it",
		"coverage testdata/remote/kustomization.yaml:14 helmCharts: Helm chart inflation is disabled in prodgrade's kustomize builds (it would run helm, which may fetch charts); the objects of the charts redis are not graded",
	}
	if got := noteTexts(notes); !slices.Equal(got, want) {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	c := component(t, comps, "testdata/remote")
	object(t, c, "ConfigMap/default/local")
	settings := object(t, c, "ConfigMap/default/settings-4kh4mc8c5m")
	if v, _ := settings.Attrs.Get("data.MODE").Str(); v != "remote-test" {
		t.Errorf("the generator's local part is lost: %v", settings.Attrs.Get("data"))
	}
}

// TestNoNetworkNoGit: whatever a kustomization names, a build makes no
// request and runs no git.
func TestNoNetworkNoGit(t *testing.T) {
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Write([]byte("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fetched}\n"))
	}))
	defer srv.Close()
	bin := t.TempDir()
	marker := filepath.Join(bin, "git-ran")
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte("#!/bin/sh\ntouch "+marker+"\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	u := srv.URL
	host := strings.TrimPrefix(u, "http://")
	dir := write(t, map[string]string{
		"app/kustomization.yaml": `
resources:
- ` + u + `/r.yaml
- ` + strings.ToUpper(u[:4]) + u[4:] + `/upper.yaml
- git::` + u + `/repo.git
- ssh://git@` + host + `/org/repo
- file:///tmp/repo.git
- gh:org/repo
- cm.yaml
components:
- ` + u + `/component
patchesStrategicMerge:
- ` + u + `/psm.yaml
patchesJson6902:
- target: {kind: ConfigMap, name: local}
  path: ` + u + `/json.yaml
crds:
- ` + u + `/crd.yaml
configurations:
- ` + u + `/config.yaml
replacements:
- path: ` + u + `/replacements.yaml
secretGenerator:
- name: s
  env: ` + u + `/s.env
  envs: [` + u + `/e.env]
  files: [key=` + u + `/f]
openapi:
  path: ` + u + `/schema.json
generators:
- generator.yaml
- |
  apiVersion: builtin
  kind: ConfigMapGenerator
  metadata: {name: inline}
  files: [` + u + `/inline]
transformers:
- transformers
`,
		"app/cm.yaml":                         "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: local}\n",
		"app/generator.yaml":                  "apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata: {name: gen}\nfiles:\n- " + u + "/gen\n",
		"anchored/kustomization.yaml":         "resources: [cm.yaml]\ntransformers: [anchors.yaml]\n",
		"anchored/cm.yaml":                    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: local}\n",
		"anchored/anchors.yaml":               "apiVersion: builtin\nkind: PatchTransformer\nmetadata: {name: p}\nx: &remote " + u + "/anchored.yaml\npath: *remote\ntarget: {kind: ConfigMap}\n",
		"app/transformers/kustomization.yaml": "resources: [t.yaml]\n",
		"app/transformers/t.yaml":             "apiVersion: builtin\nkind: PatchTransformer\nmetadata: {name: t}\npath: local.yaml\ntarget: {kind: ConfigMap}\n",
		"merge/kustomization.yaml":            "x: &m {resources: [" + u + "/merged.yaml]}\n<<: *m\n",
	})
	_, notes := scan(t, dir)
	if n := requests.Load(); n != 0 {
		t.Errorf("%d HTTP requests were made", n)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("git was run")
	}
	var got []string
	for _, n := range notes {
		rel, _ := filepath.Rel(dir, n.File)
		got = append(got, n.Kind+" "+filepath.ToSlash(rel)+":"+strconv.Itoa(n.Line))
	}
	want := []string{"error anchored/anchors.yaml:4", "error app/generator.yaml:5"}
	for _, line := range []int{3, 4, 5, 6, 7, 8, 11, 13, 16, 18, 20, 22, 25, 26, 27, 28, 32, 38} {
		want = append(want, "coverage app/kustomization.yaml:"+strconv.Itoa(line))
	}
	want = append(want, "coverage merge/kustomization.yaml:1", "error merge/kustomization.yaml:1")
	if !slices.Equal(got, want) {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(noteTexts(notes), "\n"), strings.Join(want, "\n"))
	}
}

func TestPathsOutsideTheTreeAreRefused(t *testing.T) {
	comps, notes := scan(t, "testdata/escape/scanned")
	if len(comps) != 0 {
		t.Errorf("components = %d; kustomizations that need files outside the scanned tree cannot be built", len(comps))
	}
	want := []string{
		"error testdata/escape/scanned/absolute/kustomization.yaml:4 configMapGenerator: /etc/passwd is outside the scanned tree; prodgrade lets kustomize read only files inside it, so this kustomization cannot be built: scan a directory that holds everything it uses",
		"error testdata/escape/scanned/app/kustomization.yaml:3 resources: ../../elsewhere is outside the scanned tree; prodgrade lets kustomize read only files inside it, so this kustomization cannot be built: scan a directory that holds everything it uses",
	}
	if got := noteTexts(notes); !slices.Equal(got, want) {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Scanned from above, the same base is inside the tree, and used.
	comps, notes = scan(t, "testdata/escape")
	if len(comps) != 1 || comps[0].Name != "testdata/escape/scanned/app" || len(comps[0].Resources) != 2 {
		t.Errorf("scanned from above: %d components, notes %v", len(comps), noteTexts(notes))
	}
}

func TestSymlinkOutOfTheTreeIsRefused(t *testing.T) {
	outside := write(t, map[string]string{"secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: outside}\nstringData: {token: must-never-be-read}\n"})
	dir := write(t, map[string]string{"app/kustomization.yaml": "resources:\n- secret.yaml\n"})
	if err := os.Symlink(filepath.Join(outside, "secret.yaml"), filepath.Join(dir, "app", "secret.yaml")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	comps, notes := scan(t, dir)
	if len(comps) != 0 {
		t.Errorf("a component was built from a file outside the tree")
	}
	if len(notes) != 1 || notes[0].Kind != infra.NoteError || notes[0].Line != 2 ||
		!strings.Contains(notes[0].Message, "secret.yaml leads outside the scanned tree through a symbolic link") {
		t.Errorf("notes = %v", noteTexts(notes))
	}
}

func TestBrokenKustomizationBesideAGoodOne(t *testing.T) {
	comps, notes := scan(t, "testdata/mixed")
	if len(comps) != 1 || comps[0].Name != "testdata/mixed/good" {
		t.Errorf("components = %d, want only the good one", len(comps))
	}
	want := []string{
		`error testdata/mixed/missing-target/kustomization.yaml:0 kustomize build failed: no resource matches strategic merge patch "Deployment.v1.apps/absent.[noNs]": no matches for Id Deployment.v1.apps/absent.[noNs]; failed to find unique target for patch Deployment.v1.apps/absent.[noNs]`,
		"error testdata/mixed/not-yaml/kustomization.yaml:3 the kustomization is not valid YAML: did not find expected ',' or ']'",
		`error testdata/mixed/typo/kustomization.yaml:3 kustomize build failed: invalid Kustomization: json: unknown field "namPrefix"`,
	}
	if got := noteTexts(notes); !slices.Equal(got, want) {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestMissingFileIsAnErrorAtItsLine(t *testing.T) {
	dir := write(t, map[string]string{"app/kustomization.yaml": "resources:\n- present.yaml\n- absent.yaml\n", "app/present.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"})
	_, notes := scan(t, dir)
	if len(notes) != 1 || notes[0].Line != 3 || notes[0].Message != "resources: absent.yaml does not exist, so kustomize cannot build this kustomization" {
		t.Errorf("notes = %v", noteTexts(notes))
	}
}

func TestUnusedComponentIsNotBuilt(t *testing.T) {
	dir := write(t, map[string]string{
		"c/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [cm.yaml]\n",
		"c/cm.yaml":            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
	})
	comps, notes := scan(t, dir)
	if len(comps) != 0 || len(notes) != 1 || notes[0].Kind != infra.NoteCoverage || !strings.Contains(notes[0].Message, "Component is used by no scanned kustomization") {
		t.Errorf("components %d, notes %v", len(comps), noteTexts(notes))
	}
}

func TestCycleIsReported(t *testing.T) {
	dir := write(t, map[string]string{
		"a/kustomization.yaml": "resources: [../b]\n",
		"b/kustomization.yaml": "resources: [../a]\n",
	})
	comps, notes := scan(t, dir)
	if len(comps) != 0 || len(notes) != 1 || notes[0].Kind != infra.NoteError || !strings.Contains(notes[0].Message, "cycle") {
		t.Errorf("components %d, notes %v", len(comps), noteTexts(notes))
	}
}

func TestTimeLimit(t *testing.T) {
	_, notes := scanWith(t, "testdata/shop", source.Limits{ComponentTime: time.Nanosecond})
	if len(notes) != 2 {
		t.Fatalf("notes = %v", noteTexts(notes))
	}
	for _, n := range notes {
		if n.Kind != infra.NoteCoverage || !strings.Contains(n.Message, "took longer than the 1ns limit") {
			t.Errorf("note = %+v", n)
		}
	}
}

func TestCancelledScanSaysNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	in := &source.Input{Paths: []string{"testdata/shop"}, Files: []string{"testdata/shop/overlays/prod/kustomization.yaml"},
		Tree: confine.New("testdata/shop"), Workers: source.NewWorkers(0)}
	var n atomic.Int64
	notes := load(ctx, in, func(*infra.Component) { n.Add(1) })
	if n.Load() != 0 || len(notes) != 0 {
		t.Errorf("components %d, notes %v", n.Load(), noteTexts(notes))
	}
}

func TestBaseObjectsAreValidatedWhereWritten(t *testing.T) {
	dir := write(t, map[string]string{
		"base/kustomization.yaml": "resources: [svc.yaml]\n",
		"base/svc.yaml":           "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selectr: {app: web}\n",
		"a/kustomization.yaml":    "resources: [../base]\nnamePrefix: a-\n",
		"b/kustomization.yaml":    "resources: [../base]\nnamePrefix: b-\n",
	})
	comps, notes := scan(t, dir)
	if len(comps) != 2 {
		t.Errorf("components = %d", len(comps))
	}
	// One note for each overlay's object, both where the base wrote it.
	if len(notes) != 2 {
		t.Fatalf("notes = %v", noteTexts(notes))
	}
	for _, n := range notes {
		if n.Kind != infra.NoteCoverage || n.File != filepath.Join(dir, "base", "svc.yaml") || !strings.Contains(n.Message, `field "selectr"`) {
			t.Errorf("note = %+v", n)
		}
	}
}

func TestManifestsNoKustomizationUsesAreNoted(t *testing.T) {
	cm := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s}\n"
	dir := write(t, map[string]string{
		"app/kustomization.yaml":       "resources: [used.yaml, sub/used.yaml, ../shared]\n",
		"app/used.yaml":                strings.Replace(cm, "%s", "used", 1),
		"app/stray.yaml":               strings.Replace(cm, "%s", "stray", 1),
		"app/values.yaml":              "replicaCount: 2\n",
		"app/sub/used.yaml":            strings.Replace(cm, "%s", "sub-used", 1),
		"app/sub/stray.json":           `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "sub-stray"}}`,
		"app/.hidden/x.yaml":           strings.Replace(cm, "%s", "hidden", 1),
		"app/chart/Chart.yaml":         "apiVersion: v2\nname: c\nversion: 0.1.0\n",
		"app/chart/templates/cm.yaml":  strings.Replace(cm, "%s", "in-chart", 1),
		"shared/kustomization.yaml":    "resources: [cm.yaml]\n",
		"shared/cm.yaml":               strings.Replace(cm, "%s", "shared", 1),
		"shared/old.yaml":              strings.Replace(cm, "%s", "old", 1),
		"broken/kustomization.yaml":    "resources: [absent.yaml]\n",
		"broken/unknown-use.yaml":      strings.Replace(cm, "%s", "unknown", 1),
		"component/kustomization.yaml": "kind: Component\n",
		"component/unused.yaml":        strings.Replace(cm, "%s", "in-component", 1),
	})
	_, notes := scan(t, dir)
	var got []string
	for _, n := range notes {
		if strings.Contains(n.Message, "does not use it") {
			rel, _ := filepath.Rel(dir, n.File)
			got = append(got, filepath.ToSlash(rel))
		}
	}
	want := []string{"app/stray.yaml", "app/sub/stray.json", "shared/old.yaml"}
	if !slices.Equal(got, want) {
		t.Errorf("unused manifests noted = %v, want %v\n%v", got, want, noteTexts(notes))
	}
}

func TestPatchSettingTheBaseValueIsWhereItIsSet(t *testing.T) {
	dir := write(t, map[string]string{
		"base/kustomization.yaml": "resources: [d.yaml]\n",
		"base/d.yaml":             "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n",
		"app/kustomization.yaml":  "resources: [../base]\npatches: [{path: p.yaml}]\n",
		"app/p.yaml":              "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n",
	})
	comps, notes := scan(t, dir)
	if len(comps) != 1 || len(notes) != 0 {
		t.Fatalf("components %d, notes %v", len(comps), noteTexts(notes))
	}
	d := object(t, comps[0], "Deployment/default/web")
	// The patch sets replicas, even to the base's value; the kind and name
	// it restates to say what it patches stay in the base.
	if l := d.AttrLoc("spec.replicas"); l.File != filepath.Join(dir, "app", "p.yaml") || l.Line != 6 {
		t.Errorf("replicas at %v, want the patch's line 6", l)
	}
	if l := d.AttrLoc("metadata.name"); l.File != filepath.Join(dir, "base", "d.yaml") {
		t.Errorf("name at %v, want the base", l)
	}
}

func TestFileOverTheSizeLimit(t *testing.T) {
	dir := write(t, map[string]string{
		"app/kustomization.yaml": "configMapGenerator:\n- name: big\n  files: [big.txt]\n",
		"app/big.txt":            strings.Repeat("x", 100),
	})
	tree := confine.New(dir)
	tree.FileLimit = 10
	in := &source.Input{Paths: []string{dir}, Files: []string{filepath.Join(dir, "app", "kustomization.yaml")}, Tree: tree,
		Workers: source.NewWorkers(0)}
	var n atomic.Int64
	notes := load(context.Background(), in, func(*infra.Component) { n.Add(1) })
	if n.Load() != 0 || len(notes) != 1 || notes[0].Kind != infra.NoteError ||
		!strings.HasSuffix(notes[0].Message, "big.txt is larger than the 10 bytes limit for files read by scanned code (raise it with --max-read-size), so kustomize cannot read it and this kustomization cannot be built") {
		t.Errorf("components %d, notes %v", n.Load(), noteTexts(notes))
	}
}

func TestKustomizationThatIsNotAMapping(t *testing.T) {
	dir := write(t, map[string]string{
		"empty/kustomization.yaml":      "# nothing yet\n",
		"list/kustomization.yaml":       "- resources\n",
		"second-doc/kustomization.yaml": "---\n---\nresources: [https://example.com/x.yaml]\n",
	})
	comps, notes := scan(t, dir)
	if len(comps) != 0 || len(notes) != 3 {
		t.Fatalf("components %d, notes %v", len(comps), noteTexts(notes))
	}
	for _, n := range notes {
		if n.Kind != infra.NoteError || !strings.Contains(n.Message, "not a mapping of fields") {
			t.Errorf("note = %+v", n)
		}
	}
}

func TestGeneratorPluginConfiguration(t *testing.T) {
	dir := write(t, map[string]string{
		"app/kustomization.yaml": "generators: [gen.yaml]\n",
		"app/gen.yaml":           "# a generator\napiVersion: builtin\nkind: SecretGenerator\nmetadata: {name: creds}\nliterals: [password=hunter2]\n",
	})
	comps, notes := scan(t, dir)
	if len(comps) != 1 || len(notes) != 0 {
		t.Fatalf("components %d, notes %v", len(comps), noteTexts(notes))
	}
	s := comps[0].Resources[0]
	if s.Kind != "core/Secret" || s.Loc.File != filepath.Join(dir, "app", "gen.yaml") || s.Loc.Line != 2 {
		t.Errorf("%s at %v, want the generator's document", s.Address, s.Loc)
	}
	if s.Attrs.Get("data").Hidden() == "" {
		t.Error("the generated secret may be printed")
	}
}

// TestManyOverlaysInParallel: builds share nothing (run with -race).
func TestManyOverlaysInParallel(t *testing.T) {
	files := map[string]string{
		"base/kustomization.yaml": "resources: [d.yaml]\n",
		"base/d.yaml":             "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 1\n",
	}
	for i := range 8 {
		n := strconv.Itoa(i)
		files["o"+n+"/kustomization.yaml"] = "resources: [../base]\nnamePrefix: o" + n + "-\npatches: [{path: p.yaml}]\n"
		files["o"+n+"/p.yaml"] = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: " + n + "}\n"
	}
	dir := write(t, files)
	in := &source.Input{Paths: []string{dir}, Tree: confine.New(dir), Workers: source.NewWorkers(8)}
	for name := range files {
		if isKustomizationName(filepath.Base(name)) {
			in.Files = append(in.Files, filepath.Join(dir, name))
		}
	}
	var mu sync.Mutex
	got := map[string]int32{}
	notes := load(context.Background(), in, func(c *infra.Component) {
		mu.Lock()
		defer mu.Unlock()
		got[filepath.Base(c.Name)] = c.Resources[0].AttrLoc("spec.replicas").Line
	})
	if len(notes) != 0 || len(got) != 8 {
		t.Fatalf("components %v, notes %v", got, noteTexts(notes))
	}
	for name, line := range got {
		if line != 4 {
			t.Errorf("%s: replicas at line %d of its patch, want 4", name, line)
		}
	}
}
