package helm

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
)

// scan loads the charts under root as a scan would: every Chart.yaml
// found is given to the format, and the tree is root.
func scan(t *testing.T, root string, o Options) ([]*infra.Component, []infra.Note) {
	t.Helper()
	return scanLimited(t, root, o, source.Limits{})
}

func scanLimited(t *testing.T, root string, o Options, limits source.Limits) ([]*infra.Component, []infra.Note) {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && d.Name() == "Chart.yaml" {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	f := source.Lookup("helm")
	in := &source.Input{Paths: []string{root}, Files: files, Tree: confine.New(root), Options: o,
		Workers: source.NewWorkers(0), Limits: limits}
	if err := f.Validate(in); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	var comps []*infra.Component
	var mu sync.Mutex
	notes := f.Load(context.Background(), in, func(c *infra.Component) {
		mu.Lock()
		defer mu.Unlock()
		comps = append(comps, c)
	})
	slices.SortFunc(comps, func(a, b *infra.Component) int { return strings.Compare(a.Path, b.Path) })
	for _, c := range comps {
		notes = append(notes, c.Notes...)
	}
	return comps, notes
}

// resource finds an object by address among the components.
func resource(t *testing.T, comps []*infra.Component, addr string) *infra.Resource {
	t.Helper()
	for _, c := range comps {
		for _, r := range c.Resources {
			if r.Address == addr {
				return r
			}
		}
	}
	var have []string
	for _, c := range comps {
		for _, r := range c.Resources {
			have = append(have, r.Address)
		}
	}
	t.Fatalf("no %s among %v", addr, have)
	return nil
}

func str(v infra.Value) string {
	s, _ := v.Str()
	return s
}

// noteWith returns the notes whose message contains text.
func noteWith(notes []infra.Note, text string) []infra.Note {
	var out []infra.Note
	for _, n := range notes {
		if strings.Contains(n.Message, text) {
			out = append(out, n)
		}
	}
	return out
}

var prod = Options{Values: []string{"testdata/web-prod.yaml"}, Set: []string{"service.port=9090"}}

func TestRelease(t *testing.T) {
	comps, _ := scan(t, "testdata/web", Options{})
	if len(comps) != 1 {
		t.Fatalf("components = %d, want one release", len(comps))
	}
	c := comps[0]
	if c.Name != "web" || c.Path != "testdata/web" || c.Kind != ComponentKind {
		t.Errorf("component = %q at %q, kind %q", c.Name, c.Path, c.Kind)
	}
	var addrs []string
	for _, r := range c.Resources {
		addrs = append(addrs, r.Address)
	}
	// The test hook's Pod is left out; NOTES.txt is no manifest.
	want := []string{"ConfigMap/default/web-web-env", "Deployment/default/web-web", "Service/default/web-web", "StatefulSet/default/web-cache"}
	if !slices.Equal(addrs, want) {
		t.Errorf("objects = %v, want %v", addrs, want)
	}
	dep := resource(t, comps, "Deployment/default/web-web")
	if got := str(dep.Attrs.Get("spec.template.spec.containers[0].image")); got != "registry.example.com/shop/web:2.4.1" {
		t.Errorf("image = %q: the chart's appVersion is the default tag", got)
	}
	// No cluster and no DNS: lookup finds nothing, getHostByName is empty.
	cm := resource(t, comps, "ConfigMap/default/web-web-env")
	if got := str(cm.Attrs.Get("data.secretFound")); got != "no" {
		t.Errorf("lookup found %q", got)
	}
	if got := str(cm.Attrs.Get("data.host")); got != "" {
		t.Errorf("getHostByName = %q", got)
	}
	if got := str(cm.Attrs.Get("data.kubeVersion")); !strings.HasPrefix(got, "v1.") {
		t.Errorf("default capabilities give Kubernetes %q", got)
	}
	svc := resource(t, comps, "Service/default/web-web")
	g := infra.ComponentGraph(c)
	if ts := g.Targets(g.Lookup(svc.Address), ""); len(ts) != 1 || ts[0].Address != dep.Address {
		t.Errorf("the Service selects %v, want the Deployment (objects are linked)", ts)
	}
}

func TestValuesFilesThenSet(t *testing.T) {
	o := prod
	o.Set = append(o.Set, "replicaCount=5")
	o.ReleaseName, o.Namespace = "prod", "shop"
	comps, _ := scan(t, "testdata/web", o)
	if comps[0].Name != "prod" {
		t.Errorf("component %q, want the release name", comps[0].Name)
	}
	dep := resource(t, comps, "Deployment/shop/prod-web")
	if n, _ := dep.Attrs.Get("spec.replicas").Number(); n != 5 {
		t.Errorf("replicas = %v: --helm-set comes after the values files", n)
	}
	if got := str(dep.Attrs.Get("spec.template.spec.containers[0].image")); got != "registry.example.com/shop/web:2.4.2" {
		t.Errorf("image = %q: the values file merges over values.yaml", got)
	}
	svc := resource(t, comps, "Service/shop/prod-web")
	if n, _ := svc.Attrs.Get("spec.ports[0].port").Number(); n != 9090 {
		t.Errorf("port = %v, want the --helm-set value", n)
	}
	// A value given at run time may be a secret: never printed, and not
	// a literal of the chart.
	env := dep.Attrs.Get("spec.template.spec.containers[0].env")
	if env.Len() != 3 {
		t.Fatalf("env = %d entries, want MODE and the two from the values file", env.Len())
	}
	token := env.List()[2].Get("value")
	if token.Hidden() != "a --helm-values value" || !token.IsExternal() {
		t.Errorf("the token from the values file is hidden %q, external %v", token.Hidden(), token.IsExternal())
	}
	if mode := env.List()[0].Get("value"); mode.Hidden() != "" {
		t.Errorf("a literal of the chart is hidden: %q", mode.Hidden())
	}
}

func TestVendoredDependency(t *testing.T) {
	comps, _ := scan(t, "testdata/web", Options{})
	sts := resource(t, comps, "StatefulSet/default/web-cache")
	if got := str(sts.Attrs.Get("spec.template.spec.containers[0].args[1]")); got != "64mb" {
		t.Errorf("maxMemory = %q: the parent's values for the dependency win over its own", got)
	}
	if sts.Loc.File != filepath.Join("testdata/web/charts/cache/templates/statefulset.yaml") || sts.Loc.Line != 1 {
		t.Errorf("the dependency's object is at %v, want its own template", sts.Loc)
	}
	comps, _ = scan(t, "testdata/web", Options{Set: []string{"cache.enabled=false"}})
	for _, r := range comps[0].Resources {
		if r.Kind == "apps/StatefulSet" {
			t.Errorf("a dependency disabled by its condition is rendered: %s", r.Address)
		}
	}
}

// A dependency packaged as a .tgz in charts/ renders like a directory;
// its objects point into the archive.
func TestArchivedDependency(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "web")
	copyDir(t, "testdata/web", dir)
	if err := os.RemoveAll(filepath.Join(dir, "charts/cache")); err != nil {
		t.Fatal(err)
	}
	writeArchive(t, "testdata/web/charts/cache", filepath.Join(dir, "charts/cache-0.3.2.tgz"), "cache")
	comps, notes := scan(t, dir, Options{})
	sts := resource(t, comps, "StatefulSet/default/web-cache")
	want := filepath.Join(dir, "charts/cache-0.3.2.tgz") + "!/templates/statefulset.yaml"
	if sts.Loc.File != want || sts.Loc.Line != 1 {
		t.Errorf("the archived dependency's object is at %v, want %s:1", sts.Loc, want)
	}
	if got := str(sts.Attrs.Get("spec.template.spec.containers[0].args[1]")); got != "64mb" {
		t.Errorf("maxMemory = %q", got)
	}
	if n := noteWith(notes, "cache"); len(n) != 0 {
		t.Errorf("notes about the vendored dependency: %+v", n)
	}
}

