package terraform

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"hash"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-cty-funcs/filesystem"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/customdecode"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/prodgrade/prodgrade/internal/source/hclguard"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// builtins are Terraform's built-in functions that do not depend on the
// module's directory, built once: the table is read-only. Functions whose
// result Terraform itself only knows when it runs (timestamp, uuid) return
// unknown values; a function that is not here makes its expression unknown
// with "Call to unknown function", never a crash.
var builtins = sync.OnceValue(func() map[string]function.Function {
	fs := hclguard.Functions()
	maps.Copy(fs, map[string]function.Function{
		"abspath":      filesystem.AbsPathFunc,
		"alltrue":      allTrueFunc,
		"anytrue":      anyTrueFunc,
		"bcrypt":       unknownFunc("bcrypt", cty.String),
		"endswith":     endsWithFunc,
		"index":        indexFunc,
		"length":       lengthFunc,
		"lookup":       lookupFunc,
		"merge":        mergeFunc,
		"nonsensitive": nonsensitiveFunc,
		"one":          oneFunc,
		"pathexpand":   unknownFunc("pathexpand", cty.String),
		"range":        stdlib.RangeFunc,
		"replace":      bounded("replace", replaceFunc, replaceSize),
		"sensitive":    sensitiveFunc,
		"setsubtract":  stdlib.SetSubtractFunc,
		"startswith":   startsWithFunc,
		"strcontains":  strContainsFunc,
		"sum":          sumFunc,
		"timestamp":    unknownFunc("timestamp", cty.String),
		"transpose":    transposeFunc,
		"try":          tryFunc,
		"uuid":         unknownFunc("uuid", cty.String),

		"base64gzip":       base64GzipFunc,
		"ephemeralasnull":  identityFunc,
		"issensitive":      unknownFunc("issensitive", cty.Bool),
		"matchkeys":        matchKeysFunc,
		"plantimestamp":    unknownFunc("plantimestamp", cty.String),
		"templatestring":   unknownFunc("templatestring", cty.String),
		"textdecodebase64": unknownFunc("textdecodebase64", cty.String),
		"textencodebase64": unknownFunc("textencodebase64", cty.String),
		"timecmp":          timeCmpFunc,
	})
	fs["base64sha256"] = stringHashFunc(hashKind{sha256.New, base64.StdEncoding.EncodeToString})
	fs["base64sha512"] = stringHashFunc(hashKind{sha512.New, base64.StdEncoding.EncodeToString})
	for name, f := range fs {
		if !selfMarking[name] {
			f = keepMarks(f, name == "flatten" || name == "formatlist")
		}
		fs[name] = f
		fs["core::"+name] = f // Terraform 1.8+ accepts core:: before every built-in
	}
	return fs
})

// builtinContext holds the builtins; every evaluation context descends from it.
var builtinContext = sync.OnceValue(func() *hcl.EvalContext {
	return &hcl.EvalContext{Functions: builtins()}
})

// asLists passes a long tuple whose elements all have one type (what a for
// expression or flatten makes of a list of strings) as a list of that type:
// the same elements, but cty then unifies one element type instead of
// comparing every pair of them (toset or join of 60,000 strings took
// minutes).
func asLists(args []cty.Value) []cty.Value {
	var out []cty.Value
	for i, a := range args {
		t := a.Type()
		if !t.IsTupleType() || len(t.TupleElementTypes()) < 256 || a.ContainsMarked() || !a.IsKnown() {
			continue
		}
		ets := t.TupleElementTypes()
		same := true
		for _, et := range ets[1:] {
			if !et.Equals(ets[0]) {
				same = false
				break
			}
		}
		if !same || ets[0] == cty.DynamicPseudoType {
			continue
		}
		if out == nil {
			out = slices.Clone(args)
		}
		out[i] = cty.ListVal(a.AsValueSlice())
	}
	if out == nil {
		return args
	}
	return out
}

// toParams converts arguments to f's parameter types, as hcl does before a
// call (keepMarks declares its parameters dynamic so that hcl does not).
func toParams(f function.Function, args []cty.Value) ([]cty.Value, error) {
	params, vp := f.Params(), f.VarParam()
	out := args
	for i, a := range args {
		var p *function.Parameter
		switch {
		case i < len(params):
			p = &params[i]
		case vp != nil:
			p = vp
		default:
			return args, nil // too many arguments: f says so
		}
		if p.Type == cty.DynamicPseudoType || a.Type().Equals(p.Type) {
			continue
		}
		c, err := convert.Convert(a, p.Type)
		if err != nil {
			return nil, function.NewArgError(i, err)
		}
		if &out[0] == &args[0] {
			out = slices.Clone(args)
		}
		out[i] = c
	}
	return out, nil
}

