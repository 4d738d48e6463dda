package tfjson

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
	"strconv"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// span is a JSON value left undecoded: unlike json.RawMessage it is not
// copied but points into the document, which the loader keeps anyway, so a
// large plan is not held twice. It is decoded when its resource is
// converted, and the decoded tree is garbage as soon as that is done.
type span []byte

// UnmarshalJSON keeps b, which encoding/json passes as a slice of the
// document being decoded.
func (s *span) UnmarshalJSON(b []byte) error {
	*s = b
	return nil
}

// decodeAny decodes raw JSON keeping numbers exact until converted.
func decodeAny(raw span) any {
	if len(raw) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil
	}
	return v
}

// cfgNode is the part of a resource's configuration (its "expressions")
// at some attribute path: it tells whether the attribute is written.
type cfgNode struct {
	// all: everything below is written (an attribute expression, or no
	// configuration to go by, where unknown stays unknown to be safe).
	all bool
	// missing: the attribute or block is not written. Below a missing
	// block, everything counts as written: a block that is in the plan but
	// not in the configuration was made by a dynamic block, which the
	// configuration section does not record.
	missing bool
	// blocks are the nested block bodies at this path (name → expression
	// or nested block).
	blocks []map[string]any
	// refs: the attribute is written as an expression with references
	// (var.x, data.y.z), so its value comes from outside the text.
	refs bool
}

var cfgAll = cfgNode{all: true}

func newCfgNode(expressions map[string]any) cfgNode {
	return cfgNode{blocks: []map[string]any{expressions}}
}

func (c cfgNode) written() bool { return c.all }

// child is the node for the attribute or nested block name.
func (c cfgNode) child(name string) cfgNode {
	if c.all || c.missing {
		return cfgAll
	}
	var out cfgNode
	for _, b := range c.blocks {
		switch v := b[name].(type) {
		case map[string]any:
			if isNullConstant(v) {
				continue // name = null is not written: the provider default applies
			}
			if isExpr(v) {
				_, refs := v["references"]
				return cfgNode{all: true, refs: refs}
			}
			out.blocks = append(out.blocks, v)
		case []any:
			for _, e := range v {
				if m, ok := e.(map[string]any); ok {
					out.blocks = append(out.blocks, m)
				}
			}
		}
	}
	if len(out.blocks) == 0 {
		out.missing = true
	}
	return out
}

// isNullConstant is the expression of name = null: {"constant_value": null}.
func isNullConstant(m map[string]any) bool {
	c, ok := m["constant_value"]
	_, refs := m["references"]
	return ok && c == nil && !refs && len(m) == 1
}

// isExpr tells an expression ({"references": [...]}, {"constant_value": x},
// or {} for an expression that is neither) from a nested block body.
func isExpr(m map[string]any) bool {
	if len(m) == 0 {
		return true
	}
	if r, ok := m["references"]; ok {
		if _, isList := r.([]any); isList {
			return true
		}
	}
	_, ok := m["constant_value"]
	return ok
}

// converter turns after / after_unknown / after_sensitive trees into a Value.
type converter struct {
	addr string
	// names holds one copy of each attribute name: decoding gives every
	// occurrence its own string, and a plan repeats the same few hundred
	// names over thousands of resources.
	names map[string]string
	stack []infra.Field
}

func (c *converter) name(k string) string {
	if c.names == nil {
		return k
	}
	if n, ok := c.names[k]; ok {
		return n
	}
	c.names[k] = k
	return k
}

