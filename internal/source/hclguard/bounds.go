package hclguard

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/prodgrade/prodgrade/internal/source/yaml"
)

// Bounds on what evaluation may build, so that scanned code cannot exhaust
// memory: a few lines of HCL can ask for terabytes (a string doubled
// through 40 locals, setproduct of three 1,024-element lists, indent by two
// billion spaces). Real configurations stay far below them. A value over
// a bound is unknown, saying why; the rest of the component is graded.
const (
	// MaxValueBytes bounds one value: the bytes of its strings plus 16 per
	// element.
	MaxValueBytes = 16 << 20
	// MaxValueElements bounds the elements of one value, nested ones included.
	MaxValueElements = 1 << 16
	// ElementBytes is what one element counts for in a function's size
	// estimate, so that MaxValueBytes bounds elements too.
	ElementBytes = MaxValueBytes / MaxValueElements
)

// OverBounds ends every message about a value over the bounds.
const OverBounds = "more than prodgrade evaluates"

// TooLarge says why v is over the bounds, or "". It stops counting as soon
// as a bound is passed, so it costs at most what the bounds allow.
func TooLarge(v cty.Value) string {
	var bytes, elems int64
	var walk func(v cty.Value) bool
	walk = func(v cty.Value) bool {
		v, _ = v.Unmark()
		if !v.IsKnown() || v.IsNull() {
			return true
		}
		t := v.Type()
		switch {
		case t == cty.String:
			bytes += int64(len(v.AsString()))
		case t.IsListType() || t.IsSetType() || t.IsTupleType() || t.IsMapType() || t.IsObjectType():
			n := int64(v.LengthInt())
			elems += n
			bytes += 16 * n
			if elems > MaxValueElements || bytes > MaxValueBytes {
				return false
			}
			for it := v.ElementIterator(); it.Next(); {
				if _, e := it.Element(); !walk(e) {
					return false
				}
			}
		}
		return elems <= MaxValueElements && bytes <= MaxValueBytes
	}
	if walk(v) {
		return ""
	}
	if elems > MaxValueElements {
		return fmt.Sprintf("more than %d elements", MaxValueElements)
	}
	return fmt.Sprintf("more than %d MiB", MaxValueBytes>>20)
}

// SizeFunc estimates, before a function runs, how large its result would
// be (in bytes or elements, as TooLarge counts them); -1 when it cannot
// tell (an argument is unknown), so the function runs and TooLarge judges.
type SizeFunc func(args []cty.Value) int64

// Bounded refuses to run f when size says its result would be over the
// bounds: the allocation never happens.
func Bounded(name string, f function.Function, size SizeFunc) function.Function {
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		VarParam:    f.VarParam(),
		// The check runs before the type is worked out: for collections
		// cty already walks every element there.
		Type: func(args []cty.Value) (cty.Type, error) {
			if n := size(args); n > MaxValueBytes {
				return cty.NilType, fmt.Errorf("%s would build a value of more than %d MiB or %d elements, %s", name, MaxValueBytes>>20, MaxValueElements, OverBounds)
			}
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return f.Call(args) },
	})
}

