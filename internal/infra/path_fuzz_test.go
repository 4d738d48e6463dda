package infra

import (
	"slices"
	"testing"
)

// FuzzParsePath: any text parses without panicking, and a parsed path
// written back with String reads back the same.
func FuzzParsePath(f *testing.F) {
	for _, s := range []string{"a.b", "a[0].b", `m["x.y/z"]`, `a["`, "[", "..", `["\u00e9"]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := ParsePath(s)
		if back := ParsePath(p.String()); !slices.Equal(back, p) {
			t.Fatalf("%q → %q → %q → %q", s, p, p.String(), back)
		}
		ObjectValue(nil).Get(s)
	})
}