// keepMarks wraps a function for two faults of marked values in cty:
//   - functions that handle marks themselves (concat, merge, …) drop them
//     when they return early on an unknown argument, and the marks are the
//     references (graph edges) and the reasons a value is unknown;
//   - flatten and formatlist recognise "unknown of unknown type" by
//     comparing with cty.DynamicVal, miss it once it is marked, and return
//     a wrong, known result. For them (stripDynamic) such values are passed
//     unmarked and their marks moved to the result; for the others they stay
//     in place, where they say which element refers to what.
//
// An unknown result carries the marks of every argument.
func keepMarks(f function.Function, stripDynamic bool) function.Function {
	open := func(p function.Parameter) function.Parameter {
		p.AllowMarked, p.AllowUnknown, p.AllowNull, p.AllowDynamicType = true, true, true, true
		// f converts its arguments itself; hcl converting them first would
		// unify every element type of a long tuple (see asLists).
		p.Type = cty.DynamicPseudoType
		return p
	}
	spec := &function.Spec{
		Description: f.Description(),
		Type: func(args []cty.Value) (cty.Type, error) {
			args, err := toParams(f, asLists(args))
			if err != nil {
				return cty.NilType, err
			}
			if stripDynamic {
				args, _ = plainDynamic(args)
			}
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			args, err := toParams(f, asLists(args))
			if err != nil {
				return cty.NilVal, err
			}
			plain, stripped := args, []cty.ValueMarks(nil)
			if stripDynamic {
				plain, stripped = plainDynamic(args)
			}
			v, err := f.Call(plain)
			if err != nil {
				return v, err
			}
			v = v.WithMarks(stripped...)
			if v.IsWhollyKnown() {
				return v, nil
			}
			for _, a := range args {
				v = v.WithMarks(deepMarks(a))
			}
			return v, nil
		},
	}
	for _, p := range f.Params() {
		spec.Params = append(spec.Params, open(p))
	}
	if vp := f.VarParam(); vp != nil {
		p := open(*vp)
		spec.VarParam = &p
	}
	return function.New(spec)
}

// plainDynamic returns args with every marked unknown of unknown type,
// however deep, replaced by cty.DynamicVal, and the marks it removed.
func plainDynamic(args []cty.Value) ([]cty.Value, []cty.ValueMarks) {
	var marks []cty.ValueMarks
	var out []cty.Value
	for i, a := range args {
		if !a.ContainsMarked() || a.IsWhollyKnown() {
			continue
		}
		v, _ := cty.Transform(a, func(_ cty.Path, v cty.Value) (cty.Value, error) {
			if u, m := v.Unmark(); len(m) > 0 && !u.IsKnown() && u.Type() == cty.DynamicPseudoType {
				marks = append(marks, m)
				return cty.DynamicVal, nil
			}
			return v, nil
		})
		if out == nil {
			out = append([]cty.Value(nil), args...)
		}
		out[i] = v
	}
	if out == nil {
		return args, nil
	}
	return out, marks
}

// unknownFunc stands for functions whose result is only known when Terraform
// runs them (timestamp, uuid, bcrypt's salt).
func unknownFunc(name string, t cty.Type) function.Function {
	why := causeMark{name + "() is evaluated by Terraform when it runs"}
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true},
		Type:     function.StaticReturnType(t),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.UnknownVal(t).Mark(why), nil
		},
	})
}

// selfMarking are the functions that handle marks themselves: try and can
// take expressions, not values; sensitive and nonsensitive set and clear a mark.
var selfMarking = map[string]bool{"try": true, "can": true, "sensitive": true, "nonsensitive": true}

// sensitiveFunc marks its argument as Terraform's sensitive() does: the
// value is never printed.
var sensitiveFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return args[0].Mark(hiddenMark{fromSensitive}), nil
	},
})

// nonsensitiveFunc clears what sensitive() and sensitive variables set. A
// value hidden for another reason (read from a file, given at run time)
// stays hidden: nonsensitive is the code's word, and the code is untrusted.
var nonsensitiveFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		plain, pvm := args[0].UnmarkDeepWithPaths()
		for i := range pvm {
			if _, ok := pvm[i].Marks[hiddenMark{fromSensitive}]; ok {
				m := maps.Clone(pvm[i].Marks)
				delete(m, hiddenMark{fromSensitive})
				pvm[i].Marks = m
			}
		}
		return plain.MarkWithPaths(pvm), nil
	},
})

var identityFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
})

// lengthFunc is Terraform's length, which also counts the characters of a string.
var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if v.Type() == cty.String {
			if !v.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			return stdlib.Strlen(v)
		}
		switch {
		case v.Type().IsTupleType(), v.Type().IsObjectType():
			return cty.NumberIntVal(int64(v.LengthInt())), nil
		case v.Type().IsCollectionType():
			return v.Length(), nil
		case v.Type() == cty.DynamicPseudoType:
			return cty.UnknownVal(cty.Number), nil
		}
		return cty.NilVal, fmt.Errorf("length of %s is not defined", v.Type().FriendlyName())
	},
})

