package terraform

import (
	"math/big"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// Marks carry facts along with values through every expression, function
// and module boundary, so the loader never has to trace references by hand.

// refMark is set on each resource instance's value: any attribute computed
// from it carries the mark, which becomes a graph edge.
type refMark struct{ addr string }

// causeMark is set on a value Terraform alone can know; it says why, and
// follows the value wherever it flows.
type causeMark struct{ why string }

// hiddenMark is set on a value that must never be printed, because scanned
// code is untrusted and could route it into a report: what a file holds, a
// sensitive input, a value given at run time. from says where it came from,
// so messages can name that instead.
type hiddenMark struct{ from string }

// originMark is set on each input a module call gives: where the caller
// wrote it, and how deep that caller is (0 for the root module). A value
// computed from it in the module — through each.value, a conditional, a
// dynamic block, a function — keeps the mark, so a finding on it points at
// the caller's line, where the fix goes. The shallowest caller wins: it is
// the user's own code, not a library module's.
type originMark struct {
	loc   infra.Location
	depth int
}

// Where hidden values come from.
const (
	fromSensitive = "a sensitive value"
	fromFileRead  = "the contents of a file"
	fromVarFlag   = "a --var value"
	fromVarFile   = "a --var-file value"
	fromEnv       = "a TF_VAR_ environment variable"
)

// runTime reports a value given when Terraform runs, not written in the
// configuration: a secret it holds is no literal in the code.
func (h hiddenMark) runTime() bool {
	return h.from == fromVarFlag || h.from == fromVarFile || h.from == fromEnv
}

// hiddenIn returns the first hidden mark anywhere in v.
func hiddenIn(v cty.Value) (hiddenMark, bool) {
	for m := range deepMarks(v) {
		if h, ok := m.(hiddenMark); ok {
			return h, true
		}
	}
	return hiddenMark{}, false
}

// markedUnknown is an unknown value that explains itself.
func markedUnknown(why string) cty.Value {
	return cty.DynamicVal.Mark(causeMark{why})
}

// deepMarks returns every mark anywhere in v, as one set.
func deepMarks(v cty.Value) cty.ValueMarks {
	if !v.ContainsMarked() {
		return nil
	}
	_, pvm := v.UnmarkDeepWithPaths()
	out := cty.ValueMarks{}
	for _, pm := range pvm {
		for m := range pm.Marks {
			out[m] = struct{}{}
		}
	}
	return out
}

// converted is an attribute value in prodgrade's model, with the resources it references.
type converted struct {
	value infra.Value
	refs  []string
}

// toInfra converts a (possibly marked) cty value. expr is the expression's
// source text, kept for unknown values so the user sees what to resolve.
func toInfra(v cty.Value, pos infra.Location, expr string) converted {
	if !v.ContainsMarked() {
		return converted{value: plainToInfra(v, pos, expr, "")}
	}
	plain, pvm := v.UnmarkDeepWithPaths()
	var refs, causes []string
	var hidden []cty.PathValueMarks
	var origins []originAt
	for _, pm := range pvm {
		var origin *originMark
		for m := range pm.Marks {
			switch m := m.(type) {
			case refMark:
				refs = append(refs, m.addr)
			case causeMark:
				causes = append(causes, m.why)
			case hiddenMark:
				hidden = append(hidden, cty.PathValueMarks{Path: pm.Path, Marks: cty.NewValueMarks(m)})
			case originMark:
				if origin == nil || m.depth < origin.depth {
					origin = &m
				}
			}
		}
		if origin != nil {
			origins = append(origins, originAt{pm.Path, *origin})
		}
	}
	why := joinCauses(causes)
	out := plainToInfra(plain, pos, expr, why)
	// Outer paths first, so a value inside keeps its own, nearer origin.
	sort.SliceStable(origins, func(i, j int) bool { return len(origins[i].path) < len(origins[j].path) })
	for _, o := range origins {
		out = locateAt(out, o.path, o.mark.loc)
	}
	for _, h := range hidden {
		for m := range h.Marks {
			out = hideAt(out, h.Path, m.(hiddenMark))
		}
	}
	return converted{value: out, refs: dedupe(refs)}
}

// originAt is an origin mark found at a path inside a value.
type originAt struct {
	path cty.Path
	mark originMark
}

// locateAt relocates the member of v at path, and everything inside it, to
// loc. A path step the value does not have relocates the member it leads
// from.
func locateAt(v infra.Value, path cty.Path, loc infra.Location) infra.Value {
	if len(path) > 0 {
		var name string
		idx := -1
		switch st := path[0].(type) {
		case cty.GetAttrStep:
			name = st.Name
		case cty.IndexStep:
			k := st.Key
			switch {
			case k.Type() == cty.String && v.Kind() == infra.Object:
				name = k.AsString()
			case k.Type() == cty.Number && v.Kind() == infra.List:
				if i, acc := k.AsBigFloat().Int64(); acc == big.Exact && i >= 0 && int(i) < v.Len() {
					idx = int(i)
				}
			}
		}
		switch {
		case idx >= 0:
			items := slices.Clone(v.List())
			items[idx] = locateAt(items[idx], path[1:], loc)
			return infra.ListValue(items).WithLoc(v.Loc).WithHidden(v.Hidden()).WithExternal(v.IsExternal())
		case name != "" && v.Has(name):
			fields := slices.Clone(v.Fields())
			for i := range fields {
				if fields[i].Name == name {
					fields[i].Value = locateAt(fields[i].Value, path[1:], loc)
				}
			}
			return infra.ObjectValue(fields).WithLoc(v.Loc).WithHidden(v.Hidden()).WithExternal(v.IsExternal())
		}
	}
	return v.WithLocDeep(loc)
}

// hideAt marks the member of v at path hidden (and external, for a value
// given at run time). A path step the value does not have (a set element)
// hides the member it leads from: a hidden value may be hidden too widely,
// never too narrowly.
func hideAt(v infra.Value, path cty.Path, h hiddenMark) infra.Value {
	if len(path) > 0 {
		switch st := path[0].(type) {
		case cty.GetAttrStep:
			return replaceField(v, st.Name, path[1:], h)
		case cty.IndexStep:
			k := st.Key
			switch {
			case k.Type() == cty.String && v.Kind() == infra.Object:
				return replaceField(v, k.AsString(), path[1:], h)
			case k.Type() == cty.Number && v.Kind() == infra.List:
				if i, acc := k.AsBigFloat().Int64(); acc == big.Exact && i >= 0 && int(i) < v.Len() {
					items := slices.Clone(v.List())
					items[i] = hideAt(items[i], path[1:], h)
					return infra.ListValue(items).WithLoc(v.Loc).WithHidden(v.Hidden()).WithExternal(v.IsExternal())
				}
			}
		}
	}
	if h.runTime() {
		v = v.WithExternal(true)
	}
	return v.WithHidden(h.from)
}

func replaceField(v infra.Value, name string, rest cty.Path, h hiddenMark) infra.Value {
	if !v.Has(name) {
		return hideAt(v, nil, h)
	}
	fields := slices.Clone(v.Fields())
	for i := range fields {
		if fields[i].Name == name {
			fields[i].Value = hideAt(fields[i].Value, rest, h)
		}
	}
	return infra.ObjectValue(fields).WithLoc(v.Loc).WithHidden(v.Hidden()).WithExternal(v.IsExternal())
}

func plainToInfra(v cty.Value, pos infra.Location, expr, why string) infra.Value {
	if !v.IsKnown() {
		if why == "" {
			why = "computed by Terraform"
		}
		u := infra.UnknownValue(expr, why).WithLoc(pos)
		if plainRef.MatchString(expr) {
			u = u.WithPlainExpr()
		}
		if t := v.Type(); t.IsObjectType() {
			u = u.WithMinLen(len(t.AttributeTypes()))
		} else if t.IsCollectionType() {
			u = u.WithMinLen(v.Range().LengthLowerBound())
		}
		return u
	}
	if v.IsNull() {
		return infra.NullValue().WithLoc(pos)
	}
	t := v.Type()
	switch {
	case t == cty.Bool:
		return infra.BoolValue(v.True()).WithLoc(pos)
	case t == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		if v.AsBigFloat().IsInt() {
			if i, acc := v.AsBigFloat().Int64(); acc == big.Exact {
				f = float64(i)
			}
		}
		return infra.NumberValue(f).WithLoc(pos)
	case t == cty.String:
		return infra.ConvertibleString(v.AsString()).WithLoc(pos)
	case t.IsListType(), t.IsSetType(), t.IsTupleType():
		items := make([]infra.Value, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			items = append(items, plainToInfra(e, pos, expr, why))
		}
		return infra.ListValue(items).WithLoc(pos)
	case t.IsMapType(), t.IsObjectType():
		fields := make([]infra.Field, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			fields = append(fields, infra.Field{Name: k.AsString(), Value: plainToInfra(e, pos, expr, why)})
		}
		return infra.ObjectValue(fields).WithLoc(pos)
	}
	return infra.UnknownValue(expr, "value of type "+t.FriendlyName()+" is not supported").WithLoc(pos)
}

// plainRef is an expression that is just a variable or a local, whose value
// is the same wherever it is written in one module instance.
var plainRef = regexp.MustCompile(`^(var|local)\.[A-Za-z_][A-Za-z0-9_-]*$`)

func joinCauses(cs []string) string {
	cs = dedupe(cs)
	if len(cs) > 3 {
		cs = append(cs[:3], "…")
	}
	return strings.Join(cs, "; ")
}

func dedupe(s []string) []string {
	if len(s) < 2 {
		return s
	}
	sort.Strings(s)
	out := s[:1]
	for _, x := range s[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}
