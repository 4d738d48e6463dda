package terraform

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// maxModuleDepth bounds module nesting; real configurations stay far below it,
// and it stops a module that calls itself through a path alias.
const maxModuleDepth = 32

// DefaultMaxInstances bounds the resource and module instances expanded in one
// component, so counts multiplied through nested modules cannot exhaust
// time or memory: a count or for_each beyond it is graded as one speculative
// instance, and once it is reached nothing more is expanded; both are noted.
const DefaultMaxInstances = 200_000

// scope is one module instance being evaluated: the root module, or one
// instance (count/for_each key) of a module call.
type scope struct {
	c    *componentLoader
	mod  *module
	fctx *hcl.EvalContext // functions of the module directory; parent of every expression context
	// prefix is the address prefix of the instance: "" or "module.a[0]." .
	prefix string
	// key is the module's key in .terraform/modules/modules.json: "" or "a.b".
	key   string
	depth int
	// quiet suppresses resources and notes, for a first pass over a cycle.
	quiet bool
	// speculative is set while evaluating the one instance graded for a
	// count or for_each decided at plan time: why it is speculative.
	speculative string
	// parent is the calling module instance (nil for the root), and
	// providers maps provider names the module uses ("aws", "aws.eu") to
	// the configurations its call passed in its providers argument.
	parent    *scope
	providers map[string]string
	// inputLocs say where each input variable's value was written: the
	// module call's argument (followed outwards through pass-throughs), or
	// for the root module the .tfvars line. Variables on their default
	// have none.
	inputLocs map[string]infra.Location

	vars      cty.Value // object
	path      cty.Value // path.module, path.root, path.cwd
	locals    map[string]cty.Value
	resources map[string]cty.Value // "type.name" or "data.type.name" → instance value(s)
	calls     map[string]cty.Value // call name → outputs
	outputs   map[string]cty.Value
}

// terraformObject is the terraform.* namespace; prodgrade grades the default workspace.
var terraformObject = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})

// node is one named thing in a module that others can depend on.
type node struct {
	key   string // "local.x", "aws_s3_bucket.b", "data.aws_ami.a", "module.m", "output.o"
	deps  []string
	local *hclsyntax.Attribute
	block *hclsyntax.Block
}

func newScope(c *componentLoader, mod *module, prefix, key string, depth int, vars cty.Value) *scope {
	return &scope{
		c: c, mod: mod, fctx: c.fctx, prefix: prefix, key: key, depth: depth, vars: vars,
		path:   c.pathObject(mod.dir),
		locals: map[string]cty.Value{}, resources: map[string]cty.Value{}, calls: map[string]cty.Value{}, outputs: map[string]cty.Value{},
	}
}

// pathObject is path.* as Terraform sets it when run in the root module:
// path.root is ".", path.module is relative to the root, path.cwd absolute.
// File functions resolve relative paths against the root module, so
// file("${path.module}/x") finds the file wherever prodgrade was started.
func (c *componentLoader) pathObject(dir string) cty.Value {
	rel, err := filepath.Rel(c.rootDir, dir)
	if err != nil {
		rel = dir
	}
	return cty.ObjectVal(map[string]cty.Value{
		"module": cty.StringVal(filepath.ToSlash(rel)),
		"root":   cty.StringVal("."),
		"cwd":    cty.StringVal(filepath.ToSlash(absPath(c.rootDir))),
	})
}

// run evaluates the module instance: locals, resources, data sources, module
// calls and outputs in dependency order, emitting resources to the component.
func (s *scope) run() {
	ordered, cyclic := order(s.nodes())
	if cyclic && !s.quiet {
		// A module call and a resource that feed each other (module input
		// from a resource that uses one of the module's outputs) form a
		// cycle at this granularity, though not in Terraform's finer graph.
		// A quiet first pass makes every value available; the second pass,
		// which emits, sees them.
		s.quiet = true
		s.evalNodes(ordered)
		s.quiet = false
	}
	s.evalNodes(ordered)
	s.settings()
	s.providerConfigs()
}

func (s *scope) evalNodes(ordered []*node) {
	for _, n := range ordered {
		if s.c.stopped() {
			return
		}
		if n.block != nil && n.block.Type != "output" && s.c.budget() <= 0 {
			if !s.c.budgetNoted {
				s.c.budgetNoted = true
				s.c.comp.Notes = append(s.c.comp.Notes, infra.Note{Kind: infra.NoteCoverage, File: n.block.DefRange().Filename,
					Line: n.block.DefRange().Start.Line, Col: n.block.DefRange().Start.Column,
					Message: fmt.Sprintf("this component expands to more than %d resource and module instances, the most prodgrade grades in one; the rest, from %s on, is not graded", s.c.maxInstances, s.prefix+n.key)})
			}
			return
		}
		switch {
		case n.local != nil:
			v, _ := s.eval(n.local.Expr, nil)
			s.locals[n.local.Name] = v
		case n.block.Type == "output":
			if a := n.block.Body.Attributes["value"]; a != nil {
				v, _ := s.eval(a.Expr, nil)
				s.outputs[n.block.Labels[0]] = v
			} else {
				s.outputs[n.block.Labels[0]] = cty.NullVal(cty.DynamicPseudoType)
			}
		case n.block.Type == "module":
			s.call(n.block)
		default:
			s.resource(n.block)
		}
	}
}