func TestMissingDependency(t *testing.T) {
	comps, notes := scan(t, "testdata/web", Options{})
	ns := noteWith(notes, "postgresql")
	if len(ns) != 1 {
		t.Fatalf("notes about the missing dependency = %+v", ns)
	}
	n := ns[0]
	if n.Kind != infra.NoteCoverage || n.File != "testdata/web/Chart.yaml" || n.Line != 10 ||
		!strings.Contains(n.Message, "helm dependency build") || !strings.Contains(n.Message, "12.1.0") {
		t.Errorf("note = %+v", n)
	}
	if len(comps) != 1 || len(comps[0].Resources) == 0 {
		t.Error("the chart is not rendered without its missing dependency")
	}
	// A template that calls into the missing dependency fails to render:
	// that is the missing dependency's doing, a coverage note, not an
	// input error.
	for _, n := range noteWith(notes, "dbsecret.yaml") {
		if n.Kind != infra.NoteCoverage || !strings.Contains(n.Message, "not vendored") {
			t.Errorf("dbsecret.yaml note = %+v", n)
		}
	}
	if len(noteWith(notes, "dbsecret.yaml")) == 0 {
		t.Error("the template that calls the missing dependency is not noted")
	}
}

func TestTemplateErrors(t *testing.T) {
	comps, notes := scan(t, "testdata/broken", Options{})
	type at struct {
		file string
		line int
		text string
	}
	var got []at
	for _, n := range notes {
		if n.Kind != infra.NoteError {
			t.Errorf("unexpected note %+v", n)
			continue
		}
		got = append(got, at{filepath.ToSlash(n.File), n.Line, n.Message})
	}
	want := []at{
		{"testdata/broken/templates/deployment.yaml", 11, "image.repository is required"},
		{"testdata/broken/templates/service.yaml", 7, `function "nosuchfunction" not defined`},
	}
	if len(got) != len(want) {
		t.Fatalf("notes = %+v, want %d", got, len(want))
	}
	for i, w := range want {
		if got[i].file != w.file || got[i].line != w.line || !strings.Contains(got[i].text, w.text) {
			t.Errorf("note %d = %+v, want %s:%d %q", i, got[i], w.file, w.line, w.text)
		}
	}
	// The template that renders is still graded.
	if len(comps) != 1 || len(comps[0].Resources) != 1 || comps[0].Resources[0].Address != "ConfigMap/default/broken-config" {
		t.Errorf("components = %+v", comps)
	}
}

