package terraform

import (
	"sort"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/dynblock"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/zclconf/go-cty/cty"
)

// Conversion of a block body (attributes, nested and dynamic blocks) into
// the value prodgrade's rules read.

// skipped are nested blocks and meta-arguments that are not configuration of
// the resource itself, or that hold references rather than values.
var skipped = map[string]bool{
	"count": true, "for_each": true, "depends_on": true, "provider": true,
	"provisioner": true, "connection": true,
}

// body evaluates a block body without a schema: every attribute written,
// nested blocks as lists of objects, dynamic blocks expanded with hcl's
// dynblock. It returns the cty object (for expressions), the infra value (for
// rules), and the references found, keyed by attribute path.
func (s *scope) body(syn *hclsyntax.Body, ctx *hcl.EvalContext, path string, top bool) (cty.Value, infra.Value, []infra.Ref) {
	if !hasDynamic(syn) {
		// Most bodies have no dynamic blocks: read the syntax directly and
		// skip dynblock's schema decoding, the larger part of the cost.
		attrs := make([]attrIn, 0, len(syn.Attributes))
		for name, a := range syn.Attributes {
			attrs = append(attrs, attrIn{name, a.Expr})
		}
		blocks := make([]blockIn, 0, len(syn.Blocks))
		for _, b := range syn.Blocks {
			blocks = append(blocks, blockIn{typ: b.Type, def: b.DefRange(), syn: b.Body})
		}
		return s.members(attrs, blocks, nil, syn, ctx, path, top)
	}
	return s.expandedBody(dynblock.Expand(syn, ctx), syn, ctx, path, top)
}

// attrIn and blockIn are a body's members, from the syntax or from dynblock.
type attrIn struct {
	name string
	expr hcl.Expression
}

type blockIn struct {
	typ  string
	def  hcl.Range
	body hcl.Body // the dynblock-expanded body; nil when read from syntax
	syn  *hclsyntax.Body
}

func hasDynamic(b *hclsyntax.Body) bool {
	for _, nb := range b.Blocks {
		if nb.Type == "dynamic" || hasDynamic(nb.Body) {
			return true
		}
	}
	return false
}

// expandedBody reads a dynblock-expanded body, with a schema taken from its syntax.
func (s *scope) expandedBody(body hcl.Body, syn *hclsyntax.Body, ctx *hcl.EvalContext, path string, top bool) (cty.Value, infra.Value, []infra.Ref) {
	schema := &hcl.BodySchema{}
	for name := range syn.Attributes {
		schema.Attributes = append(schema.Attributes, hcl.AttributeSchema{Name: name})
	}
	seenBlock := map[string]bool{}
	for _, b := range syn.Blocks {
		t, labels := b.Type, len(b.Labels)
		if t == "dynamic" {
			if labels == 0 {
				continue
			}
			t, labels = b.Labels[0], 0
		}
		if seenBlock[t] {
			continue
		}
		seenBlock[t] = true
		names := make([]string, labels)
		for i := range names {
			names[i] = "label" + strconv.Itoa(i)
		}
		schema.Blocks = append(schema.Blocks, hcl.BlockHeaderSchema{Type: t, LabelNames: names})
	}
	content, _, _ := body.PartialContent(schema)
	var marks cty.ValueMarks
	if mb, ok := body.(interface{ BodyValueMarks() cty.ValueMarks }); ok {
		marks = mb.BodyValueMarks()
	}
	var attrs []attrIn
	var blocks []blockIn
	if content != nil {
		for name, a := range content.Attributes {
			attrs = append(attrs, attrIn{name, a.Expr})
		}
		for _, b := range content.Blocks {
			if inner := syntaxBodyFor(syn, b); inner != nil {
				blocks = append(blocks, blockIn{typ: b.Type, def: b.DefRange, body: b.Body, syn: inner})
			}
		}
	}
	return s.members(attrs, blocks, marks, syn, ctx, path, top)
}

