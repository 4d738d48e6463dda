package yaml

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// at steps into v: a string is a field name, taken whole (names may hold
// dots), an int a list index.
func at(t *testing.T, v infra.Value, path ...any) infra.Value {
	t.Helper()
	for i, step := range path {
		switch s := step.(type) {
		case string:
			if !v.Has(s) {
				t.Fatalf("%v: no field %q in %s", path[:i+1], s, show(v))
			}
			v = v.Field(s)
		case int:
			if s >= len(v.List()) {
				t.Fatalf("%v: no item %d in %s", path[:i+1], s, show(v))
			}
			v = v.List()[s]
		}
	}
	return v
}

// show writes a value compactly: strings quoted, so "8080" and 8080 differ.
func show(v infra.Value) string {
	switch v.Kind() {
	case infra.String:
		s, _ := v.Str()
		return fmt.Sprintf("%q", s)
	case infra.List:
		var items []string
		for _, x := range v.List() {
			items = append(items, show(x))
		}
		return "[" + strings.Join(items, ", ") + "]"
	case infra.Object:
		var fields []string
		for _, f := range v.Fields() {
			fields = append(fields, fmt.Sprintf("%q: %s", f.Name, show(f.Value)))
		}
		return "{" + strings.Join(fields, ", ") + "}"
	case infra.Null:
		return "null"
	}
	s, _ := v.Str()
	return s
}

func parse(t *testing.T, src string) []Document {
	t.Helper()
	docs, err := Parse("f.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return docs
}

func parseOne(t *testing.T, src string) infra.Value {
	t.Helper()
	docs := parse(t, src)
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	return docs[0].Value
}

func parseError(t *testing.T, src string) ([]Document, *Error) {
	t.Helper()
	docs, err := Parse("f.yaml", []byte(src))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T %v, want *Error", err, err)
	}
	if e.File != "f.yaml" {
		t.Errorf("error names file %q", e.File)
	}
	return docs, e
}

const manifests = `# two resources
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: "nginx:1.27"
          ports:
            - containerPort: 8080
        - name: 'side'
          args: [--port, "9090"]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: prod}
`

func TestPositions(t *testing.T) {
	docs := parse(t, manifests)
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	if got, want := docs[0].Loc, (infra.Location{File: "f.yaml", Pos: infra.Pos{Line: 2, Col: 1}}); got != want {
		t.Errorf("document 0 at %+v, want %+v", got, want)
	}
	if got := docs[1].Loc; got.Line != 18 || got.File != "f.yaml" {
		t.Errorf("document 1 at %+v, want line 18, its ---", got)
	}
	d, s := docs[0].Value, docs[1].Value
	for _, c := range []struct {
		v    infra.Value
		want infra.Pos
	}{
		{d, infra.Pos{Line: 2, Col: 1}},
		{at(t, d, "kind"), infra.Pos{Line: 3, Col: 7, EndLine: 3, EndCol: 17}},
		{at(t, d, "metadata"), infra.Pos{Line: 5, Col: 3}},
		{at(t, d, "metadata", "labels", "app.kubernetes.io/name"), infra.Pos{Line: 7, Col: 29, EndLine: 7, EndCol: 32}},
		{at(t, d, "spec", "template", "spec", "containers"), infra.Pos{Line: 12, Col: 9}},
		{at(t, d, "spec", "template", "spec", "containers", 0), infra.Pos{Line: 12, Col: 11}},
		{at(t, d, "spec", "template", "spec", "containers", 0, "image"), infra.Pos{Line: 13, Col: 18, EndLine: 13, EndCol: 30}},
		{at(t, d, "spec", "template", "spec", "containers", 0, "ports", 0, "containerPort"), infra.Pos{Line: 15, Col: 30, EndLine: 15, EndCol: 34}},
		{at(t, d, "spec", "template", "spec", "containers", 1), infra.Pos{Line: 16, Col: 11}},
		{at(t, d, "spec", "template", "spec", "containers", 1, "name"), infra.Pos{Line: 16, Col: 17, EndLine: 16, EndCol: 23}},
		{at(t, d, "spec", "template", "spec", "containers", 1, "args"), infra.Pos{Line: 17, Col: 17}},
		{at(t, d, "spec", "template", "spec", "containers", 1, "args", 1), infra.Pos{Line: 17, Col: 26, EndLine: 17, EndCol: 32}},
		{at(t, s, "metadata", "namespace"), infra.Pos{Line: 21, Col: 34, EndLine: 21, EndCol: 38}},
	} {
		if c.v.Loc != (infra.Location{File: "f.yaml", Pos: c.want}) {
			t.Errorf("%s at %s %+v, want %+v", show(c.v), c.v.Loc, c.v.Loc.Pos, c.want)
		}
	}
	if got := show(at(t, d, "spec", "template", "spec", "containers", 1, "args")); got != `["--port", "9090"]` {
		t.Errorf("args = %s", got)
	}
}

