package tfjson

import (
	"errors"
	"os"
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// FuzzLoad asserts that no input makes Load or Detect panic or hang, that
// every error is an *Error naming the file, and that what loads is well formed.
// Seeds: the committed corpus in testdata/fuzz/FuzzLoad and the fixtures.
func FuzzLoad(f *testing.F) {
	for _, file := range []string{
		"testdata/basic.plan.json",
		"testdata/changes.plan.json",
		"testdata/basic.state.json",
		"testdata/basic.tfstate",
	} {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(craftedPlan))
	f.Fuzz(func(t *testing.T, data []byte) {
		format := Detect(data)
		l, err := Load("fuzz.json", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "fuzz.json" {
				t.Fatalf("error %T %v does not name the file", err, err)
			}
			return
		}
		if format == Unknown {
			t.Fatal("Load succeeded on input Detect calls Unknown")
		}
		if len(l.Components) != 1 {
			t.Fatalf("%d components", len(l.Components))
		}
		seen := map[string]bool{}
		for _, r := range l.Components[0].Resources {
			if r.Address == "" || r.Kind == "" {
				t.Fatalf("resource without address or kind: %+v", r)
			}
			if seen[r.Address] {
				t.Fatalf("duplicate address %s", r.Address)
			}
			seen[r.Address] = true
			if r.Attrs.Kind() != infra.Object {
				t.Fatalf("%s: attrs are %v, not an object", r.Address, r.Attrs.Kind())
			}
			_ = show(r.Attrs)
		}
		_ = infra.NewGraph(l.Components[0].Resources)
	})
}