// knownStr and knownLen read an argument's string or length, when known.
func knownStr(v cty.Value) (string, bool) {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

func knownLen(v cty.Value) (int64, bool) {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || !v.CanIterateElements() {
		return 0, false
	}
	return int64(v.LengthInt()), true
}

// ProductSize is setproduct's: the product of its arguments' lengths.
func ProductSize(args []cty.Value) int64 {
	n := int64(1)
	for _, a := range args {
		l, ok := knownLen(a)
		if !ok {
			return -1
		}
		if l > 0 && n > (MaxValueBytes+1)/l {
			return MaxValueBytes + 1
		}
		n *= l
	}
	return ElementBytes * n
}

// ConcatSize is concat's: the sum of its arguments' lengths.
func ConcatSize(args []cty.Value) int64 {
	var n int64
	for _, a := range args {
		l, ok := knownLen(a)
		if !ok {
			return -1
		}
		n += l
	}
	return ElementBytes * n
}

// IndentSize is indent's: the spaces times the lines, plus the string.
func IndentSize(args []cty.Value) int64 {
	s, ok := knownStr(args[1])
	n, _ := args[0].Unmark()
	if !ok || !n.IsKnown() || n.IsNull() {
		return -1
	}
	spaces, _ := n.AsBigFloat().Int64()
	lines := int64(strings.Count(s, "\n"))
	if spaces > 0 && lines > 0 && spaces > (MaxValueBytes+1)/lines {
		return MaxValueBytes + 1
	}
	return spaces*lines + int64(len(s))
}

// formatWidth matches a width or precision in a format verb.
var formatWidth = regexp.MustCompile(`%[-+# 0]*(\d*)(?:\.(\d+))?`)

// FormatSize is format's and formatlist's: a verb's width or precision can
// ask for any number of bytes ("%2000000000s").
func FormatSize(args []cty.Value) int64 {
	f, ok := knownStr(args[0])
	if !ok {
		return -1
	}
	var most int64
	for _, m := range formatWidth.FindAllStringSubmatch(f, -1) {
		for _, d := range m[1:] {
			if n, err := strconv.ParseInt(d, 10, 64); err == nil && n > most {
				most = n
			} else if err != nil && d != "" {
				return MaxValueBytes + 1 // too many digits to parse
			}
		}
	}
	return most
}

// JoinSize is join's: the separator once per element, plus the elements.
func JoinSize(args []cty.Value) int64 {
	sep, ok := knownStr(args[0])
	if !ok {
		return -1
	}
	var n int64
	for _, l := range args[1:] {
		c, ok := knownLen(l)
		if !ok {
			return -1
		}
		n += c
	}
	if len(sep) > 0 && n > (MaxValueBytes+1)/int64(len(sep)) {
		return MaxValueBytes + 1
	}
	return n * int64(len(sep))
}

// ReplaceSize is replace's: every match may become the replacement (a
// regular expression can match at every position).
func ReplaceSize(args []cty.Value) int64 {
	str, ok1 := knownStr(args[0])
	sub, ok2 := knownStr(args[1])
	repl, ok3 := knownStr(args[2])
	if !ok1 || !ok2 || !ok3 {
		return -1
	}
	matches := int64(len(str) + 1)
	if !(len(sub) > 1 && strings.HasPrefix(sub, "/") && strings.HasSuffix(sub, "/")) && sub != "" {
		matches = int64(strings.Count(str, sub))
	}
	if len(repl) > 0 && matches > (MaxValueBytes+1)/int64(len(repl)) {
		return MaxValueBytes + 1
	}
	return int64(len(str)) + matches*int64(len(repl))
}

// DecodeSize is yamldecode's and jsondecode's: the document is read first
// with prodgrade's own YAML reader (JSON is YAML), which refuses alias
// bombs (a billion laughs in a few hundred bytes) and deep nesting before
// they are built.
func DecodeSize(args []cty.Value) int64 {
	s, ok := knownStr(args[0])
	if !ok {
		return -1
	}
	if _, err := yaml.Parse("document", []byte(s)); err != nil {
		if m := err.Error(); strings.Contains(m, "alias expansions") || strings.Contains(m, "max depth") {
			return MaxValueBytes + 1
		}
	}
	return int64(len(s))
}

// MaxIterations bounds the iterations of nested for expressions in one
// expression: [for a in range(1024) : [for b in range(1024) : [for c in
// range(1024) : …]]] is a billion elements in one line, and hcl cannot be
// stopped once it starts.
const MaxIterations = 1 << 20

// outermostFor finds the for expressions in a node that are not inside
// another one.
type outermostFor struct {
	depth int
	found []*hclsyntax.ForExpr
}

func (w *outermostFor) Enter(n hclsyntax.Node) hcl.Diagnostics {
	if f, ok := n.(*hclsyntax.ForExpr); ok {
		if w.depth == 0 {
			w.found = append(w.found, f)
		}
		w.depth++
	}
	return nil
}

func (w *outermostFor) Exit(n hclsyntax.Node) hcl.Diagnostics {
	if _, ok := n.(*hclsyntax.ForExpr); ok {
		w.depth--
	}
	return nil
}

// iterations is the most iterations the for expressions in node run: a for
// expression runs its body once per element of its collection, so nested
// ones multiply; one in the collection of another runs before it, so they
// add. A collection that depends on an enclosing for's variables (for b in
// a.items) is part of data that is bounded already: it counts 1.
func iterations(node hclsyntax.Node, ctx *hcl.EvalContext) int64 {
	w := &outermostFor{}
	hclsyntax.Walk(node, w)
	var most int64
	for _, f := range w.found {
		n := int64(1)
		if v, diags := f.CollExpr.Value(ctx); !diags.HasErrors() {
			if l, ok := knownLen(v); ok && l > 1 {
				n = l
			}
		}
		body := int64(1)
		for _, e := range []hclsyntax.Expression{f.KeyExpr, f.ValExpr, f.CondExpr} {
			if e != nil {
				body = max(body, iterations(e, ctx))
			}
		}
		cost := min(n*body, MaxIterations+1) + iterations(f.CollExpr, ctx)
		most = max(most, cost)
	}
	return most
}

// TooManyIterations says why expr would iterate more than MaxIterations
// times, or "". Only expressions with nested for expressions are walked.
func TooManyIterations(expr hcl.Expression, ctx *hcl.EvalContext) string {
	node, ok := expr.(hclsyntax.Node)
	if !ok || !nestedFor(node) {
		return ""
	}
	if iterations(node, ctx) > MaxIterations {
		return fmt.Sprintf("its nested for expressions iterate more than %d times, %s", MaxIterations, OverBounds)
	}
	return ""
}

// nestedFor reports a for expression inside another.
func nestedFor(node hclsyntax.Node) bool {
	nested := false
	hclsyntax.VisitAll(node, func(n hclsyntax.Node) hcl.Diagnostics {
		if f, ok := n.(*hclsyntax.ForExpr); ok && !nested {
			hclsyntax.VisitAll(f.ValExpr, func(inner hclsyntax.Node) hcl.Diagnostics {
				_, isFor := inner.(*hclsyntax.ForExpr)
				nested = nested || isFor
				return nil
			})
		}
		return nil
	})
	return nested
}