// members evaluates a body's attributes and nested blocks.
func (s *scope) members(attrs []attrIn, blocks []blockIn, marks cty.ValueMarks, syn *hclsyntax.Body, ctx *hcl.EvalContext, path string, top bool) (cty.Value, infra.Value, []infra.Ref) {
	ctyAttrs := make(map[string]cty.Value, len(attrs)+len(blocks))
	fields := make([]infra.Field, 0, len(attrs)+len(blocks))
	var refs []infra.Ref
	for _, a := range attrs {
		if top && skipped[a.name] {
			continue
		}
		v := s.evalIn(a.expr, ctx)
		if len(marks) > 0 {
			v = v.WithMarks(marks)
		}
		ap := join(path, a.name)
		conv := toInfra(v, s.mod.loc(a.expr.Range()), s.text(a.expr.Range()))
		for _, r := range conv.refs {
			refs = append(refs, infra.Ref{Attr: ap, To: r})
		}
		ctyAttrs[a.name] = v
		fields = append(fields, infra.Field{Name: a.name, Value: conv.value})
	}
	// Group blocks by type, keeping source order within a type and the order
	// in which types first appear.
	firstSeen := map[string]int{}
	for i, b := range blocks {
		if _, ok := firstSeen[b.typ]; !ok {
			firstSeen[b.typ] = i
		}
	}
	sort.SliceStable(blocks, func(i, j int) bool { return firstSeen[blocks[i].typ] < firstSeen[blocks[j].typ] })
	for i := 0; i < len(blocks); {
		t := blocks[i].typ
		if top && skipped[t] {
			i++
			continue
		}
		ap := join(path, t)
		var ctyList []cty.Value
		var items []infra.Value
		first := blocks[i].def
		for ; i < len(blocks) && blocks[i].typ == t; i++ {
			b := blocks[i]
			var cv cty.Value
			var iv infra.Value
			var rs []infra.Ref
			switch {
			case top && t == "lifecycle":
				cv, iv = s.lifecycle(b.syn, ctx)
			case b.body != nil:
				cv, iv, rs = s.expandedBody(b.body, b.syn, ctx, ap, false)
			default:
				cv, iv, rs = s.body(b.syn, ctx, ap, false)
			}
			ctyList = append(ctyList, cv)
			items = append(items, iv.WithLoc(s.mod.loc(b.def)))
			refs = append(refs, rs...)
		}
		ctyAttrs[t] = cty.TupleVal(ctyList)
		fields = append(fields, infra.Field{Name: t, Value: infra.ListValue(items).WithLoc(s.mod.loc(first))})
	}
	return cty.ObjectVal(ctyAttrs), infra.ObjectValue(fields).WithLoc(s.mod.loc(syn.SrcRange)), refs
}

// lifecycle keeps the settings rules care about; ignore_changes and
// replace_triggered_by hold bare references, not values.
func (s *scope) lifecycle(syn *hclsyntax.Body, ctx *hcl.EvalContext) (cty.Value, infra.Value) {
	ctyAttrs := map[string]cty.Value{}
	var fields []infra.Field
	for _, name := range []string{"create_before_destroy", "prevent_destroy"} {
		if a := syn.Attributes[name]; a != nil {
			v := s.evalIn(a.Expr, ctx)
			ctyAttrs[name] = v
			fields = append(fields, infra.Field{Name: name, Value: toInfra(v, s.mod.loc(a.Expr.Range()), s.text(a.Expr.Range())).value})
		}
	}
	return cty.ObjectVal(ctyAttrs), infra.ObjectValue(fields).WithLoc(s.mod.loc(syn.SrcRange))
}

// syntaxBodyFor finds the syntax of a block that dynblock produced: the block
// itself, or for a generated block the content of its dynamic block, found by
// the definition range dynblock keeps.
func syntaxBodyFor(parent *hclsyntax.Body, b *hcl.Block) *hclsyntax.Body {
	for _, sb := range parent.Blocks {
		if sb.DefRange().Start.Byte != b.DefRange.Start.Byte {
			continue
		}
		if sb.Type != "dynamic" {
			return sb.Body
		}
		for _, c := range sb.Body.Blocks {
			if c.Type == "content" {
				return c.Body
			}
		}
	}
	return nil
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
