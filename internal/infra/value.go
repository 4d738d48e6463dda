// Package infra is prodgrade's format-neutral model of infrastructure: resources
// with attribute values (which may be unknown), the graph of references between
// them, and the components they are graded in.
//
// Every source loader produces these types and every rule reads only these
// types, so one rule serves Terraform HCL, plan JSON and state JSON alike.
package infra

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Kind is the shape of a Value.
type Kind uint8

// Value kinds. Unknown is a value that exists but cannot be known without
// running the tool that owns it (a variable with no value, a data source, an
// attribute computed at apply time).
const (
	Null Kind = iota
	Unknown
	Bool
	Number
	String
	List
	Object
)

func (k Kind) String() string {
	return [...]string{"null", "unknown", "bool", "number", "string", "list", "object"}[k]
}

// Value is one node of an attribute tree. The zero Value is null.
//
// Values are small and passed by value; lists and objects share their backing
// slices, so a Value must not be modified after it has been built.
type Value struct {
	kind Kind
	// external: the value came from outside the configuration's text.
	external bool
	// plainExpr: an unknown written as a plain reference to one named
	// value (Terraform's var.x or local.y), the same value wherever it is
	// written in one module instance.
	plainExpr bool
	// convertible: a string its language converts to a bool or a number
	// where one is expected (Terraform's "true" and "7"). YAML has no such
	// conversion: there a quoted "true" is only a string.
	convertible bool
	b           bool
	n           float64
	s           string // the string, or for Unknown the expression that could not be resolved
	// x holds what few values carry, so that the many do not pay for it:
	// a plan of 30,000 resources holds 1.5 million values.
	x      *extra
	list   []Value
	fields []Field // sorted by Name
	// Loc is where the value was written, when the source knows it: its own
	// file, which need not be its resource's (a Kustomize patch, a .tfvars
	// file, a Compose override).
	Loc Location
}

// extra is the part of a Value only unknown and hidden values have. It is
// never modified once a Value points at it: values share it when copied.
type extra struct {
	// hidden, when set, says where a value that must never be printed came
	// from: "a sensitive value", "file()", "--var".
	hidden string
	why    string // for Unknown: why it could not be resolved
	minLen int32  // for Unknown: the collection has at least this many elements
}

// with returns v with its extra changed by set, copied first.
func (v Value) with(set func(*extra)) Value {
	var e extra
	if v.x != nil {
		e = *v.x
	}
	set(&e)
	if e == (extra{}) {
		v.x = nil
	} else {
		v.x = &e
	}
	return v
}

// Field is one named member of an object value.
type Field struct {
	Name  string
	Value Value
}

// Constructors.

// NullValue is an explicit null.
func NullValue() Value { return Value{} }

// UnknownValue is a value that cannot be resolved: expr is the expression as
// written (may be empty) and why says what is missing, e.g. "var.retention has no value".
func UnknownValue(expr, why string) Value {
	v := Value{kind: Unknown, s: expr}
	if why != "" {
		v.x = &extra{why: why}
	}
	return v
}

// WithMinLen returns an unknown collection known to hold at least n
// elements or keys (merge({Name = "x"}, var.tags) has at least one tag).
func (v Value) WithMinLen(n int) Value {
	if v.kind == Unknown {
		return v.with(func(e *extra) { e.minLen = int32(n) })
	}
	return v
}

// MinLen is the number of elements or keys a value is known to have at
// least: Len for a known list or object, the known lower bound for an
// unknown collection, 0 otherwise.
func (v Value) MinLen() int {
	if v.kind == Unknown {
		if v.x == nil {
			return 0
		}
		return int(v.x.minLen)
	}
	return v.Len()
}

// BoolValue wraps a bool.
func BoolValue(b bool) Value { return Value{kind: Bool, b: b} }

// NumberValue wraps a number.
func NumberValue(n float64) Value { return Value{kind: Number, n: n} }

// StringValue wraps a string.
func StringValue(s string) Value { return Value{kind: String, s: s} }

// ConvertibleString wraps a string that its language converts to a bool or
// a number where the schema wants one, as Terraform converts "true" and "7";
// Bool and Number then read it so.
func ConvertibleString(s string) Value { return Value{kind: String, s: s, convertible: true} }

// ListValue wraps a list (also used for tuples, sets and repeated blocks).
func ListValue(items []Value) Value { return Value{kind: List, list: items} }

