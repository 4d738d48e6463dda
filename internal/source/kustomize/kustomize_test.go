package kustomize

import (
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
)

// scan loads every kustomization under dir as a scan of dir would.
func scan(t *testing.T, dir string) ([]*infra.Component, []infra.Note) {
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
		Workers: source.NewWorkers(0), Limits: source.Limits{ComponentTime: time.Minute}}
	var comps []*infra.Component
	notes := source.Lookup("kustomize").Load(context.Background(), in, func(c *infra.Component) { comps = append(comps, c) })
	slices.SortFunc(comps, func(a, b *infra.Component) int { return compareStrings(a.Name, b.Name) })
	return comps, notes
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestDebug(t *testing.T) {
	comps, notes := scan(t, "testdata/shop")
	for _, n := range notes {
		t.Logf("note %+v", n)
	}
	for _, c := range comps {
		t.Logf("component %s (%s)", c.Name, c.Kind)
		for _, r := range c.Resources {
			t.Logf("  %s at %v", r.Address, r.Loc)
			dump(t, r.Attrs, "    ")
		}
	}
}

func dump(t *testing.T, v infra.Value, indent string) {
	switch v.Kind() {
	case infra.Object:
		for _, f := range v.Fields() {
			t.Logf("%s%s: @%v %s", indent, f.Name, f.Value.Loc, scalarText(f.Value))
			dump(t, f.Value, indent+"  ")
		}
	case infra.List:
		for i, x := range v.List() {
			t.Logf("%s- [%d] @%v %s", indent, i, x.Loc, scalarText(x))
			dump(t, x, indent+"  ")
		}
	}
}

func scalarText(v infra.Value) string {
	if s, ok := v.Str(); ok {
		return s
	}
	return ""
}