func TestChartYAMLSyntaxError(t *testing.T) {
	comps, notes := scan(t, "testdata/badchart", Options{})
	if len(comps) != 0 {
		t.Errorf("a chart whose Chart.yaml does not parse is graded: %+v", comps)
	}
	if len(notes) != 1 || notes[0].Kind != infra.NoteError || notes[0].File != "testdata/badchart/Chart.yaml" || notes[0].Line != 4 {
		t.Errorf("notes = %+v, want an error at Chart.yaml:4", notes)
	}
}

// A chart in another scanned chart's charts/ is part of that release, not
// one of its own; scanned alone it is a release.
func TestDependencyIsNotARelease(t *testing.T) {
	comps, _ := scan(t, "testdata", prod)
	var names []string
	for _, c := range comps {
		names = append(names, c.Name)
	}
	if !slices.Equal(names, []string{"broken", "web"}) {
		t.Errorf("releases = %v, want broken and web (badchart does not load; cache is web's)", names)
	}
	n := 0
	for _, c := range comps {
		for _, r := range c.Resources {
			if r.Kind == "apps/StatefulSet" {
				n++
			}
		}
	}
	if n != 1 {
		t.Errorf("the cache StatefulSet is graded %d times", n)
	}
	comps, _ = scan(t, "testdata/web/charts/cache", Options{})
	if len(comps) != 1 || comps[0].Name != "cache" {
		t.Errorf("the dependency scanned alone: %+v", comps)
	}
}

