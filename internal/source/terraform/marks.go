package terraform

import (
	"math/big"
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
func toInfra(v cty.Value, pos infra.Pos, expr string) converted {
	if !v.ContainsMarked() {
		return converted{value: plainToInfra(v, pos, expr, "")}
	}
	plain, pvm := v.UnmarkDeepWithPaths()
	var refs, causes []string
	for _, pm := range pvm {
		for m := range pm.Marks {
			switch m := m.(type) {
			case refMark:
				refs = append(refs, m.addr)
			case causeMark:
				causes = append(causes, m.why)
			}
		}
	}
	why := joinCauses(causes)
	return converted{value: plainToInfra(plain, pos, expr, why), refs: dedupe(refs)}
}

func plainToInfra(v cty.Value, pos infra.Pos, expr, why string) infra.Value {
	if !v.IsKnown() {
		if why == "" {
			why = "computed by Terraform"
		}
		u := infra.UnknownValue(expr, why).WithPos(pos)
		if t := v.Type(); t.IsObjectType() {
			u = u.WithMinLen(len(t.AttributeTypes()))
		} else if t.IsCollectionType() {
			u = u.WithMinLen(v.Range().LengthLowerBound())
		}
		return u
	}
	if v.IsNull() {
		return infra.NullValue().WithPos(pos)
	}
	t := v.Type()
	switch {
	case t == cty.Bool:
		return infra.BoolValue(v.True()).WithPos(pos)
	case t == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		if v.AsBigFloat().IsInt() {
			if i, acc := v.AsBigFloat().Int64(); acc == big.Exact {
				f = float64(i)
			}
		}
		return infra.NumberValue(f).WithPos(pos)
	case t == cty.String:
		return infra.StringValue(v.AsString()).WithPos(pos)
	case t.IsListType(), t.IsSetType(), t.IsTupleType():
		items := make([]infra.Value, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			items = append(items, plainToInfra(e, pos, expr, why))
		}
		return infra.ListValue(items).WithPos(pos)
	case t.IsMapType(), t.IsObjectType():
		fields := make([]infra.Field, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			fields = append(fields, infra.Field{Name: k.AsString(), Value: plainToInfra(e, pos, expr, why)})
		}
		return infra.ObjectValue(fields).WithPos(pos)
	}
	return infra.UnknownValue(expr, "value of type "+t.FriendlyName()+" is not supported").WithPos(pos)
}

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