// replaceFunc is Terraform's replace: a search string wrapped in slashes is a regular expression.
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		str, sub, repl := args[0].AsString(), args[1].AsString(), args[2].AsString()
		if len(sub) > 1 && strings.HasPrefix(sub, "/") && strings.HasSuffix(sub, "/") {
			re, err := regexp.Compile(sub[1 : len(sub)-1])
			if err != nil {
				return cty.NilVal, err
			}
			return cty.StringVal(re.ReplaceAllString(str, repl)), nil
		}
		return cty.StringVal(strings.ReplaceAll(str, sub, repl)), nil
	},
})

// indexFunc is Terraform's index: the position of a value in a list.
var indexFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}, {Name: "value", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		l := args[0]
		if !l.Type().IsListType() && !l.Type().IsTupleType() {
			return cty.NilVal, fmt.Errorf("index needs a list, got %s", l.Type().FriendlyName())
		}
		i := 0
		for it := l.ElementIterator(); it.Next(); i++ {
			_, e := it.Element()
			eq := e.Equals(args[1])
			if !eq.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			if eq.True() {
				return cty.NumberIntVal(int64(i)), nil
			}
		}
		return cty.NilVal, fmt.Errorf("item not found")
	},
})

func boolReduce(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			result := all
			for it := args[0].ElementIterator(); it.Next(); {
				_, e := it.Element()
				if !e.IsKnown() {
					return cty.UnknownVal(cty.Bool), nil
				}
				if e.IsNull() {
					continue
				}
				if e.True() != all {
					result = !all
				}
			}
			return cty.BoolVal(result), nil
		},
	})
}

var (
	allTrueFunc = boolReduce(true)
	anyTrueFunc = boolReduce(false)
)

var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		l := args[0]
		if !l.CanIterateElements() {
			return cty.NilVal, fmt.Errorf("one needs a list or set")
		}
		switch l.LengthInt() {
		case 0:
			return cty.NullVal(cty.DynamicPseudoType), nil
		case 1:
			it := l.ElementIterator()
			it.Next()
			_, e := it.Element()
			return e, nil
		}
		return cty.NilVal, fmt.Errorf("one needs at most one element, got %d", l.LengthInt())
	},
})

var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if !args[0].CanIterateElements() {
			return cty.NilVal, fmt.Errorf("sum needs a list of numbers")
		}
		if args[0].LengthInt() == 0 {
			return cty.NilVal, fmt.Errorf("cannot sum an empty list")
		}
		total := cty.Zero
		for it := args[0].ElementIterator(); it.Next(); {
			_, e := it.Element()
			n, err := convert.Convert(e, cty.Number)
			if err != nil {
				return cty.NilVal, err
			}
			if !n.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			total = total.Add(n)
		}
		return total, nil
	},
})

func stringPredicate(f func(s, t string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(f(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

var (
	startsWithFunc  = stringPredicate(strings.HasPrefix)
	endsWithFunc    = stringPredicate(strings.HasSuffix)
	strContainsFunc = stringPredicate(strings.Contains)
)

var transposeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "values", Type: cty.Map(cty.List(cty.String))}},
	Type:   function.StaticReturnType(cty.Map(cty.List(cty.String))),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		out := map[string][]cty.Value{}
		for it := args[0].ElementIterator(); it.Next(); {
			k, l := it.Element()
			for li := l.ElementIterator(); li.Next(); {
				_, v := li.Element()
				if !v.IsKnown() {
					return cty.UnknownVal(cty.Map(cty.List(cty.String))), nil
				}
				out[v.AsString()] = append(out[v.AsString()], k)
			}
		}
		m := make(map[string]cty.Value, len(out))
		for k, l := range out {
			m[k] = cty.ListVal(l)
		}
		if len(m) == 0 {
			return cty.MapValEmpty(cty.List(cty.String)), nil
		}
		return cty.MapVal(m), nil
	},
})

// lookupFunc is Terraform's lookup, whose default may be null.
var lookupFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "map", Type: cty.DynamicPseudoType, AllowMarked: true},
		{Name: "key", Type: cty.String, AllowMarked: true},
	},
	VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true},
	Type:     function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		m, mMarks := args[0].Unmark()
		k, kMarks := args[1].Unmark()
		if len(args) > 2 {
			return lookupIn(m, k, &args[2], mMarks, kMarks)
		}
		return lookupIn(m, k, nil, mMarks, kMarks)
	},
})

