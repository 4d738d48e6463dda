package tfjson

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// show renders a value compactly for assertions; sensitive values show as
// "(sensitive)" and are never printed.
func show(v infra.Value) string {
	if v.IsSensitive() && v.Kind() != infra.Object && v.Kind() != infra.List {
		if v.Kind() == infra.Unknown {
			return "(sensitive)unknown(" + v.Expr() + ")"
		}
		return "(sensitive)"
	}
	prefix := ""
	if v.IsSensitive() {
		prefix = "(sensitive)"
	}
	switch v.Kind() {
	case infra.Unknown:
		return "unknown(" + v.Expr() + ")"
	case infra.Null:
		return "null"
	case infra.List:
		var p []string
		for _, e := range v.List() {
			p = append(p, show(e))
		}
		return prefix + "[" + strings.Join(p, ", ") + "]"
	case infra.Object:
		var p []string
		for _, f := range v.Fields() {
			p = append(p, f.Name+"="+show(f.Value))
		}
		return prefix + "{" + strings.Join(p, ", ") + "}"
	case infra.String:
		s, _ := v.Str()
		return fmt.Sprintf("%q", s)
	}
	s, _ := v.Str()
	return s
}

// dump renders a whole load result, one resource per block, for comparing
// two loads of the same plan.
func dump(l *Loaded) string {
	var b strings.Builder
	for _, c := range l.Components {
		fmt.Fprintf(&b, "component %s (%s)\n", c.Name, c.Kind)
		for _, r := range c.Resources {
			fmt.Fprintf(&b, "%s kind=%s module=%q origin=%s config=%s\n  refs=%v\n  attrs=%s\n",
				r.Address, r.Kind, r.Module, r.Origin, l.ConfigAddr[r.Address], r.Refs, show(r.Attrs))
		}
	}
	for _, n := range l.Notes {
		fmt.Fprintf(&b, "note %s: %s\n", n.Kind, n.Message)
	}
	return b.String()
}

func load(t *testing.T, file string) *Loaded {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Load(file, data)
	if err != nil {
		t.Fatalf("Load(%s): %v", file, err)
	}
	if len(l.Components) != 1 {
		t.Fatalf("Load(%s): %d components, want 1", file, len(l.Components))
	}
	return l
}

func byAddr(t *testing.T, l *Loaded) map[string]*infra.Resource {
	t.Helper()
	m := map[string]*infra.Resource{}
	for _, r := range l.Components[0].Resources {
		if m[r.Address] != nil {
			t.Errorf("duplicate address %s", r.Address)
		}
		m[r.Address] = r
	}
	return m
}

func addrs(l *Loaded) []string {
	var out []string
	for _, r := range l.Components[0].Resources {
		out = append(out, r.Address)
	}
	return out
}

func refs(r *infra.Resource) string {
	var p []string
	for _, ref := range r.Refs {
		p = append(p, ref.Attr+"->"+ref.To)
	}
	return strings.Join(p, " ")
}

// TestDump prints what a file loads to, for debugging:
// TFJSON_DUMP=plan.json go test -run TestDump -v ./internal/source/tfjson
func TestDump(t *testing.T) {
	f := os.Getenv("TFJSON_DUMP")
	if f == "" {
		t.Skip("set TFJSON_DUMP to a plan or state file")
	}
	fmt.Print(dump(load(t, f)))
}
