package kustomize

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
)

// fuzzTree is what the fuzzed kustomization sits in: a base, patches and
// generator files it may name.
var fuzzTree = map[string]string{
	"base/kustomization.yaml": "resources: [deployment.yaml]\n",
	"base/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 1\n" +
		"  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.25\n",
	"app/patch.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n",
	"app/ops.yaml":   "- {op: replace, path: /spec/replicas, value: 3}\n",
	"app/cm.yaml":    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {a: b}\n",
	"app/app.env":    "A=B\n",
	"app/component/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n" +
		"patches: [{patch: '[{op: add, path: /metadata/labels, value: {c: d}}]', target: {kind: Deployment}}]\n",
}

// FuzzKustomization: any kustomization.yaml is built, or refused with a
// note, without a panic, and what it builds can be located and graded.
func FuzzKustomization(f *testing.F) {
	for _, dir := range []string{"testdata/shop/overlays/prod", "testdata/shop/overlays/staging", "testdata/remote", "testdata/mixed/typo"} {
		data, err := os.ReadFile(filepath.Join(dir, "kustomization.yaml"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("resources: [../base, cm.yaml]\nnamePrefix: p-\nnamespace: n\npatches: [{path: patch.yaml}, {path: ops.yaml, target: {kind: Deployment, name: web}}]\ncomponents: [component]\n"))
	f.Add([]byte("resources: [../base]\npatches:\n- patch: |\n    - op: add\n      path: /spec/template/spec/containers/-\n      value: {name: side, image: busybox}\n  target: {kind: Deployment}\n"))
	f.Add([]byte("resources: [../base]\nimages: [{name: nginx, newTag: '1.27'}]\nreplicas: [{name: web, count: 4}]\nconfigMapGenerator: [{name: g, envs: [app.env]}]\n"))
	f.Add([]byte("a: &a [*a]\nresources: *a\n"))
	f.Add([]byte("<<: {resources: [../base]}\n"))
	f.Add([]byte("resources: [/etc/passwd, ../../../../x, https://example.com/x]\n"))
	f.Add([]byte("patchesStrategicMerge: ['{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"}}']\nresources: [../base]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		for name, text := range fuzzTree {
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		kfile := filepath.Join(dir, "app", "kustomization.yaml")
		if err := os.WriteFile(kfile, data, 0o644); err != nil {
			t.Fatal(err)
		}
		tree := confine.New(dir)
		// The sanitizer runs inside kustomize's build, where a panic is
		// recovered; run it here too so that one is seen with its stack.
		fs := newTreeFS(context.Background(), tree, filepath.Join(dir, "app"), "app", "app/kustomization.yaml", newReads())
		s := sanitizer{fs: fs, file: "app/kustomization.yaml", dir: filepath.Join(dir, "app"), root: true}
		s.sanitize(data)
		in := &source.Input{Paths: []string{dir}, Files: []string{kfile}, Tree: tree,
			Workers: source.NewWorkers(1), Limits: source.Limits{ComponentTime: 10 * time.Second}}
		notes := load(context.Background(), in, func(c *infra.Component) { infra.ComponentGraph(c) })
		for _, n := range notes {
			if strings.Contains(n.Message, "failed unexpectedly") {
				t.Errorf("kustomize panicked on %q: %s", data, n.Message)
			}
		}
	})
}
