package packer

import (
	"math/big"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// value converts an evaluated expression to prodgrade's value tree,
// located where expr is written; list elements and object members are
// located at their own expressions when the syntax has them. A value
// computed from a hidden one is hidden whole: hidden too widely, never too
// narrowly.
func (l *loader) value(v cty.Value, expr hcl.Expression, why string) infra.Value {
	plain, marks := v.UnmarkDeep()
	out := l.convert(plain, expr, loc(expr.Range()), why, 0)
	for m := range marks {
		if h, ok := m.(hidden); ok {
			if h.from == fromVarFile {
				out = out.WithExternal(true)
			}
			out = out.WithHidden(h.from)
			break
		}
	}
	return out
}

// maxConvertDepth bounds the nesting converted; the parser's depth check
// keeps real input far below it, but values built by functions
// (jsondecode) nest too.
const maxConvertDepth = 1000

func (l *loader) convert(v cty.Value, expr hcl.Expression, at infra.Location, why string, depth int) infra.Value {
	text := ""
	if expr != nil {
		at = loc(expr.Range())
		text = l.text(expr.Range())
	}
	if depth > maxConvertDepth {
		return infra.UnknownValue(text, "nested too deep for prodgrade").WithLoc(at)
	}
	if !v.IsKnown() {
		if why == "" {
			why = "known only when Packer runs"
		}
		return infra.UnknownValue(text, why).WithLoc(at)
	}
	if v.IsNull() {
		return infra.NullValue().WithLoc(at)
	}
	t := v.Type()
	switch {
	case t == cty.Bool:
		return infra.BoolValue(v.True()).WithLoc(at)
	case t == cty.Number:
		bf := v.AsBigFloat()
		f, _ := bf.Float64()
		if bf.IsInt() {
			if i, acc := bf.Int64(); acc == big.Exact {
				f = float64(i)
			}
		}
		return infra.NumberValue(f).WithLoc(at)
	case t == cty.String:
		return infra.ConvertibleString(v.AsString()).WithLoc(at)
	case t.IsListType(), t.IsTupleType(), t.IsSetType():
		var elems []hcl.Expression
		if expr != nil && !t.IsSetType() {
			if es, diags := hcl.ExprList(expr); !diags.HasErrors() && len(es) == v.LengthInt() {
				elems = es
			}
		}
		items := make([]infra.Value, 0, v.LengthInt())
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			_, e := it.Element()
			var ee hcl.Expression
			if elems != nil {
				ee = elems[i]
			}
			items = append(items, l.convert(e, ee, at, why, depth+1))
		}
		return infra.ListValue(items).WithLoc(at)
	case t.IsMapType(), t.IsObjectType():
		members := map[string]hcl.Expression{}
		if expr != nil {
			if pairs, diags := hcl.ExprMap(expr); !diags.HasErrors() {
				for _, p := range pairs {
					k, d := p.Key.Value(nil)
					if d.HasErrors() || !k.IsKnown() || k.IsNull() || k.Type() != cty.String {
						continue
					}
					members[k.AsString()] = p.Value
				}
			}
		}
		fields := make([]infra.Field, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			name := k.AsString()
			fields = append(fields, infra.Field{Name: name, Value: l.convert(e, members[name], at, why, depth+1)})
		}
		return infra.ObjectValue(fields).WithLoc(at)
	}
	return infra.UnknownValue(text, "a value of a type prodgrade does not read").WithLoc(at)
}

// attrValue evaluates one attribute into a field value.
func (l *loader) attrValue(expr hcl.Expression, extra map[string]cty.Value) infra.Value {
	v, why := l.eval(expr, extra)
	return l.value(v, expr, why)
}

// body converts a block body whose schema only its plugin knows (a
// source, a provisioner, a post-processor): every attribute, and every
// nested block as an object (a block written more than once as a list),
// named as written. In JSON syntax blocks and attributes look alike: both
// become values. skip names members read separately. refs collects the
// data sources and variables the attributes use.
func (l *loader) body(b hcl.Body, extra map[string]cty.Value, skip map[string]bool, prefix string, refs *[]infra.Ref, depth int) []infra.Field {
	var fields []infra.Field
	syn, ok := b.(*hclsyntax.Body)
	if !ok {
		attrs, diags := b.JustAttributes()
		l.diagNotes(diags)
		for _, a := range sortedAttrs(attrs) {
			if skip[a.Name] {
				continue
			}
			fields = append(fields, infra.Field{Name: a.Name, Value: l.attrValue(a.Expr, extra)})
			l.addRefs(refs, prefix+a.Name, a.Expr)
		}
		return fields
	}
	names := make([]string, 0, len(syn.Attributes))
	for n := range syn.Attributes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if skip[n] {
			continue
		}
		a := syn.Attributes[n]
		fields = append(fields, infra.Field{Name: n, Value: l.attrValue(a.Expr, extra)})
		l.addRefs(refs, prefix+n, a.Expr)
	}
	if depth > maxConvertDepth {
		return fields
	}
	byType := map[string][]infra.Value{}
	var order []string
	for _, nb := range syn.Blocks {
		if skip[nb.Type] {
			continue
		}
		name := nb.Type
		var v infra.Value
		if nb.Type == "dynamic" && len(nb.Labels) > 0 {
			name = nb.Labels[0]
			v = infra.UnknownValue(l.text(nb.Range()), "a dynamic block: prodgrade does not expand it").WithLoc(loc(nb.DefRange()))
		} else {
			fs := l.body(nb.Body, extra, nil, prefix+name+".", refs, depth+1)
			v = infra.ObjectValue(fs).WithLoc(loc(nb.DefRange()))
		}
		if _, seen := byType[name]; !seen {
			order = append(order, name)
		}
		byType[name] = append(byType[name], v)
	}
	for _, n := range order {
		vs := byType[n]
		if len(vs) == 1 {
			fields = append(fields, infra.Field{Name: n, Value: vs[0]})
			continue
		}
		fields = append(fields, infra.Field{Name: n, Value: infra.ListValue(vs).WithLoc(vs[0].Loc)})
	}
	return fields
}

// addRefs records the data sources and variables an attribute uses, as
// graph edges.
func (l *loader) addRefs(refs *[]infra.Ref, attr string, expr hcl.Expression) {
	if refs == nil {
		return
	}
	seen := map[string]bool{}
	for _, t := range expr.Variables() {
		var to string
		switch t.RootName() {
		case "data":
			if len(t) >= 3 {
				a, ok1 := t[1].(hcl.TraverseAttr)
				b, ok2 := t[2].(hcl.TraverseAttr)
				if ok1 && ok2 && l.hcl.data[a.Name+"."+b.Name] {
					to = "data." + a.Name + "." + b.Name
				}
			}
		case "var":
			if len(t) >= 2 {
				if a, ok := t[1].(hcl.TraverseAttr); ok && l.hcl.vars[a.Name] != nil {
					to = "var." + a.Name
				}
			}
		}
		if to != "" && !seen[to] {
			seen[to] = true
			*refs = append(*refs, infra.Ref{Attr: attr, To: to})
		}
	}
}