// Columns count characters, lines end at CRLF too, and a byte order mark
// takes no column.
func TestPositionsText(t *testing.T) {
	for _, c := range []struct {
		name, src string
		path      []any
		want      infra.Pos
	}{
		{"bom", "\ufeffa: x\n", []any{"a"}, infra.Pos{Line: 1, Col: 4, EndLine: 1, EndCol: 5}},
		{"crlf", "a: 1\r\nb: xy\r\n", []any{"b"}, infra.Pos{Line: 2, Col: 4, EndLine: 2, EndCol: 6}},
		{"unicode", "é: \"ü\"\nb: [ü, ça]\n", []any{"b", 1}, infra.Pos{Line: 2, Col: 8, EndLine: 2, EndCol: 10}},
		{"unicode quoted", "é: \"ü\"\n", []any{"é"}, infra.Pos{Line: 1, Col: 4, EndLine: 1, EndCol: 7}},
		{"escaped", "a: \"\\x41\"\n", []any{"a"}, infra.Pos{Line: 1, Col: 4}},
		{"single quote", "a: 'it''s'\n", []any{"a"}, infra.Pos{Line: 1, Col: 4}},
		{"backslash plain", "a: C:\\x\n", []any{"a"}, infra.Pos{Line: 1, Col: 4, EndLine: 1, EndCol: 8}},
		{"folded plain", "a: b\n  c\n", []any{"a"}, infra.Pos{Line: 1, Col: 4}},
		{"block scalar", "a: |\n  b\n", []any{"a"}, infra.Pos{Line: 1, Col: 4}},
		{"tagged", "a: !!str 1\n", []any{"a"}, infra.Pos{Line: 1, Col: 4}},
		{"empty value", "a:\nb: 1\n", []any{"a"}, infra.Pos{Line: 1, Col: 3}},
		// YAML 1.1 breaks lines at U+2028 too, even inside a string.
		{"line separator", "a: \"x\u2028y\"\nb: z\n", []any{"b"}, infra.Pos{Line: 3, Col: 4, EndLine: 3, EndCol: 5}},
		{"back on a line", "a: &x [b]\nc: [*x, d]\n", []any{"c", 1}, infra.Pos{Line: 2, Col: 9, EndLine: 2, EndCol: 10}},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := at(t, parseOne(t, c.src), c.path...)
			if v.Loc.Pos != c.want || v.Loc.File != "f.yaml" {
				t.Errorf("at %+v, want %+v", v.Loc.Pos, c.want)
			}
		})
	}
}

func TestScalars(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{`true`, `true`},
		{`"true"`, `"true"`},
		{`True`, `true`},
		{`false`, `false`},
		{`'false'`, `"false"`},
		{`yes`, `"yes"`}, // YAML 1.2: not a bool
		{`on`, `"on"`},
		{`8080`, `8080`},
		{`"8080"`, `"8080"`},
		{`-12`, `-12`},
		{`+12`, `12`},
		{`1.5`, `1.5`},
		{`1e3`, `1000`},
		{`1_000`, `1000`},
		{`0x1F`, `31`},
		{`0o17`, `15`},
		{`017`, `15`},
		{`0b101`, `5`},
		{`.inf`, `+Inf`},
		{`-.Inf`, `-Inf`},
		{`9007199254740992`, `9.007199254740992e+15`},
		{`9007199254740993`, `"9007199254740993"`}, // not exact in float64
		{`99999999999999999999`, `"99999999999999999999"`},
		{`1e400`, `"1e400"`},
		{`~`, `null`},
		{`null`, `null`},
		{`Null`, `null`},
		{``, `null`},
		{`"null"`, `"null"`},
		{`""`, `""`},
		{`2001-12-14`, `"2001-12-14"`},
		{`2001-12-14T21:59:43.10Z`, `"2001-12-14T21:59:43.10Z"`},
		{`!!binary aGVsbG8=`, `"aGVsbG8="`},
		{`!!str 12`, `"12"`},
		{`!!int "12"`, `12`},
		{`!!float 1`, `1`},
		{`!!bool yes`, `"yes"`},
		{`!!null x`, `"x"`},
		{`!custom 12`, `"12"`},
		{`a b  c`, `"a b  c"`},
		{"|\n  two\n  lines", `"two\nlines\n"`},
		{`<<`, `"<<"`},
	} {
		t.Run(c.src, func(t *testing.T) {
			v := at(t, parseOne(t, "v: "+c.src+"\n"), "v")
			if got := show(v); got != c.want {
				t.Errorf("%s read as %s (%v), want %s", c.src, got, v.Kind(), c.want)
			}
		})
	}
	v := at(t, parseOne(t, "v: .nan\n"), "v")
	if n, _ := v.Number(); v.Kind() != infra.Number || !math.IsNaN(n) {
		t.Errorf(".nan read as %s", show(v))
	}
}