func lookupIn(m, k cty.Value, def *cty.Value, marks ...cty.ValueMarks) (cty.Value, error) {
	if !m.IsKnown() || !k.IsKnown() {
		return cty.DynamicVal.WithMarks(marks...), nil
	}
	if m.IsNull() || !(m.Type().IsMapType() || m.Type().IsObjectType()) {
		return cty.NilVal, fmt.Errorf("lookup needs a map or object")
	}
	key := k.AsString()
	if m.Type().IsObjectType() && m.Type().HasAttribute(key) {
		return m.GetAttr(key).WithMarks(marks...), nil
	}
	if m.Type().IsMapType() && m.HasIndex(k).True() {
		return m.Index(k).WithMarks(marks...), nil
	}
	if def != nil {
		return def.WithMarks(marks...), nil
	}
	return cty.NilVal, fmt.Errorf("lookup failed to find key %q", key)
}

// hashKind is a hash and how its digest is written.
type hashKind struct {
	new func() hash.Hash
	enc func([]byte) string
}

func (h hashKind) sum(b []byte) cty.Value {
	x := h.new()
	x.Write(b)
	return cty.StringVal(h.enc(x.Sum(nil)))
}

func stringHashFunc(h hashKind) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return h.sum([]byte(args[0].AsString())), nil
		},
	})
}

// tryFunc is hcl's try, except that when the chosen expression is only
// partly known (try then gives up and returns an unknown value) the unknown
// keeps that expression's marks: the references and reasons it carries.
var tryFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "expressions", Type: customdecode.ExpressionClosureType},
	Type:     function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, err := tryfunc.TryFunc.Call(args)
		if err != nil || v.IsKnown() {
			return v, err
		}
		for _, a := range args {
			cv, diags := customdecode.ExpressionClosureFromVal(a).Value()
			if diags.HasErrors() {
				continue
			}
			return v.WithMarks(deepMarks(cv)), nil
		}
		return v, nil
	},
})

var base64GzipFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		if _, err := w.Write([]byte(args[0].AsString())); err != nil {
			return cty.NilVal, err
		}
		if err := w.Flush(); err != nil { // as Terraform does, for the same bytes
			return cty.NilVal, err
		}
		if err := w.Close(); err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(base64.StdEncoding.EncodeToString(b.Bytes())), nil
	},
})

// matchKeysFunc is Terraform's matchkeys: the values whose key at the same
// index is in the search set.
var matchKeysFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "values", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "keys", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "searchset", Type: cty.List(cty.DynamicPseudoType)},
	},
	Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		if args[0].LengthInt() != args[1].LengthInt() {
			return cty.NilVal, fmt.Errorf("values and keys must have the same length")
		}
		if !args[0].IsWhollyKnown() || !args[1].IsWhollyKnown() || !args[2].IsWhollyKnown() {
			return cty.UnknownVal(retType), nil
		}
		keys, search := args[1].AsValueSlice(), args[2].AsValueSlice()
		var out []cty.Value
		for i, v := range args[0].AsValueSlice() {
			for _, s := range search {
				if eq := keys[i].Equals(s); eq.True() {
					out = append(out, v)
					break
				}
			}
		}
		if len(out) == 0 {
			return cty.ListValEmpty(retType.ElementType()), nil
		}
		return cty.ListVal(out), nil
	},
})

// timeCmpFunc is Terraform's timecmp: -1, 0 or 1 comparing two RFC 3339 timestamps.
var timeCmpFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "a", Type: cty.String}, {Name: "b", Type: cty.String}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		a, err := time.Parse(time.RFC3339, args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		b, err := time.Parse(time.RFC3339, args[1].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		return cty.NumberIntVal(int64(a.Compare(b))), nil
	},
})

// mergeFunc is merge, which also says how many keys an unknown result has
// at least: merge({Name = "x"}, var.extra_tags) has a Name whatever the
// extra tags are.
var mergeFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "maps", Type: cty.DynamicPseudoType, AllowNull: true, AllowDynamicType: true, AllowUnknown: true, AllowMarked: true},
	Type:     stdlib.MergeFunc.ReturnTypeForValues,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, err := stdlib.MergeFunc.Call(args)
		if err != nil || v.IsKnown() {
			return v, err
		}
		t := v.Type()
		switch {
		case t.IsMapType():
		case t == cty.DynamicPseudoType:
			// A mix of objects and an unknown map: a map of something.
			t = cty.Map(cty.DynamicPseudoType)
		default:
			return v, nil
		}
		_, marks := v.Unmark()
		keys := map[string]bool{}
		for _, a := range args {
			a, _ := a.Unmark()
			if a.IsKnown() && !a.IsNull() && (a.Type().IsMapType() || a.Type().IsObjectType()) {
				for it := a.ElementIterator(); it.Next(); {
					k, _ := it.Element()
					keys[k.AsString()] = true
				}
			}
		}
		if len(keys) == 0 {
			return v, nil
		}
		return cty.UnknownVal(t).Refine().CollectionLengthLowerBound(len(keys)).NewValue().WithMarks(marks), nil
	},
})