// emit and note report to the component, except in a quiet pass.
func (s *scope) emit(r *infra.Resource) {
	if !s.quiet {
		s.c.emit(r)
	}
}

func (s *scope) note(kind string, r hcl.Range, msg string) {
	if !s.quiet {
		s.c.comp.Notes = append(s.c.comp.Notes, infra.Note{Kind: kind, File: r.Filename, Line: int(s.mod.pos(r).Line), Message: msg})
	}
}

// calling reports whether dir is the module of this scope or of a caller:
// a module that calls itself would expand without end.
func (s *scope) calling(dir string) bool {
	for sc := s; sc != nil; sc = sc.parent {
		if filepath.Clean(sc.mod.dir) == filepath.Clean(dir) {
			return true
		}
	}
	return false
}

// resource evaluates a resource or data block into one infra.Resource per instance.
func (s *scope) resource(b *hclsyntax.Block) {
	typ, name := b.Labels[0], b.Labels[1]
	key, kind := typ+"."+name, typ
	if b.Type == "data" {
		key, kind = "data."+key, "data."+typ
	}
	keys, known, why, metaRefs := s.expand(b.Body)
	if !known {
		s.note(infra.NoteCoverage, b.DefRange(), fmt.Sprintf("%s%s: the number of instances is not known here (%s); one instance is graded", s.prefix, key, why))
	}
	values := make([]cty.Value, 0, len(keys))
	if !known {
		s.speculative = s.prefix + key + ": " + why
		defer func() { s.speculative = "" }()
	}
	for _, k := range keys {
		addr := s.prefix + key + k.suffix
		ctx := s.ctx(b.Body, k.extra)
		obj, attrs, refs := s.body(b.Body, ctx, "", true)
		refs = dedupeRefs(append(refs, s.metaRefs(b.Body, metaRefs)...))
		s.emit(&infra.Resource{
			Kind: kind, Address: addr, Name: name, Module: strings.TrimSuffix(s.prefix, "."),
			Attrs: attrs, Loc: s.loc(b.Range()), Origin: "hcl", Refs: refs,
			Provider: s.provider(providerName(b)), ValueLocs: s.valueLocs(b),
		})
		values = append(values, s.instanceValue(key, addr, obj, b.Type == "data"))
	}
	s.resources[key] = collect(b.Body, keys, values, known, s.prefix+key+": "+why)
}

// instanceValue is what expressions see for a resource instance: its written
// attributes, plus every other attribute the module reads from it as an
// unknown value explaining that Terraform computes it. The whole object
// carries a refMark so references become graph edges.
func (s *scope) instanceValue(key, addr string, written cty.Value, isData bool) cty.Value {
	attrs := map[string]cty.Value{}
	if written.Type().IsObjectType() {
		for it := written.ElementIterator(); it.Next(); {
			k, v := it.Element()
			if v.IsKnown() && v.IsNull() {
				// Written as null is not written at all: the provider may
				// compute the attribute (Optional+Computed), so reading it
				// back is unknown, never null.
				v = markedUnknown(addr + "." + k.AsString() + " is null in the configuration, so the provider decides it")
			}
			attrs[k.AsString()] = v
		}
	}
	unknown := func(n string) cty.Value {
		if isData {
			return markedUnknown(addr + " is read by Terraform at plan time")
		}
		return markedUnknown(addr + "." + n + " is known only after apply")
	}
	placeholder := func(n string) {
		if _, ok := attrs[n]; !ok {
			attrs[n] = unknown(n)
		}
	}
	if nested := s.mod.nestedNames[key]; len(nested) > 0 {
		for n, v := range attrs {
			if v.Type().IsTupleType() { // nested blocks
				attrs[n] = withComputed(v, nested, unknown)
			}
		}
	}
	for n := range s.mod.attrNames[key] {
		placeholder(n)
	}
	for n := range s.mod.splatNames {
		placeholder(n)
	}
	placeholder("id")
	placeholder("arn")
	return cty.ObjectVal(attrs).Mark(refMark{addr})
}

// withComputed adds the attributes the module reads from a written nested
// block, but which the provider computes, as unknowns to the block's objects.
func withComputed(v cty.Value, names map[string]bool, unknown func(string) cty.Value) cty.Value {
	if !v.IsKnown() || v.IsNull() || v.IsMarked() {
		return v
	}
	t := v.Type()
	switch {
	case t.IsTupleType():
		elems := make([]cty.Value, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			elems = append(elems, withComputed(e, names, unknown))
		}
		return cty.TupleVal(elems)
	case t.IsObjectType():
		attrs := make(map[string]cty.Value, len(t.AttributeTypes())+len(names))
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if e.Type().IsTupleType() {
				e = withComputed(e, names, unknown)
			}
			attrs[k.AsString()] = e
		}
		for n := range names {
			if _, ok := attrs[n]; !ok {
				attrs[n] = unknown(n)
			}
		}
		return cty.ObjectVal(attrs)
	}
	return v
}