// ObjectValue builds an object; fields are sorted by name so output is deterministic.
// Later duplicates of a name replace earlier ones.
func ObjectValue(fields []Field) Value {
	// Most objects arrive sorted or nearly (Terraform's bodies, small YAML
	// mappings): check before sorting, and sort without reflection.
	if !slices.IsSortedFunc(fields, compareFields) {
		slices.SortStableFunc(fields, compareFields)
	}
	out := fields[:0]
	for i, f := range fields {
		if i+1 < len(fields) && fields[i+1].Name == f.Name {
			continue
		}
		out = append(out, f)
	}
	return Value{kind: Object, fields: out}
}

func compareFields(a, b Field) int { return strings.Compare(a.Name, b.Name) }

// WithLoc returns v with its location set.
func (v Value) WithLoc(l Location) Value { v.Loc = l; return v }

// WithLocDeep returns v located at l, with every value inside it: a value
// a module received from its caller is reported where the caller wrote it.
func (v Value) WithLocDeep(l Location) Value {
	v.Loc = l
	if len(v.list) > 0 {
		v.list = slices.Clone(v.list)
		for i := range v.list {
			v.list[i] = v.list[i].WithLocDeep(l)
		}
	}
	if len(v.fields) > 0 {
		v.fields = slices.Clone(v.fields)
		for i := range v.fields {
			v.fields[i].Value = v.fields[i].Value.WithLocDeep(l)
		}
	}
	return v
}

// WithSensitive returns v marked sensitive (or not). Sensitive values are never printed.
func (v Value) WithSensitive(s bool) Value {
	if !s {
		if v.x == nil || v.x.hidden == "" {
			return v
		}
		return v.WithHidden("")
	}
	return v.WithHidden("a sensitive value")
}

// WithHidden returns v, and everything inside it, marked never to be
// printed; from says where it came from ("file()", "the environment"), so
// a message can name its origin instead. Scanned code is untrusted: a value
// it pulled from a file, a variable given at run time or a sensitive input
// could carry a secret into a report.
func (v Value) WithHidden(from string) Value {
	if v.Hidden() == from {
		return v
	}
	return v.with(func(e *extra) { e.hidden = from })
}

// Hidden says where a value that must never be printed came from; "" for a
// value that may be printed. Members of a hidden list or object are hidden
// too, whatever their own mark says.
func (v Value) Hidden() string {
	if v.x == nil {
		return ""
	}
	return v.x.hidden
}

// Accessors.

// Kind is the value's shape.
func (v Value) Kind() Kind { return v.kind }

// IsNull reports an explicit or missing value.
func (v Value) IsNull() bool { return v.kind == Null }

// IsKnown is false for an unknown value. A list or object is known even if
// some of its members are not; rules look at the members they need.
func (v Value) IsKnown() bool { return v.kind != Unknown }

// WithExternal returns v, and everything inside it, marked as coming from
// outside the configuration's text (or not): a variable given at run time,
// a data source, an attribute computed by a provider, as a plan or state
// shows them. A secret such a value holds is not a literal in the code.
func (v Value) WithExternal(e bool) Value {
	v.external = e
	switch v.kind {
	case List:
		items := make([]Value, len(v.list))
		for i, x := range v.list {
			items[i] = x.WithExternal(e)
		}
		v.list = items
	case Object:
		fields := make([]Field, len(v.fields))
		for i, f := range v.fields {
			fields[i] = Field{Name: f.Name, Value: f.Value.WithExternal(e)}
		}
		v.fields = fields
	}
	return v
}

// IsExternal reports a value that came from outside the configuration's text.
func (v Value) IsExternal() bool { return v.external }

// IsSensitive reports a value that must never be printed.
func (v Value) IsSensitive() bool { return v.Hidden() != "" }

// WithPlainExpr returns an unknown value marked as written as a plain
// reference to one named value (Terraform's var.x, local.y), so the graph
// may match two such unknowns by name (see Graph.Pointing). A source sets
// it: only it knows its language's syntax.
func (v Value) WithPlainExpr() Value {
	if v.kind == Unknown {
		v.plainExpr = true
	}
	return v
}

// IsPlainExpr reports an unknown value written as a plain reference.
func (v Value) IsPlainExpr() bool { return v.plainExpr }

// Expr is the unresolved expression of an unknown value.
func (v Value) Expr() string { return v.s }

// Why explains an unknown value.
func (v Value) Why() string {
	if v.x == nil {
		return ""
	}
	return v.x.why
}