// Findings point at the template line that wrote the value.
func TestPositions(t *testing.T) {
	comps, _ := scan(t, "testdata/web", prod)
	dep := resource(t, comps, "Deployment/default/web-web")
	file := "testdata/web/templates/deployment.yaml"
	for _, c := range []struct {
		path      string
		line, col int32
	}{
		{"", 1, 1},                // the object: its document
		{"spec.replicas", 8, 13},  // replicas: {{ .Values.replicaCount }}
		{"metadata.labels", 6, 0}, // {{- include "web.labels" . | nindent 4 }}
		{"metadata.name", 4, 9},   // name: {{ include "web.fullname" . }}
		{"spec.template.spec.containers[0].readinessProbe", 28, 13}, // a mapping is where its first key is
		{"spec.template.spec.containers[0].readinessProbe.periodSeconds", 31, 28},
		{"spec.template.spec.containers[0].readinessProbe.httpGet.path", 29, 21},
		{"spec.template.spec.containers[0].ports[0].containerPort", 26, 30},
		{"spec.template.spec.containers[0].env[0].value", 34, 22},
		{"spec.template.spec.containers[0].env[2].name", 36, 21}, // the range loop's body
		{"spec.template.spec.containers[0].securityContext.capabilities.drop[0]", 42, 19},
		{"spec.template.spec.containers[0].resources.limits.cpu", 44, 0}, // toYaml
	} {
		loc := dep.AttrLoc(c.path)
		if loc.File != file || loc.Line != c.line || loc.Col != c.col {
			t.Errorf("%s at %s:%d:%d, want %s:%d:%d", c.path, loc.File, loc.Line, loc.Col, file, c.line, c.col)
		}
	}
	if l := dep.AttrLoc("spec.template.spec.containers[0].readinessProbe.periodSeconds"); l.EndCol != 29 || l.EndLine != 31 {
		t.Errorf("a value written literally keeps its extent: %+v", l.Pos)
	}
}

