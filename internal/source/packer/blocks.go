package packer

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/prodgrade/prodgrade/internal/infra"
)

func typeField(t string, at hcl.Range) infra.Field {
	return infra.Field{Name: "type", Value: infra.StringValue(t).WithLoc(loc(at))}
}

// source makes the packer/Source of a source block.
func (l *loader) source(b *hcl.Block) *infra.Resource {
	typ, name := b.Labels[0], b.Labels[1]
	var refs []infra.Ref
	fields := l.body(b.Body, nil, nil, "", &refs, 0)
	fields = append(fields, typeField(typ, b.LabelRanges[0]))
	r := &infra.Resource{
		Kind: KindSource, Address: "source." + typ + "." + name, Name: typ + "." + name,
		Attrs: infra.ObjectValue(fields).WithLoc(loc(b.DefRange)), Loc: loc(b.DefRange),
		Origin: origin, Refs: refs,
	}
	l.resources = append(l.resources, r)
	return r
}

// data makes the packer/Data of a data block.
func (l *loader) data(b *hcl.Block) {
	typ, name := b.Labels[0], b.Labels[1]
	var refs []infra.Ref
	fields := l.body(b.Body, nil, nil, "", &refs, 0)
	fields = append(fields, typeField(typ, b.LabelRanges[0]))
	addr := "data." + typ + "." + name
	l.resources = append(l.resources, &infra.Resource{
		Kind: KindData, Address: addr, Name: addr,
		Attrs: infra.ObjectValue(fields).WithLoc(loc(b.DefRange)), Loc: loc(b.DefRange),
		Origin: origin, Refs: refs,
	})
}

var packerSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "required_version"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "required_plugins"}},
}

// settings makes the packer/Settings of the packer block.
func (l *loader) settings(b *hcl.Block) {
	content, _, diags := b.Body.PartialContent(packerSchema)
	l.diagNotes(diags)
	var fields []infra.Field
	if a := content.Attributes["required_version"]; a != nil {
		fields = append(fields, infra.Field{Name: "required_version", Value: l.attrValue(a.Expr, nil)})
	}
	var plugins []infra.Field
	for _, rp := range content.Blocks {
		attrs, diags := rp.Body.JustAttributes()
		l.diagNotes(diags)
		for _, a := range sortedAttrs(attrs) {
			plugins = append(plugins, infra.Field{Name: a.Name, Value: l.attrValue(a.Expr, nil)})
		}
	}
	if len(content.Blocks) > 0 {
		fields = append(fields, infra.Field{Name: "required_plugins", Value: infra.ObjectValue(plugins).WithLoc(loc(content.Blocks[0].DefRange))})
	}
	l.resources = append(l.resources, &infra.Resource{
		Kind: KindSettings, Address: "packer", Name: "packer",
		Attrs: infra.ObjectValue(fields).WithLoc(loc(b.DefRange)), Loc: loc(b.DefRange), Origin: origin,
	})
}

var buildSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "name"}, {Name: "description"}, {Name: "sources"}},
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "source", LabelNames: []string{"reference"}},
		{Type: "provisioner", LabelNames: []string{"type"}},
		{Type: "error-cleanup-provisioner", LabelNames: []string{"type"}},
		{Type: "post-processor", LabelNames: []string{"type"}},
		{Type: "post-processors"},
		{Type: "hcp_packer_registry"},
	},
}

var postProcessorsSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "post-processor", LabelNames: []string{"type"}}}}

// runScope is what a build's provisioners may use besides the template's
// values: source.name and source.type, unknown because one build runs them
// once per source.
var runScope = map[string]cty.Value{
	"source": cty.DynamicVal,
	"build":  cty.DynamicVal,
}