// Bool returns the value as a bool; ok is false if it is not a bool. A
// ConvertibleString "true" or "false" counts.
func (v Value) Bool() (b, ok bool) {
	switch v.kind {
	case Bool:
		return v.b, true
	case String:
		if !v.convertible {
			return false, false
		}
		switch v.s {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

// Number returns the value as a number; a numeric ConvertibleString counts.
func (v Value) Number() (float64, bool) {
	switch v.kind {
	case Number:
		return v.n, true
	case String:
		if !v.convertible {
			return 0, false
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(v.s), 64)
		return f, err == nil
	}
	return 0, false
}

// Str returns the value as a string; numbers and bools are formatted as Terraform would.
func (v Value) Str() (string, bool) {
	switch v.kind {
	case String:
		return v.s, true
	case Number:
		if v.n == math.Trunc(v.n) && math.Abs(v.n) < 1e15 {
			return strconv.FormatInt(int64(v.n), 10), true
		}
		return strconv.FormatFloat(v.n, 'g', -1, 64), true
	case Bool:
		return strconv.FormatBool(v.b), true
	}
	return "", false
}

// List returns the elements of a list; nil for anything else.
func (v Value) List() []Value {
	if v.kind == List {
		return v.list
	}
	return nil
}

// Fields returns the members of an object in name order; nil for anything else.
func (v Value) Fields() []Field {
	if v.kind == Object {
		return v.fields
	}
	return nil
}

// Len is the number of list elements or object fields.
func (v Value) Len() int {
	switch v.kind {
	case List:
		return len(v.list)
	case Object:
		return len(v.fields)
	}
	return 0
}

// Field returns the member name of an object, or null.
func (v Value) Field(name string) Value {
	if v.kind != Object {
		return Value{}
	}
	i := sort.Search(len(v.fields), func(i int) bool { return v.fields[i].Name >= name })
	if i < len(v.fields) && v.fields[i].Name == name {
		return v.fields[i].Value
	}
	return Value{}
}

// Has reports whether an object has the member name (even if it is null).
func (v Value) Has(name string) bool {
	if v.kind != Object {
		return false
	}
	i := sort.Search(len(v.fields), func(i int) bool { return v.fields[i].Name >= name })
	return i < len(v.fields) && v.fields[i].Name == name
}

// Blocks returns the nested blocks called name (each an object). A single
// object is returned as a one-element slice; an unknown value (for example a
// dynamic block over an unknown collection) is returned as itself, so callers
// can report it.
func (v Value) Blocks(name string) []Value {
	b := v.Field(name)
	switch b.kind {
	case List:
		return b.list
	case Object, Unknown:
		return []Value{b}
	}
	return nil
}

// Pos is a position range inside one file, 1-based. Zero means not known.
type Pos struct {
	Line, Col, EndLine, EndCol int32
}

// Location is where something is written.
type Location struct {
	File string
	Pos
}

// String formats a location as file:line, the form editors understand.
func (l Location) String() string {
	if l.Line == 0 {
		return l.File
	}
	return l.File + ":" + strconv.Itoa(int(l.Line))
}

// At returns a location in the same file at p; a zero p keeps l's position.
func (l Location) At(p Pos) Location {
	if p.Line == 0 {
		return l
	}
	return Location{File: l.File, Pos: p}
}

// LastLine is the last line v's text reaches, its members' included: the
// end of a block whose own location gives only its start (a YAML mapping),
// for comments written inside it and for reports that show a range.
func (v Value) LastLine() int32 {
	end := max(v.Loc.Line, v.Loc.EndLine)
	for _, x := range v.list {
		end = max(end, x.LastLine())
	}
	for _, f := range v.fields {
		end = max(end, f.Value.LastLine())
	}
	return end
}

// PositionsFrom returns v with the positions of src, matched member by
// member; members src does not have take their parent's position. It points
// findings about values from one source (a plan) at the text of another (the
// .tf file that wrote them).
func (v Value) PositionsFrom(src Value) Value {
	return v.positionsFrom(src, src.Loc)
}

func (v Value) positionsFrom(src Value, parent Location) Value {
	p := src.Loc
	if p.Line == 0 {
		p = parent
	}
	v.Loc = p
	switch v.kind {
	case Object:
		fields := make([]Field, len(v.fields))
		for i, f := range v.fields {
			fields[i] = Field{Name: f.Name, Value: f.Value.positionsFrom(src.Field(f.Name), p)}
		}
		v.fields = fields
	case List:
		items := make([]Value, len(v.list))
		srcItems := src.List()
		for i, e := range v.list {
			var s Value
			if i < len(srcItems) {
				s = srcItems[i]
			}
			items[i] = e.positionsFrom(s, p)
		}
		v.list = items
	}
	return v
}