func TestOutsideTheTree(t *testing.T) {
	root := t.TempDir()
	secret := filepath.Join(t.TempDir(), "secret.yaml")
	if err := os.WriteFile(secret, []byte("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: stolen}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	chart := filepath.Join(root, "c")
	writeFiles(t, chart, map[string]string{
		"Chart.yaml":        "apiVersion: v2\nname: c\nversion: 0.1.0\n",
		"templates/ok.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n",
	})
	if err := os.Symlink(secret, filepath.Join(chart, "templates/link.yaml")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	comps, notes := scan(t, root, Options{})
	if len(comps) != 1 || len(comps[0].Resources) != 1 || comps[0].Resources[0].Name != "ok" {
		t.Errorf("objects = %+v: the linked file outside the tree was read", comps[0].Resources)
	}
	if ns := noteWith(notes, "outside the scanned tree"); len(ns) != 1 || ns[0].Kind != infra.NoteError {
		t.Errorf("notes = %+v", notes)
	}
}

func TestTimeLimit(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, filepath.Join(root, "slow"), map[string]string{
		"Chart.yaml": "apiVersion: v2\nname: slow\nversion: 0.1.0\n",
		"templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n" +
			"{{- range until 4000 }}{{ range until 4000 }}{{ end }}{{ end }}\n", // about a second
	})
	start := time.Now()
	comps, notes := scanLimited(t, root, Options{}, source.Limits{ComponentTime: 50 * time.Millisecond})
	if took := time.Since(start); took > 500*time.Millisecond {
		t.Errorf("the scan waited %v for a render past its limit", took)
	}
	if len(comps) != 0 {
		t.Errorf("a chart stopped at its limit is graded: %+v", comps)
	}
	if ns := noteWith(notes, "longer than the 50ms limit"); len(ns) != 1 || ns[0].Kind != infra.NoteError {
		t.Errorf("notes = %+v", notes)
	}
}

func TestValidate(t *testing.T) {
	for _, c := range []struct {
		o    Options
		want string
	}{
		{Options{Values: []string{"testdata/nope.yaml"}}, "--helm-values testdata/nope.yaml"},
		{Options{Values: []string{"testdata/badchart/Chart.yaml"}}, "--helm-values testdata/badchart/Chart.yaml"},
		{Options{Set: []string{"novalue"}}, `--helm-set "novalue"`},
		{Options{ReleaseName: "Not_A_Name"}, `release name "Not_A_Name"`},
	} {
		err := source.Lookup("helm").Validate(&source.Input{Options: c.o})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one naming %s", c.o, err, c.want)
		}
	}
	if err := source.Lookup("helm").Validate(&source.Input{Options: prod}); err != nil {
		t.Errorf("valid options: %v", err)
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(from, p)
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, to, files)
}

// writeArchive packs the chart in dir as `helm package` would: a gzipped
// tar whose entries sit under a directory named for the chart.
func writeArchive(t *testing.T, dir, archive, name string) {
	t.Helper()
	f, err := os.Create(archive)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		hdr := &tar.Header{Name: name + "/" + filepath.ToSlash(rel), Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		_, err = tw.Write(data)
		return err
	})
	for _, c := range []func() error{tw.Close, zw.Close, f.Close} {
		if cerr := c(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		t.Fatal(err)
	}
}

// The chart `helm create` writes (made by Helm's own package) renders, and
// every value of it is located at a template line that writes its key or
// an action that writes it.
func TestScaffold(t *testing.T) {
	root := t.TempDir()
	if _, err := chartutil.Create("shop", root); err != nil {
		t.Fatal(err)
	}
	comps, notes := scan(t, root, Options{Set: []string{"ingress.enabled=true", "autoscaling.enabled=true"}})
	if len(notes) != 0 {
		t.Errorf("notes = %+v", notes)
	}
	if len(comps) != 1 || len(comps[0].Resources) != 5 {
		t.Fatalf("components = %+v, want one release of five objects", comps)
	}
	for _, r := range comps[0].Resources {
		data, err := os.ReadFile(r.Loc.File)
		if err != nil {
			t.Fatalf("%s is located in %s: %v", r.Address, r.Loc.File, err)
		}
		lines := strings.Split(string(data), "\n")
		var walk func(key string, v infra.Value)
		walk = func(key string, v infra.Value) {
			for _, f := range v.Fields() {
				walk(f.Name, f.Value)
			}
			for _, x := range v.List() {
				walk("- ", x)
			}
			if v.Kind() == infra.Object || v.Kind() == infra.List {
				return
			}
			if v.Loc.File != r.Loc.File || v.Loc.Line < 1 || int(v.Loc.Line) > len(lines) {
				t.Errorf("%s: %s is at %v", r.Address, key, v.Loc)
				return
			}
			if line := lines[v.Loc.Line-1]; !strings.Contains(line, key) && !strings.Contains(line, "{{") {
				t.Errorf("%s: %s is at %d: %q", r.Address, key, v.Loc.Line, line)
			}
		}
		walk("", r.Attrs)
	}
}

func TestLibraryAndKubeVersion(t *testing.T) {
	root := t.TempDir()
	cm := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"
	writeFiles(t, root, map[string]string{
		"lib/Chart.yaml":           "apiVersion: v2\nname: lib\ntype: library\nversion: 0.1.0\n",
		"lib/templates/_cm.tpl":    "{{ define \"lib.cm\" }}" + cm + "{{ end }}",
		"future/Chart.yaml":        "apiVersion: v2\nname: future\nversion: 0.1.0\nkubeVersion: \">= 9.0.0\"\n",
		"future/templates/cm.yaml": cm,
	})
	comps, notes := scan(t, root, Options{})
	if len(comps) != 1 || comps[0].Name != "future" {
		t.Errorf("components = %+v, want only future (a library chart renders nothing)", comps)
	}
	if len(notes) != 1 || notes[0].Kind != infra.NoteCoverage || !strings.Contains(notes[0].Message, ">= 9.0.0") {
		t.Errorf("notes = %+v, want one about the Kubernetes version", notes)
	}
}

func TestLoadErrors(t *testing.T) {
	root := t.TempDir()
	cm := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"
	writeFiles(t, root, map[string]string{
		"values/Chart.yaml":           "apiVersion: v2\nname: values\nversion: 0.1.0\n",
		"values/values.yaml":          "a: 1\nb: [\n",
		"values/templates/cm.yaml":    cm,
		"noversion/Chart.yaml":        "apiVersion: v2\nname: noversion\n",
		"noversion/templates/cm.yaml": cm,
		"parent/Chart.yaml":           "apiVersion: v2\nname: parent\nversion: 0.1.0\n",
		"parent/templates/cm.yaml":    cm,
		"parent/charts/junk/README":   "not a chart\n",
	})
	comps, notes := scan(t, root, Options{})
	if len(comps) != 1 || comps[0].Name != "parent" {
		t.Errorf("components = %+v, want parent only", comps)
	}
	want := map[string]int{"noversion/Chart.yaml": 0, "parent/charts/junk/Chart.yaml": 0, "values/values.yaml": 3}
	for _, n := range notes {
		rel, _ := filepath.Rel(root, n.File)
		line, ok := want[filepath.ToSlash(rel)]
		if !ok || n.Kind != infra.NoteError || n.Line != line {
			t.Errorf("unexpected note %s:%d %s %s", rel, n.Line, n.Kind, n.Message)
		}
		delete(want, filepath.ToSlash(rel))
	}
	if len(want) != 0 {
		t.Errorf("no note about %v", want)
	}
}

// A chart that loops is stopped at the render limit, which is far below
// the component limit: a chart renders in well under a second.
func TestRenderTimeout(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, filepath.Join(root, "loop"), map[string]string{
		"Chart.yaml": "apiVersion: v2\nname: loop\nversion: 0.1.0\n",
		"templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n" +
			"{{- range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}\n",
	})
	comps, notes := scanLimited(t, root, Options{RenderTimeout: 100 * time.Millisecond}, source.Limits{ComponentTime: time.Minute})
	if len(comps) != 0 {
		t.Errorf("a chart stopped at its render limit is graded: %+v", comps)
	}
	if ns := noteWith(notes, "longer than 100ms and was stopped"); len(ns) != 1 || ns[0].Kind != infra.NoteError ||
		!strings.Contains(ns[0].Message, "--helm-timeout") {
		t.Errorf("notes = %+v", notes)
	}
}

// A template that builds a list of a billion elements ends at the
// renderer's memory cap (Linux), as an error note for its chart.
func TestRenderMemoryCap(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the renderer caps its memory with setrlimit on Linux only")
	}
	root := t.TempDir()
	writeFiles(t, filepath.Join(root, "bomb"), map[string]string{
		"Chart.yaml":        "apiVersion: v2\nname: bomb\nversion: 0.1.0\n",
		"templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  n: \"{{ len (until 1000000000) }}\"\n",
	})
	comps, notes := scanLimited(t, root, Options{}, source.Limits{ComponentTime: time.Minute})
	if len(comps) != 0 {
		t.Errorf("a chart that ran out of memory is graded: %+v", comps)
	}
	if ns := noteWith(notes, "ran out of the renderer's memory"); len(ns) != 1 || ns[0].Kind != infra.NoteError {
		t.Errorf("notes = %+v", notes)
	}
}