// build makes the packer/Build of a build block, the variants of the
// sources it overrides, and the shell scripts of its provisioners.
func (l *loader) build(b *hcl.Block, index int, sources map[string]*infra.Resource) {
	content, _, diags := b.Body.PartialContent(buildSchema)
	l.diagNotes(diags)
	name := fmt.Sprintf("build.%d", index)
	addr := name
	var fields []infra.Field
	nameVal := infra.NullValue()
	if a := content.Attributes["name"]; a != nil {
		nameVal = l.attrValue(a.Expr, nil)
		if s, ok := nameVal.Str(); ok && nameVal.IsKnown() && s != "" {
			name, addr = s, "build."+s
		}
	}
	fields = append(fields, infra.Field{Name: "name", Value: nameVal})
	if a := content.Attributes["description"]; a != nil {
		fields = append(fields, infra.Field{Name: "description", Value: l.attrValue(a.Expr, nil)})
	}
	r := &infra.Resource{Kind: KindBuild, Address: addr, Name: name, Loc: loc(b.DefRange), Origin: origin}

	// sources: the attribute's, then the blocks', each "TYPE.NAME".
	var srcList []infra.Value
	srcLoc := loc(b.DefRange)
	var unknownSources *infra.Value
	if a := content.Attributes["sources"]; a != nil {
		srcLoc = loc(a.Expr.Range())
		v := l.attrValue(a.Expr, nil)
		if v.Kind() == infra.List {
			for _, e := range v.List() {
				if s, ok := e.Str(); ok && e.IsKnown() {
					ref := strings.TrimPrefix(s, "source.")
					e = infra.StringValue(ref).WithLoc(e.Loc)
					l.linkSource(r, ref, sources)
				}
				srcList = append(srcList, e)
			}
		} else {
			unknownSources = &v
		}
	}
	for _, sb := range content.Blocks {
		if sb.Type != "source" {
			continue
		}
		ref := strings.TrimPrefix(sb.Labels[0], "source.")
		srcList = append(srcList, l.variant(r, sb, ref, sources))
	}
	srcVal := infra.ListValue(srcList).WithLoc(srcLoc)
	if unknownSources != nil {
		// Which sources the build runs is not known; the source blocks it
		// writes are still built, at least.
		srcVal = infra.UnknownValue(unknownSources.Expr(), unknownSources.Why()).WithLoc(unknownSources.Loc).WithMinLen(len(srcList))
	}
	fields = append(fields, infra.Field{Name: "sources", Value: srcVal})

	var provs, posts []infra.Value
	seq := 0
	for _, pb := range content.Blocks {
		switch pb.Type {
		case "provisioner", "error-cleanup-provisioner":
			p := l.provisioner(r, pb, len(provs))
			provs = append(provs, p)
		case "post-processor":
			posts = append(posts, l.postProcessor(pb, seq))
			seq++
		case "post-processors":
			inner, diags := pb.Body.Content(postProcessorsSchema)
			l.diagNotes(diags)
			if inner != nil {
				for _, ib := range inner.Blocks {
					posts = append(posts, l.postProcessor(ib, seq))
				}
			}
			seq++
		}
	}
	fields = append(fields,
		infra.Field{Name: "provisioners", Value: infra.ListValue(provs).WithLoc(loc(b.DefRange))},
		infra.Field{Name: "post_processors", Value: infra.ListValue(posts).WithLoc(loc(b.DefRange))})
	r.Attrs = infra.ObjectValue(fields).WithLoc(loc(b.DefRange))
	l.resources = append(l.resources, r)
}

// linkSource adds the edge from a build to a source it builds as written.
func (l *loader) linkSource(build *infra.Resource, ref string, sources map[string]*infra.Resource) {
	if s := sources[ref]; s != nil {
		build.Refs = append(build.Refs, infra.Ref{Attr: "sources", To: s.Address, How: infra.EdgeName})
	}
}

