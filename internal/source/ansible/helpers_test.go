package ansible

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/shell"
)

// loaded is what Load returned for a tree of test files.
type loaded struct {
	dir     string
	comps   []*infra.Component
	refs    []shell.Ref
	claimed []string
	notes   []infra.Note
}

// load writes files (path → text) under a temporary directory and loads
// every YAML file found there, as the walk would hand them over.
func load(t testing.TB, files map[string]string) *loaded {
	t.Helper()
	dir := t.TempDir()
	for p, text := range files {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return loadDir(t, dir)
}

func loadDir(t testing.TB, dir string) *loaded {
	var found []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && isYAMLName(p) && !strings.HasSuffix(p, ".json") {
			found = append(found, p)
		}
		return nil
	})
	sort.Strings(found)
	comps, refs, claimed, notes := Load(context.Background(), confine.New(dir), []string{dir}, found)
	return &loaded{dir: dir, comps: comps, refs: refs, claimed: claimed, notes: notes}
}

// comp returns the component named (relative to the test directory).
func (l *loaded) comp(t testing.TB, name string) *infra.Component {
	t.Helper()
	for _, c := range l.comps {
		if c.Name == filepath.Join(l.dir, name) {
			return c
		}
	}
	var names []string
	for _, c := range l.comps {
		names = append(names, l.rel(c.Name))
	}
	t.Fatalf("no component %s; have %v", name, names)
	return nil
}

func (l *loaded) rel(p string) string {
	r, err := filepath.Rel(l.dir, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

// res returns the resource at addr.
func res(t testing.TB, c *infra.Component, addr string) *infra.Resource {
	t.Helper()
	for _, r := range c.Resources {
		if r.Address == addr {
			return r
		}
	}
	t.Fatalf("no resource %s; have:\n%s", addr, addrs(c))
	return nil
}

func addrs(c *infra.Component) string {
	var b strings.Builder
	for _, r := range c.Resources {
		b.WriteString(r.Kind + " " + r.Address + "\n")
	}
	return b.String()
}

// notesText writes notes one per line as "kind file:line: message", files
// relative to the test directory.
func (l *loaded) notesText() string {
	var b strings.Builder
	for _, n := range l.notes {
		b.WriteString(n.Kind + " " + l.rel(n.File) + ":" + itoa(n.Line) + ": " + n.Message + "\n")
	}
	return b.String()
}

func itoa(i int) string { return strconv.Itoa(i) }

// show renders a value compactly: unknowns as <expr>, hidden as <hidden>.
func show(v infra.Value) string {
	switch {
	case v.Hidden() != "" && v.IsKnown():
		return "<hidden>"
	case !v.IsKnown():
		if v.Hidden() != "" {
			return "<hidden " + v.Expr() + ">"
		}
		return "<" + v.Expr() + ">"
	}
	switch v.Kind() {
	case infra.Null:
		return "null"
	case infra.List:
		var parts []string
		for _, x := range v.List() {
			parts = append(parts, show(x))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case infra.Object:
		var parts []string
		for _, f := range v.Fields() {
			parts = append(parts, f.Name+": "+show(f.Value))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case infra.String:
		s, _ := v.Str()
		return "\"" + s + "\""
	}
	s, _ := v.Str()
	return s
}