// value converts after at path. ok is false for an attribute that must be
// left absent: unknown in the plan but not written in the configuration
// (Optional+Computed, so the provider default applies).
func (c *converter) value(after, unk, sens any, path string, cfg cfgNode, sensitive bool) (v infra.Value, ok bool) {
	if sens == true {
		sensitive = true
	}
	if unk == true {
		if !cfg.written() {
			return infra.NullValue(), false
		}
		return infra.UnknownValue(join(c.addr, path), "known only after apply").WithSensitive(sensitive), true
	}
	switch a := after.(type) {
	case nil:
		v = infra.NullValue()
	case bool:
		v = infra.BoolValue(a)
	case json.Number:
		f, err := strconv.ParseFloat(string(a), 64)
		if err != nil {
			v = infra.ConvertibleString(string(a))
		} else {
			v = infra.NumberValue(f)
		}
	case float64:
		v = infra.NumberValue(a)
	case string:
		v = infra.ConvertibleString(a)
	case []any:
		ul, _ := unk.([]any)
		sl, _ := sens.([]any)
		items := make([]infra.Value, len(a))
		for i, e := range a {
			item, ok := c.value(e, at(ul, i), at(sl, i), path+"["+strconv.Itoa(i)+"]", cfg, sensitive)
			if !ok {
				item = infra.NullValue()
			}
			items[i] = item
		}
		v = infra.ListValue(items)
	case map[string]any:
		um, _ := unk.(map[string]any)
		sm, _ := sens.(map[string]any)
		names := make([]string, 0, len(a)+len(um))
		for k := range a {
			names = append(names, k)
		}
		for k, u := range um {
			if _, in := a[k]; !in && u == true {
				names = append(names, k)
			}
		}
		sort.Strings(names)
		// Members are gathered on a stack shared by the whole conversion and
		// copied out at their exact number: most of a plan's memory is these
		// slices, and many names are dropped (nulls, unwritten unknowns).
		start := len(c.stack)
		for _, k := range names {
			fv, ok := c.value(a[k], um[k], sm[k], join(path, k), cfg.child(k), sensitive)
			if ok && !fv.IsNull() {
				c.stack = append(c.stack, infra.Field{Name: c.name(k), Value: fv})
			}
		}
		v = infra.ObjectValue(slices.Clone(c.stack[start:]))
		clear(c.stack[start:])
		c.stack = c.stack[:start]
	default:
		v = infra.NullValue()
	}
	v = v.WithSensitive(sensitive)
	if cfg.refs {
		// Below an expression every node is cfgAll, so nothing inside
		// is marked yet: mark it all once, here.
		v = v.WithExternal(true)
	}
	return v, true
}

func at(l []any, i int) any {
	if i < len(l) {
		return l[i]
	}
	return nil
}

// attrs converts a resource's whole attribute object.
func (c *converter) attrs(after, unk, sens any, cfg cfgNode) infra.Value {
	if _, isObj := after.(map[string]any); !isObj {
		after = map[string]any{}
	}
	v, _ := c.value(after, unk, sens, "", cfg, false)
	return v
}

// sensitiveTree turns a raw state's sensitive_attributes (a list of paths of
// {"type": "get_attr"|"index", "value": ...} steps) into the same tree shape
// as a plan's after_sensitive.
func sensitiveTree(paths []any) any {
	var root any
	for _, p := range paths {
		steps, _ := p.([]any)
		if len(steps) == 0 {
			continue
		}
		root = setPath(root, steps)
	}
	return root
}

func setPath(node any, steps []any) any {
	if len(steps) == 0 {
		return true
	}
	if node == true {
		return true
	}
	st, _ := steps[0].(map[string]any)
	var key any
	switch st["type"] {
	case "get_attr":
		key, _ = st["value"].(string)
	case "index":
		if iv, ok := st["value"].(map[string]any); ok {
			key = iv["value"]
		} else {
			key = st["value"]
		}
	}
	switch k := key.(type) {
	case string:
		m, ok := node.(map[string]any)
		if !ok {
			m = map[string]any{}
		}
		m[k] = setPath(m[k], steps[1:])
		return m
	case json.Number:
		i, err := strconv.Atoi(string(k))
		if err != nil || i < 0 || i > 1<<16 {
			return node
		}
		l, _ := node.([]any)
		for len(l) <= i {
			l = append(l, nil)
		}
		l[i] = setPath(l[i], steps[1:])
		return l
	}
	return node
}