func TestMappings(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"dotted key", "app.kubernetes.io/name: web\n", `{"app.kubernetes.io/name": "web"}`},
		{"duplicate keys", "a: 1\nb: 2\na: 3\n", `{"a": 3, "b": 2}`},
		{"non-scalar key", "? [a, b]\n: 1\nc: 2\n", `{"c": 2}`},
		{"keys as written", "8080: a\n~: b\n0x10: c\n", `{"0x10": "c", "8080": "a", "~": "b"}`},
		{"alias key", "&k a: 1\n*k : 2\n", `{"a": 2}`},
		{"quoted merge key", "\"<<\": {a: 1}\n", `{"<<": {"a": 1}}`},
		{"sequence", "- a\n- [b, {c: d}]\n-\n", `["a", ["b", {"c": "d"}], null]`},
		{"scalar document", "hello\n", `"hello"`},
		{"null document", "--- ~\n", `null`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := show(parseOne(t, c.src)); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}

func TestEmptyDocuments(t *testing.T) {
	for _, src := range []string{"", "# only\n# comments\n", "---\n", "---\n...\n---\n# c\n", "\ufeff"} {
		if docs := parse(t, src); len(docs) != 0 {
			t.Errorf("%q: %d documents, want none", src, len(docs))
		}
	}
	docs := parse(t, "---\n---\n# c\n---\nx: 1\n---\n")
	if len(docs) != 1 || docs[0].Loc.Line != 4 || show(docs[0].Value) != `{"x": 1}` {
		t.Errorf("got %d documents, first at %v", len(docs), docs)
	}
}

func TestAnchorsAndMerge(t *testing.T) {
	src := `base: &base {a: 1, b: 1, c: 1}
over: &over
  b: 2
  d: 2
one:
  <<: *base
  c: 0
both:
  a: 0
  <<: [*over, *base]
  e: 0
inline:
  <<: {x: 1, y: 1}
  y: 0
nested:
  <<: {<<: *over, d: 3}
copy: *over
list: &l [1, 2]
again: *l
`
	v := parseOne(t, src)
	for _, c := range []struct {
		path string
		want string
	}{
		{"one", `{"a": 1, "b": 1, "c": 0}`},
		{"both", `{"a": 0, "b": 2, "c": 1, "d": 2, "e": 0}`},
		{"inline", `{"x": 1, "y": 0}`},
		{"nested", `{"b": 2, "d": 3}`},
		{"copy", `{"b": 2, "d": 2}`},
		{"again", `[1, 2]`},
	} {
		if got := show(at(t, v, c.path)); got != c.want {
			t.Errorf("%s = %s, want %s", c.path, got, c.want)
		}
	}
	// An alias is where it is used; what it repeats, where it was written.
	if got := at(t, v, "copy").Loc.Pos; got != (infra.Pos{Line: 17, Col: 7}) {
		t.Errorf("copy at %+v, want 17:7", got)
	}
	if got := at(t, v, "copy", "d").Loc.Line; got != 4 {
		t.Errorf("copy.d at line %d, want 4", got)
	}
	if got := at(t, v, "one", "a").Loc.Line; got != 1 {
		t.Errorf("one.a at line %d, want 1", got)
	}
}

