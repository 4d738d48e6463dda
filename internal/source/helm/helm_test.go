package helm

import (
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
)

// scan loads the charts under root as a scan would: every Chart.yaml
// found is given to the format, the tree is root.
func scan(t *testing.T, root string, o Options) ([]*infra.Component, []infra.Note) {
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
	in := &source.Input{Paths: []string{root}, Files: files, Tree: confine.New(root), Options: o, Workers: source.NewWorkers(0)}
	if err := f.Validate(in); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	var comps []*infra.Component
	notes := f.Load(context.Background(), in, func(c *infra.Component) { comps = append(comps, c) })
	slices.SortFunc(comps, func(a, b *infra.Component) int { return compare(a.Path, b.Path) })
	for _, c := range comps {
		notes = append(notes, c.Notes...)
	}
	return comps, notes
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestDebug(t *testing.T) {
	comps, notes := scan(t, "testdata", Options{Values: []string{"testdata/web-prod.yaml"}, Set: []string{"service.port=9090"}})
	for _, c := range comps {
		t.Logf("component %s %s %s", c.Name, c.Path, c.Kind)
		for _, r := range c.Resources {
			t.Logf("  %s %v", r.Address, r.Loc)
			for _, p := range []string{"spec.replicas", "spec.template.spec.containers", "metadata.labels", "spec.template.spec.containers[0].readinessProbe.periodSeconds", "spec.template.spec.containers[0].resources.limits.cpu", "spec.template.spec.containers[0].env", "spec.template.spec.containers[0].image", "spec.template.spec.containers[0].securityContext.capabilities.drop[0]", "spec.ports[0].port"} {
				v := r.Attrs.Get(p)
				if !v.IsNull() {
					s, _ := v.Str()
					t.Logf("    %s = %q %v col %d-%d hidden=%q", p, s, v.Loc, v.Loc.Col, v.Loc.EndCol, v.Hidden())
				}
			}
			for _, e := range r.Attrs.Get("spec.template.spec.containers[0].env").List() {
				t.Logf("    env %v %v", e.Get("name").Loc, e.Get("value").Hidden())
			}
		}
	}
	for _, n := range notes {
		t.Logf("note %s %s:%d %s", n.Kind, n.File, n.Line, n.Message)
	}
}
