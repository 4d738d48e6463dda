package yaml

import (
	"errors"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// FuzzParse asserts that no input makes Parse panic or hang, that every
// error is an *Error naming the file, and that every value it builds, even
// before an error, is located in the file and within the depth limit.
// Seeds: the committed corpus in testdata/fuzz/FuzzParse and these.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		manifests,
		"a: &a {b: 1}\nc:\n  <<: [*a, {d: 2}]\n  b: 0\n",
		"Name: !Ref x\nArn: !GetAtt a.b\nSub: !Sub [\"${A}\", {A: !Ref B}]\n",
		"v: [0x1F, 0o17, 1_000, .inf, -.nan, \"8080\", ~, null, 2001-01-01]\n",
		"a: 1\n---\nb: [1, 2\n",
		"x:\n  a:\n    b: 1\n   c: 2\n",
		"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
		"\ufeff? [a]\n: 1\n'q': \"é\\x41\"\n",
		"a: &a [*a]\n",
		"%YAML 1.1\n--- !!map\n? a\n: |\n  text\n...\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := Parse("fuzz.yaml", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "fuzz.yaml" || e.Line < 0 || e.Msg == "" {
				t.Fatalf("error %T %#v", err, err)
			}
			// Parse turns a panic of the library into an error; the
			// fuzzer should still find it.
			if strings.HasPrefix(e.Msg, errInternal.Error()) {
				t.Fatalf("the YAML library panicked: %v", err)
			}
		}
		for _, d := range docs {
			if d.Loc.File != "fuzz.yaml" || d.Loc.Line < 1 || d.Loc.Col < 1 {
				t.Fatalf("document at %+v", d.Loc)
			}
			check(t, d.Value, 1)
		}
	})
}

func check(t *testing.T, v infra.Value, depth int) {
	if depth > maxDepth {
		t.Fatalf("value nested %d levels deep", depth)
	}
	l := v.Loc
	if l.File != "fuzz.yaml" || l.Line < 1 || l.Col < 1 {
		t.Fatalf("%v value at %+v", v.Kind(), l)
	}
	if l.EndLine != 0 && (l.EndLine != l.Line || l.EndCol <= l.Col) {
		t.Fatalf("%v value at %+v", v.Kind(), l)
	}
	for _, x := range v.List() {
		check(t, x, depth+1)
	}
	for _, f := range v.Fields() {
		check(t, f.Value, depth+1)
	}
}