func TestCustomTags(t *testing.T) {
	src := `Resources:
  Bucket:
    Properties:
      Name: !Ref BucketName
      Arn: !GetAtt Bucket.Arn
      Url: !Sub "https://${Bucket}.example"
      Joined: !Sub
        - "${A}-x"
        - {A: !Ref Other}
      Zone: !Select [0, !GetAZs ""]
      Pick: !If [IsProd, !Ref Big, !Ref AWS::NoValue]
      When: !Condition IsProd
      Other: !Unknown {a: 1}
      List: !Unknown [1]
      Plain: !Unknown x
`
	p := at(t, parseOne(t, src), "Resources", "Bucket", "Properties")
	for _, c := range []struct{ field, want string }{
		{"Name", `{"Ref": "BucketName"}`},
		{"Arn", `{"Fn::GetAtt": "Bucket.Arn"}`},
		{"Url", `{"Fn::Sub": "https://${Bucket}.example"}`},
		{"Joined", `{"Fn::Sub": ["${A}-x", {"A": {"Ref": "Other"}}]}`},
		{"Zone", `{"Fn::Select": [0, {"Fn::GetAZs": ""}]}`},
		{"Pick", `{"Fn::If": ["IsProd", {"Ref": "Big"}, {"Ref": "AWS::NoValue"}]}`},
		{"When", `{"Condition": "IsProd"}`},
		{"Other", `{"a": 1}`},
		{"List", `[1]`},
		{"Plain", `"x"`},
	} {
		if got := show(at(t, p, c.field)); got != c.want {
			t.Errorf("%s = %s, want %s", c.field, got, c.want)
		}
	}
	name := at(t, p, "Name")
	if want := (infra.Pos{Line: 4, Col: 13}); name.Loc.Pos != want || at(t, name, "Ref").Loc.Pos != want {
		t.Errorf("!Ref at %+v and %+v, want %+v", name.Loc, at(t, name, "Ref").Loc, want)
	}
}

func TestSyntaxErrors(t *testing.T) {
	for _, c := range []struct {
		name, src string
		docs      int
		line      int
		msg       string
	}{
		{"mapping value", "a: 1\n---\nb: 2\n---\nc: 3\nd: e: f\n", 2, 6, "mapping values are not allowed in this context"},
		{"line 1", "a: b: c\n", 0, 1, "mapping values are not allowed in this context"},
		{"dedent", "a: 1\n---\nb: 1\n- c\n", 1, 4, "did not find expected key"},
		{"dedent on line 2", "b: 1\n- c\n", 0, 2, "did not find expected key"},
		{"bad indent", "a:\n  b: 1\n c: 2\n", 0, 3, "did not find expected key"},
		{"nested bad indent", "a: 1\n---\nx:\n  a:\n    b: 1\n   c: 2\n", 1, 6, "did not find expected key"},
		{"list item", "a: 1\n---\nx:\n  - a\n  - b\n  c: d\n", 1, 6, "did not find expected '-' indicator"},
		{"list in mapping", "a: 1\n---\nspec:\n  containers:\n  - name: a\n    image: b\n   bad: x\n", 1, 7, "did not find expected key"},
		{"tab", "a:\n\tb: 1\n", 0, 2, "found character that cannot start any token"},
		{"unclosed flow", "a: 1\n---\nb: [1, 2\nc: 3\n", 1, 3, "did not find expected ',' or ']'"},
		{"unknown anchor", "a: 1\n---\nb: *nope\n", 1, 3, "unknown anchor 'nope' referenced"},
		{"bad merge", "a: 1\n---\nb:\n  <<: 1\n", 1, 4, "merge key << takes a mapping or a list of mappings"},
		{"bad merge list", "x: &x 1\nb:\n  <<: [{a: 1}, *x]\n", 0, 3, "merge key << takes a mapping or a list of mappings"},
		{"self alias", "a: 1\n---\nb: &b [1, *b]\n", 1, 3, "alias *b is inside its own anchor"},
		{"self merge", "b: &b\n  a: 1\n  <<: *b\n", 0, 3, "alias *b is inside its own anchor"},
	} {
		t.Run(c.name, func(t *testing.T) {
			docs, e := parseError(t, c.src)
			if len(docs) != c.docs {
				t.Errorf("%d documents before the error, want %d", len(docs), c.docs)
			}
			if e.Line != c.line || e.Msg != c.msg {
				t.Errorf("error %q (line %d), want line %d: %s", e, e.Line, c.line, c.msg)
			}
			if want := fmt.Sprintf("f.yaml:%d: %s", c.line, c.msg); e.Error() != want {
				t.Errorf("Error() = %q, want %q", e.Error(), want)
			}
		})
	}
}

