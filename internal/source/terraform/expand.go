package terraform

import (
	"fmt"
	"math/big"
	"strconv"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Expansion of count and for_each into instances.

// instanceKey is one expansion of count or for_each.
type instanceKey struct {
	suffix string               // "", "[0]", `["a"]`, or "" for an unknown expansion
	extra  map[string]cty.Value // count / each
}

// expand evaluates count and for_each. known is false when Terraform
// decides the expansion at plan time; one instance is then graded, with
// count.index / each.* unknown, so its settings are still checked.
func (s *scope) expand(body *hclsyntax.Body) (keys []instanceKey, known bool, why string, refs []string) {
	if a := body.Attributes["count"]; a != nil {
		v, _ := s.eval(a.Expr, nil)
		refs = refsOf(v)
		v, _ = v.Unmark()
		if !v.IsKnown() || v.IsNull() {
			why = "count = " + s.text(a.Expr.Range()) + " is decided at plan time"
			idx := cty.UnknownVal(cty.Number).Mark(causeMark{"count.index: " + why})
			return []instanceKey{{extra: map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": idx})}}}, false, why, refs
		}
		n, err := convert.Convert(v, cty.Number)
		var c int64
		if err == nil {
			var acc big.Accuracy
			c, acc = n.AsBigFloat().Int64()
			if acc != big.Exact || c < 0 {
				err = fmt.Errorf("not a whole number")
			}
		}
		if err != nil {
			why = "count = " + s.text(a.Expr.Range()) + " is not a whole number, which Terraform rejects"
			idx := cty.UnknownVal(cty.Number).Mark(causeMark{"count.index: " + why})
			return []instanceKey{{extra: map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": idx})}}}, false, why, refs
		}
		if c > s.c.budget() {
			why = fmt.Sprintf("count = %d is more instances than prodgrade grades in one component (%d)", c, s.c.maxInstances)
			idx := cty.UnknownVal(cty.Number).Mark(causeMark{"count.index: " + why})
			return []instanceKey{{extra: map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": idx})}}}, false, why, refs
		}
		s.c.instances += c
		for i := int64(0); i < c; i++ {
			keys = append(keys, instanceKey{suffix: "[" + strconv.FormatInt(i, 10) + "]",
				extra: map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(i)})}})
		}
		return keys, true, "", refs
	}
	if a := body.Attributes["for_each"]; a != nil {
		v, _ := s.eval(a.Expr, nil)
		refs = refsOf(v)
		if h, ok := hiddenIn(v); ok && h.from != fromFileRead {
			// Instance keys are printed in every address. Terraform rejects
			// sensitive keys; keys given at run time are not shown either.
			why = "for_each = " + s.text(a.Expr.Range()) + " uses " + h.from + ", which is never printed, so its keys are not expanded"
			if h.from == fromSensitive {
				why = "for_each = " + s.text(a.Expr.Range()) + " uses a sensitive value, which Terraform rejects"
			}
			cause := causeMark{"each: " + why}
			each := cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String).Mark(cause), "value": cty.DynamicVal.Mark(cause)})
			return []instanceKey{{extra: map[string]cty.Value{"each": each}}}, false, why, refs
		}
		v, vm := v.Unmark()
		// each.value keeps where the collection was written (originMark):
		// a value taken from it is reported at its caller's line.
		origins := cty.ValueMarks{}
		for m := range vm {
			if _, ok := m.(originMark); ok {
				origins[m] = struct{}{}
			}
		}
		// Terraform needs the keys, not the values, at plan time: a map of
		// resource ids expands; a set must be wholly known, as its elements are its keys.
		if !v.IsKnown() || v.IsNull() || !v.CanIterateElements() || (v.Type().IsSetType() && !v.IsWhollyKnown()) {
			why = "for_each = " + s.text(a.Expr.Range()) + " is decided at plan time"
			cause := causeMark{"each: " + why}
			each := cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String).Mark(cause), "value": cty.DynamicVal.Mark(cause)})
			return []instanceKey{{extra: map[string]cty.Value{"each": each}}}, false, why, refs
		}
		if t := v.Type(); t.IsListType() || t.IsTupleType() {
			why = "for_each = " + s.text(a.Expr.Range()) + " is a list, which Terraform rejects (it needs a map or a set of strings: toset())"
			cause := causeMark{"each: " + why}
			each := cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String).Mark(cause), "value": cty.DynamicVal.Mark(cause)})
			return []instanceKey{{extra: map[string]cty.Value{"each": each}}}, false, why, refs
		}
		n := int64(v.LengthInt())
		if n > s.c.budget() {
			why = fmt.Sprintf("for_each over %d elements is more instances than prodgrade grades in one component (%d)", n, s.c.maxInstances)
			cause := causeMark{"each: " + why}
			each := cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String).Mark(cause), "value": cty.DynamicVal.Mark(cause)})
			return []instanceKey{{extra: map[string]cty.Value{"each": each}}}, false, why, refs
		}
		s.c.instances += n
		isSet := v.Type().IsSetType()
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if isSet {
				k = e
			}
			k, _ = k.UnmarkDeep()
			ks, err := convert.Convert(k, cty.String)
			if err != nil || ks.IsNull() {
				continue
			}
			key := ks.AsString()
			keys = append(keys, instanceKey{suffix: "[" + infra.QuoteKey(key) + "]",
				extra: map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": cty.StringVal(key), "value": e.WithMarks(origins)})}})
		}
		return keys, true, "", refs
	}
	// A block with neither is one instance; it counts too, or module calls
	// nested a few times over could still multiply without bound.
	s.c.instances++
	return []instanceKey{{}}, true, "", nil
}

// collect packs instance values as Terraform exposes them to expressions:
// a tuple for count, an object for for_each, the object itself otherwise.
// When the expansion is unknown, the value is unknown but still carries the
// graded instance's marks, so references to it become edges.
func collect(body *hclsyntax.Body, keys []instanceKey, values []cty.Value, known bool, why string) cty.Value {
	switch {
	case !known:
		marks := cty.NewValueMarks(causeMark{why})
		for m := range deepMarks(values[0]) {
			if _, ok := m.(refMark); ok {
				marks[m] = struct{}{}
			}
		}
		return cty.DynamicVal.WithMarks(marks)
	case body.Attributes["count"] != nil:
		return cty.TupleVal(values)
	case body.Attributes["for_each"] != nil:
		m := make(map[string]cty.Value, len(values))
		for i, k := range keys {
			m[k.extra["each"].GetAttr("key").AsString()] = values[i]
		}
		return cty.ObjectVal(m)
	}
	return values[0]
}