// variant reads a source block inside a build. One that sets nothing only
// names the source; one that sets attributes is a packer/Source of its
// own, the source's attributes with the block's merged over them.
func (l *loader) variant(build *infra.Resource, sb *hcl.Block, ref string, sources map[string]*infra.Resource) infra.Value {
	at := loc(sb.LabelRanges[0])
	base := sources[ref]
	var refs []infra.Ref
	over := l.body(sb.Body, nil, nil, "", &refs, 0)
	if len(over) == 0 {
		l.linkSource(build, ref, sources)
		return infra.StringValue(ref).WithLoc(at)
	}
	typ, _, _ := strings.Cut(ref, ".")
	shown := ref
	for _, f := range over {
		if s, ok := f.Value.Str(); f.Name == "name" && ok && f.Value.IsKnown() {
			shown = typ + "." + s
		}
	}
	var fields []infra.Field
	if base != nil {
		fields = append(fields, base.Attrs.Fields()...)
		refs = append(append([]infra.Ref(nil), base.Refs...), refs...)
	} else {
		l.note(infra.NoteError, sb.DefRange.Filename, sb.DefRange.Start.Line,
			fmt.Sprintf("the build uses source %q, which no source block declares; declare it, or fix the name", ref))
	}
	fields = append(fields, over...) // later duplicates win: the override
	fields = append(fields,
		infra.Field{Name: "build", Value: infra.StringValue(build.Address).WithLoc(loc(sb.DefRange))},
		infra.Field{Name: "variant_of", Value: infra.StringValue(ref).WithLoc(at)})
	addr := build.Address + ".source." + shown
	if base != nil {
		refs = append(refs, infra.Ref{Attr: "variant_of", To: base.Address, How: infra.EdgeName})
	}
	l.resources = append(l.resources, &infra.Resource{
		Kind: KindSource, Address: addr, Name: shown,
		Attrs: infra.ObjectValue(fields).WithLoc(loc(sb.DefRange)), Loc: loc(sb.DefRange),
		Origin: origin, Refs: refs,
	})
	build.Refs = append(build.Refs, infra.Ref{Attr: "sources", To: addr, How: infra.EdgeName})
	return infra.StringValue(shown).WithLoc(at)
}

// provisioner converts one provisioner block and hands its shell to the
// shell package.
func (l *loader) provisioner(build *infra.Resource, pb *hcl.Block, index int) infra.Value {
	typ := pb.Labels[0]
	var refs []infra.Ref
	fields := l.body(pb.Body, runScope, nil, "", &refs, 0)
	fields = append(fields, typeField(typ, pb.LabelRanges[0]))
	if pb.Type == "error-cleanup-provisioner" {
		fields = append(fields, infra.Field{Name: "error_cleanup", Value: infra.BoolValue(true).WithLoc(loc(pb.DefRange))})
	}
	p := infra.ObjectValue(fields).WithLoc(loc(pb.DefRange))
	l.shellOf(build, typ, p, index)
	return p
}

func (l *loader) postProcessor(pb *hcl.Block, seq int) infra.Value {
	fields := l.body(pb.Body, runScope, nil, "", nil, 0)
	fields = append(fields, typeField(pb.Labels[0], pb.LabelRanges[0]),
		infra.Field{Name: "sequence", Value: infra.NumberValue(float64(seq)).WithLoc(loc(pb.DefRange))})
	return infra.ObjectValue(fields).WithLoc(loc(pb.DefRange))
}

// variableResources makes one packer/Variable per variable.
func (l *loader) variableResources() {
	for name, v := range l.hcl.vars {
		fields := []infra.Field{
			{Name: "sensitive", Value: infra.BoolValue(v.sensitive)},
			{Name: "type", Value: infra.NullValue()},
			{Name: "default", Value: infra.NullValue()},
			{Name: "description", Value: infra.NullValue()},
		}
		hide := func(x infra.Value) infra.Value {
			if v.sensitive || v.secret {
				return x.WithHidden(fromSensitive)
			}
			return x
		}
		if v.typ != nil {
			fields[1].Value = infra.StringValue(l.text(v.typ.Range())).WithLoc(loc(v.typ.Range()))
		}
		if v.def != nil {
			d, why := l.evalIn(v.def, l.hcl.builtin)
			fields[2].Value = hide(l.value(d, v.def, why))
		}
		if v.desc != nil {
			d, why := l.evalIn(v.desc, l.hcl.builtin)
			fields[3].Value = l.value(d, v.desc, why)
		}
		var val infra.Value
		if v.set != nil {
			val = l.value(v.value, v.set, v.why)
		} else {
			val = infra.UnknownValue("var."+name, v.why).WithLoc(loc(v.decl)).WithPlainExpr()
		}
		fields = append(fields, infra.Field{Name: "value", Value: hide(val)})
		l.resources = append(l.resources, &infra.Resource{
			Kind: KindVariable, Address: "var." + name, Name: name,
			Attrs: infra.ObjectValue(fields).WithLoc(loc(v.decl)), Loc: loc(v.decl), Origin: origin,
		})
	}
}