// Aliases let a small file describe billions of values; the limit stops
// expansion early, and quickly, instead of building them.
func TestAliasLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 'b'; i <= 'i'; i++ {
		fmt.Fprintf(&b, "%c: &%c [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*%c, ", i-1), 9), ", "))
	}
	// Through merge keys the same growth needs lists of mappings.
	var m strings.Builder
	m.WriteString("a: &a [{x: 1, y: 2}]\n")
	for i := 'b'; i <= 'z'; i++ {
		fmt.Fprintf(&m, "%c: &%c [{<<: *%c}, {<<: *%c, z: 1}]\n", i, i, i-1, i-1)
	}
	for name, src := range map[string]string{"laughs": b.String(), "merges": m.String()} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, e := parseError(t, src)
			if !strings.Contains(e.Msg, "too many alias expansions") {
				t.Errorf("error %v, want too many alias expansions", e)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	// Many aliases under the limit are fine, and share what they repeat.
	var ok strings.Builder
	ok.WriteString("base: &b {image: x, ports: [1, 2, 3]}\nuses:\n")
	for range 10000 {
		ok.WriteString("  - *b\n")
	}
	v := parseOne(t, ok.String())
	if n := len(at(t, v, "uses").List()); n != 10000 {
		t.Errorf("%d uses, want 10000", n)
	}
}

func TestDepthLimit(t *testing.T) {
	for _, c := range []struct{ name, src, msg string }{
		// The library stops flow nesting itself.
		{"flow", strings.Repeat("[", 20000) + strings.Repeat("]", 20000), "exceeded max depth"},
		{"block", strings.Repeat("- ", 20000) + "x\n", "exceeded max depth"},
		// Block inside flow passes its limits, not ours.
		{"block and flow", strings.Repeat("- ", 6000) + strings.Repeat("[", 6000) + strings.Repeat("]", 6000) + "\n", "nested more than 10000 levels"},
		// An alias repeats an anchor's depth where it is used.
		{"alias", "a: &a " + strings.Repeat("[", 6000) + strings.Repeat("]", 6000) + "\nb: " + strings.Repeat("[", 6000) + "*a" + strings.Repeat("]", 6000) + "\n", "more than 10000 levels"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, e := parseError(t, c.src)
			if !strings.Contains(e.Msg, c.msg) {
				t.Errorf("error %v, want %q", e, c.msg)
			}
		})
	}
	// Just under the limit is fine.
	src := strings.Repeat("[", 9999) + strings.Repeat("]", 9999)
	if v := parseOne(t, src); v.Kind() != infra.List {
		t.Errorf("got %v", v.Kind())
	}
}

type panicReader struct{}

func (panicReader) Read([]byte) (int, error) { panic("boom") }

// A panic inside the library is an error without a line, not a crash.
func TestLibraryPanic(t *testing.T) {
	var n yaml.Node
	err := decode(yaml.NewDecoder(panicReader{}), &n)
	if !errors.Is(err, errInternal) || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("decode = %v", err)
	}
	c := &converter{file: "f.yaml", src: newSource(nil)}
	if e := c.parseError(err, nil); e.Line != 0 || e.Error() != "f.yaml: internal error of the YAML library: boom" {
		t.Errorf("error %q, line %d", e, e.Line)
	}
}

func TestFlowTooDeep(t *testing.T) {
	deep := strings.Repeat("[", 1_000_000) + strings.Repeat("]", 1_000_000)
	if _, err := Parse("deep.yaml", []byte("a: 1\nb: "+deep+"\n")); err == nil || !strings.Contains(err.Error(), "max depth") {
		t.Errorf("1,000,000 nested [ parsed: %v", err)
	}
	var e *Error
	if _, err := Parse("deep.yaml", []byte("a: 1\nb: "+deep+"\n")); !errors.As(err, &e) || e.Line != 2 {
		t.Errorf("error %v, want one at line 2", err)
	}
	// Brackets in quotes and comments do not count; balanced ones end.
	ok := "a: '" + strings.Repeat("[", 20000) + "'\n# " + strings.Repeat("{", 20000) + "\nitems:\n" +
		strings.Repeat("  - [1, {b: 2}]\n", 20000)
	if _, err := Parse("ok.yaml", []byte(ok)); err != nil {
		t.Errorf("a wide, shallow file was refused: %v", err)
	}
}
