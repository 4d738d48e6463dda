package terraform

import (
	"fmt"
	"math/big"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/dynblock"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// maxModuleDepth bounds module nesting; real configurations stay far below it,
// and it stops a module that calls itself through a path alias.
const maxModuleDepth = 32

// maxInstances bounds the resource and module instances expanded in one
// component, so counts multiplied through nested modules cannot exhaust
// time or memory; beyond it an expansion is graded as one speculative
// instance, with a note.
const maxInstances = 200_000

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

func (s *scope) nodes() []*node {
	m := s.mod
	known := map[string]bool{}
	var nodes []*node
	add := func(n *node) {
		if !known[n.key] {
			known[n.key] = true
			nodes = append(nodes, n)
		}
	}
	for _, a := range m.locals {
		add(&node{key: "local." + a.Name, local: a})
	}
	for _, b := range m.resources {
		k := b.Labels[0] + "." + b.Labels[1]
		if b.Type == "data" {
			k = "data." + k
		}
		add(&node{key: k, block: b})
	}
	for _, b := range m.calls {
		add(&node{key: "module." + b.Labels[0], block: b})
	}
	for _, b := range m.outputs {
		add(&node{key: "output." + b.Labels[0], block: b})
	}
	for _, n := range nodes {
		var syn hclsyntax.Node
		if n.local != nil {
			syn = n.local.Expr
		} else {
			syn = n.block.Body
		}
		for _, t := range s.mod.traversals(syn) {
			if k := depKey(t); k != "" && known[k] && k != n.key {
				n.deps = append(n.deps, k)
			}
		}
	}
	return nodes
}

// depKey names the node a traversal depends on, or "" for inputs that are
// always available (var, count, each, path, terraform).
func depKey(t hcl.Traversal) string {
	root := t.RootName()
	attr := func(i int) string {
		if i < len(t) {
			if a, ok := t[i].(hcl.TraverseAttr); ok {
				return a.Name
			}
		}
		return ""
	}
	switch root {
	case "var", "count", "each", "path", "terraform", "self":
		return ""
	case "local", "module":
		if a := attr(1); a != "" {
			return root + "." + a
		}
	case "data":
		if a, b := attr(1), attr(2); a != "" && b != "" {
			return "data." + a + "." + b
		}
	default:
		if a := attr(1); a != "" {
			return root + "." + a
		}
	}
	return ""
}

// order sorts nodes so dependencies come first, keeping source order
// otherwise. Cycles are broken where found and reported: the node evaluated
// early sees unknown values, never an error.
func order(nodes []*node) (out []*node, cyclic bool) {
	byKey := make(map[string]*node, len(nodes))
	for _, n := range nodes {
		byKey[n.key] = n
	}
	state := make(map[string]uint8, len(nodes))
	out = make([]*node, 0, len(nodes))
	var visit func(n *node)
	visit = func(n *node) {
		if state[n.key] == 1 {
			cyclic = true
		}
		if state[n.key] != 0 {
			return
		}
		state[n.key] = 1
		for _, d := range n.deps {
			visit(byKey[d])
		}
		state[n.key] = 2
		out = append(out, n)
	}
	for _, n := range nodes {
		visit(n)
	}
	return out, cyclic
}

// traversals lists the variable references in a syntax node, including those
// inside nested and dynamic blocks; those of top-level blocks were recorded
// when the module was parsed.
func (m *module) traversals(n hclsyntax.Node) []hcl.Traversal {
	if b, ok := n.(*hclsyntax.Body); ok {
		if ts, ok := m.refs[b]; ok {
			return ts
		}
	}
	var out []hcl.Traversal
	hclsyntax.VisitAll(n, func(n hclsyntax.Node) hcl.Diagnostics {
		if e, ok := n.(*hclsyntax.ScopeTraversalExpr); ok {
			out = append(out, e.Traversal)
		}
		return nil
	})
	return out
}

// ctx builds an evaluation context holding just the values the given syntax
// refers to, so a module with thousands of resources never rebuilds one huge object.
func (s *scope) ctx(syn hclsyntax.Node, extra map[string]cty.Value) *hcl.EvalContext {
	vars := map[string]cty.Value{"var": s.vars, "path": s.path, "terraform": terraformObject}
	groups := map[string]map[string]cty.Value{}
	put := func(group, name string, v cty.Value) {
		if groups[group] == nil {
			groups[group] = map[string]cty.Value{}
		}
		groups[group][name] = v
	}
	data := map[string]map[string]cty.Value{}
	if syn != nil {
		for _, t := range s.mod.traversals(syn) {
			k := depKey(t)
			if k == "" {
				continue
			}
			kind, name, _ := strings.Cut(k, ".")
			switch kind {
			case "local":
				v, ok := s.locals[name]
				if !ok {
					v = markedUnknown("local." + name + " is not defined or depends on itself")
				}
				put("local", name, v)
			case "module":
				v, ok := s.calls[name]
				if !ok {
					v = markedUnknown("module." + name + " is not defined or depends on itself")
				}
				put("module", name, v)
			case "data":
				typ, n, _ := strings.Cut(name, ".")
				v, ok := s.resources[k]
				if !ok {
					v = markedUnknown(k + " is not defined in this module")
				}
				if data[typ] == nil {
					data[typ] = map[string]cty.Value{}
				}
				data[typ][n] = v
			default:
				if v, ok := s.resources[k]; ok {
					put(kind, name, v)
				} else if s.mod.hasResource(k) {
					put(kind, name, markedUnknown(k+" depends on itself"))
				}
			}
		}
	}
	for g, m := range groups {
		vars[g] = cty.ObjectVal(m)
	}
	if len(data) > 0 {
		d := make(map[string]cty.Value, len(data))
		for t, m := range data {
			d[t] = cty.ObjectVal(m)
		}
		vars["data"] = cty.ObjectVal(d)
	}
	for k, v := range extra {
		vars[k] = v
	}
	ctx := s.fctx.NewChild()
	ctx.Variables = vars
	return ctx
}

// eval evaluates one expression. An expression Terraform would reject, or
// one that uses something prodgrade does not model, becomes an unknown value
// explaining why; it never stops the scan.
func (s *scope) eval(expr hclsyntax.Expression, extra map[string]cty.Value) (cty.Value, *hcl.EvalContext) {
	ctx := s.ctx(expr, extra)
	return s.evalIn(expr, ctx), ctx
}

func (s *scope) evalIn(expr hcl.Expression, ctx *hcl.EvalContext) (v cty.Value) {
	defer func() {
		// cty panics on a few misuses of marked values deep inside functions;
		// one odd expression must not end the scan.
		if p := recover(); p != nil {
			v = markedUnknown(fmt.Sprintf("prodgrade could not evaluate %s: %v", s.text(expr.Range()), p))
		}
	}()
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		if from, ok := hiddenInput(expr, ctx); ok {
			// Terraform's error text can quote the value it could not use.
			return markedUnknown(s.explainWithout(from))
		}
		return markedUnknown(s.explain(diags))
	}
	if !v.IsWhollyKnown() && !hasCause(v) {
		// Some of hcl's expressions (for, can) return a bare unknown when
		// their input is unknown, dropping its marks; take them back from
		// the values the expression reads, so the unknown says why and its
		// references stay edges.
		for _, t := range expr.Variables() {
			if tv, d := t.TraverseAbs(ctx); !d.HasErrors() {
				v = v.WithMarks(deepMarks(tv))
			}
		}
	}
	return v
}

// hasCause reports a value that carries a reason for being unknown.
func hasCause(v cty.Value) bool {
	for m := range deepMarks(v) {
		if _, ok := m.(causeMark); ok {
			return true
		}
	}
	return false
}

// explain turns an evaluation error into the reason a value is unknown.
// Terraform rejects such an expression too, unless the instance is graded
// speculatively (its count or for_each is decided at plan time, and
// Terraform might create no instance at all).
func (s *scope) explain(diags hcl.Diagnostics) string {
	msg := firstError(diags)
	if s.speculative != "" {
		return s.speculative + "; on the one instance graded meanwhile: " + msg
	}
	return "Terraform would reject this expression: " + msg
}

// explainWithout is explain for an error whose text is not shown, because
// the expression reads a hidden value.
func (s *scope) explainWithout(from string) string {
	msg := "Terraform would reject this expression (the error is not shown: it may quote " + from + ")"
	if s.speculative != "" {
		return s.speculative + "; on the one instance graded meanwhile: " + msg
	}
	return msg
}

// hiddenInput reports whether an expression reads a hidden value: a
// variable, local or attribute that carries a hidden mark, or a call to a
// function that reads files or marks values sensitive. It says where the
// value came from.
func hiddenInput(expr hcl.Expression, ctx *hcl.EvalContext) (string, bool) {
	for _, t := range expr.Variables() {
		if tv, d := t.TraverseAbs(ctx); !d.HasErrors() {
			if h, ok := hiddenIn(tv); ok {
				return h.from, true
			}
		}
	}
	from := ""
	if syn, ok := expr.(hclsyntax.Expression); ok {
		hclsyntax.VisitAll(syn, func(n hclsyntax.Node) hcl.Diagnostics {
			if call, ok := n.(*hclsyntax.FunctionCallExpr); ok && from == "" {
				switch name := strings.TrimPrefix(call.Name, "core::"); {
				case fileReadingFuncs[name]:
					from = fromFileRead
				case name == "sensitive":
					from = fromSensitive
				}
			}
			return nil
		})
	}
	return from, from != ""
}

func firstError(diags hcl.Diagnostics) string {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			return diagText(d)
		}
	}
	return "evaluation failed"
}

// text returns the source of a range, shortened, for messages about unknowns.
func (s *scope) text(r hcl.Range) string {
	src := s.mod.files[r.Filename]
	if r.Start.Byte < 0 || r.End.Byte > len(src) || r.Start.Byte > r.End.Byte {
		return ""
	}
	t := strings.Join(strings.Fields(string(src[r.Start.Byte:r.End.Byte])), " ")
	if len(t) > 120 {
		t = t[:117] + "..."
	}
	return t
}

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
			why = fmt.Sprintf("count = %d is more instances than prodgrade grades in one component (%d)", c, maxInstances)
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
		v, _ = v.Unmark()
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
			why = fmt.Sprintf("for_each over %d elements is more instances than prodgrade grades in one component (%d)", n, maxInstances)
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
				extra: map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": cty.StringVal(key), "value": e})}})
		}
		return keys, true, "", refs
	}
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

func pos(r hcl.Range) infra.Pos {
	return infra.Pos{Line: int32(r.Start.Line), Col: int32(r.Start.Column), EndLine: int32(r.End.Line), EndCol: int32(r.End.Column)}
}

func (s *scope) loc(r hcl.Range) infra.Location {
	return infra.Location{File: r.Filename, Pos: s.mod.pos(r)}
}

func (m *module) hasResource(key string) bool {
	for _, b := range m.resources {
		k := b.Labels[0] + "." + b.Labels[1]
		if b.Type == "data" {
			k = "data." + k
		}
		if k == key {
			return true
		}
	}
	return false
}

// call evaluates a module call: each instance's inputs, then the child
// module, whose outputs become module.<name>.
func (s *scope) call(b *hclsyntax.Block) {
	name := b.Labels[0]
	addr := s.prefix + "module." + name
	source, version := literalString(b.Body, "source"), literalString(b.Body, "version")
	callAttrs := []infra.Field{{Name: "source", Value: infra.StringValue(source).WithLoc(s.attrLoc(b.Body, "source"))}}
	if version != "" {
		callAttrs = append(callAttrs, infra.Field{Name: "version", Value: infra.StringValue(version).WithLoc(s.attrLoc(b.Body, "version"))})
	}
	s.emit(&infra.Resource{Kind: "module", Address: addr, Name: name, Module: strings.TrimSuffix(s.prefix, "."),
		Attrs: infra.ObjectValue(callAttrs), Loc: s.loc(b.Range()), Origin: "hcl"})

	childKey := join(s.key, name)
	dir, why := s.c.resolveModule(s.mod.dir, source, childKey)
	if dir != "" && s.calling(dir) {
		dir, why = "", "the module calls itself (Terraform cannot build such a configuration)"
	}
	if dir == "" || s.depth >= maxModuleDepth {
		if dir != "" {
			why = fmt.Sprintf("module nesting deeper than %d levels", maxModuleDepth)
		}
		if !s.quiet {
			s.c.comp.Unexpanded++
		}
		s.note(infra.NoteCoverage, b.DefRange(), fmt.Sprintf("%s was not expanded: %s; its resources are not graded", addr, why))
		s.calls[name] = markedUnknown(addr + " was not expanded (" + why + ")")
		return
	}
	child := s.c.module(dir)

	keys, known, why, _ := s.expand(b.Body)
	values := make([]cty.Value, 0, len(keys))
	for _, k := range keys {
		ctx := s.ctx(b.Body, k.extra)
		inputs := map[string]cty.Value{}
		locs := map[string]infra.Location{}
		for n, a := range b.Body.Attributes {
			switch n {
			case "source", "version", "count", "for_each", "providers", "depends_on":
				continue
			}
			inputs[n] = s.evalIn(a.Expr, ctx)
			if l, ok := s.writtenAt(a.Expr); ok {
				locs[n] = l
			}
		}
		prefix := addr + k.suffix + "."
		vars := s.c.childVars(child, inputs, prefix)
		cs := newScope(s.c, child, prefix, childKey, s.depth+1, vars)
		cs.quiet, cs.parent, cs.providers, cs.inputLocs = s.quiet, s, s.passedProviders(b.Body), locs
		cs.run()
		values = append(values, cty.ObjectVal(cs.outputs))
	}
	s.calls[name] = collect(b.Body, keys, values, known, addr+": "+why)
}

// settings emits the terraform block as a pseudo-resource so Terraform-level
// rules (backend, version constraints) run like any other rule. The root
// module always has one, so a missing block is a finding, not a silence.
func (s *scope) settings() {
	if len(s.mod.settings) == 0 && s.prefix != "" {
		return
	}
	var fields []infra.Field
	loc := infra.Location{File: s.mod.firstFile(), Pos: infra.Pos{Line: 1, Col: 1, EndLine: 1, EndCol: 1}}
	providers := []infra.Field{}
	for i, b := range s.mod.settings {
		if i == 0 {
			loc = s.loc(b.Range())
		}
		for _, a := range sortedAttrs(b.Body) {
			if a.Name == "required_version" {
				v, _ := a.Expr.Value(nil)
				fields = append(fields, infra.Field{Name: a.Name, Value: toInfra(v, s.mod.loc(a.Expr.Range()), s.text(a.Expr.Range())).value})
			}
		}
		for _, nb := range b.Body.Blocks {
			switch nb.Type {
			case "backend", "cloud":
				typ := nb.Type
				if typ == "backend" && len(nb.Labels) == 1 {
					typ = nb.Labels[0]
				}
				_, iv, _ := s.body(nb.Body, s.ctx(nil, nil), "backend", false)
				obj := append(iv.Fields(), infra.Field{Name: "type", Value: infra.StringValue(typ).WithLoc(s.mod.loc(nb.DefRange()))})
				fields = append(fields, infra.Field{Name: "backend", Value: infra.ListValue([]infra.Value{infra.ObjectValue(obj).WithLoc(s.mod.loc(nb.DefRange()))}).WithLoc(s.mod.loc(nb.DefRange()))})
			case "required_providers":
				for _, a := range sortedAttrs(nb.Body) {
					v, _ := a.Expr.Value(nil)
					iv := toInfra(v, s.mod.loc(a.Expr.Range()), s.text(a.Expr.Range())).value
					if iv.Kind() == infra.String {
						iv = infra.ObjectValue([]infra.Field{{Name: "version", Value: iv}}).WithLoc(iv.Loc)
					}
					providers = append(providers, infra.Field{Name: a.Name, Value: iv})
				}
			}
		}
	}
	if len(providers) > 0 {
		fields = append(fields, infra.Field{Name: "required_providers", Value: infra.ObjectValue(providers)})
	}
	s.emit(&infra.Resource{Kind: "terraform", Address: s.prefix + "terraform", Name: "terraform", Module: strings.TrimSuffix(s.prefix, "."),
		Attrs: infra.ObjectValue(fields), Loc: loc, Origin: "hcl"})
}

// providerConfigs emits provider blocks (default_tags, region, assume_role)
// for rules that look at provider-wide settings.
func (s *scope) providerConfigs() {
	for _, b := range s.mod.providers {
		addr, name := s.prefix+"provider."+b.Labels[0], b.Labels[0]
		if a := literalString(b.Body, "alias"); a != "" {
			addr, name = addr+"."+a, a
		}
		_, attrs, refs := s.body(b.Body, s.ctx(b.Body, nil), "", false)
		s.emit(&infra.Resource{Kind: "provider", Address: addr, Name: name, Module: strings.TrimSuffix(s.prefix, "."),
			Attrs: attrs, Loc: s.loc(b.Range()), Origin: "hcl", Refs: refs})
	}
}

func (m *module) firstFile() string {
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return m.dir
	}
	return names[0]
}

// literalString reads an attribute that Terraform requires to be a literal
// (module source and version, provider alias).
func literalString(b *hclsyntax.Body, name string) string {
	a := b.Attributes[name]
	if a == nil {
		return ""
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || v.Type() != cty.String || !v.IsKnown() || v.IsNull() {
		return ""
	}
	return v.AsString()
}

func (s *scope) attrLoc(b *hclsyntax.Body, name string) infra.Location {
	if a := b.Attributes[name]; a != nil {
		return s.mod.loc(a.Expr.Range())
	}
	return infra.Location{}
}

// providerName is the provider a resource block names: its provider
// meta-argument ("aws.eu"), or the prefix of its type ("aws"), as Terraform
// infers it.
func providerName(b *hclsyntax.Block) string {
	if a := b.Body.Attributes["provider"]; a != nil {
		if t, diags := hcl.AbsTraversalForExpr(a.Expr); !diags.HasErrors() {
			return traversalName(t)
		}
	}
	typ, _, _ := strings.Cut(b.Labels[0], "_")
	return typ
}

func traversalName(t hcl.Traversal) string {
	parts := []string{t.RootName()}
	for _, step := range t[1:] {
		if a, ok := step.(hcl.TraverseAttr); ok {
			parts = append(parts, a.Name)
		}
	}
	return strings.Join(parts, ".")
}

// provider resolves a provider name used in this module instance to the
// address of its configuration: a provider block of the module itself, one
// passed in by the module call's providers argument, or, for a default
// (unaliased) provider, the caller's, as Terraform inherits it.
func (s *scope) provider(name string) string {
	for _, b := range s.mod.providers {
		n := b.Labels[0]
		if a := literalString(b.Body, "alias"); a != "" {
			n += "." + a
		}
		if n == name {
			return s.prefix + "provider." + name
		}
	}
	if p, ok := s.providers[name]; ok {
		return p
	}
	if s.parent != nil && !strings.Contains(name, ".") {
		return s.parent.provider(name)
	}
	return "provider." + name
}

// passedProviders reads a module call's providers argument,
// { aws = aws.eu, "aws.west" = aws.west }, resolved in the calling module.
func (s *scope) passedProviders(call *hclsyntax.Body) map[string]string {
	a := call.Attributes["providers"]
	if a == nil {
		return nil
	}
	obj, ok := a.Expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return nil
	}
	out := map[string]string{}
	for _, item := range obj.Items {
		key := hcl.ExprAsKeyword(item.KeyExpr)
		if key == "" {
			if t, diags := hcl.AbsTraversalForExpr(item.KeyExpr); !diags.HasErrors() {
				key = traversalName(t)
			} else if v, diags := item.KeyExpr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
				key = v.AsString()
			}
		}
		t, diags := hcl.AbsTraversalForExpr(item.ValueExpr)
		if key == "" || diags.HasErrors() {
			continue
		}
		out[key] = s.provider(traversalName(t))
	}
	return out
}

// passthrough returns NAME for an expression that is exactly var.NAME, or
// a condition choosing between var.NAME and null, as modules often write.
func passthrough(e hclsyntax.Expression) (string, bool) {
	if c, ok := e.(*hclsyntax.ConditionalExpr); ok {
		switch {
		case isNull(c.FalseResult):
			return passthrough(c.TrueResult)
		case isNull(c.TrueResult):
			return passthrough(c.FalseResult)
		}
		return "", false
	}
	t, ok := e.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(t.Traversal) != 2 || t.Traversal.RootName() != "var" {
		return "", false
	}
	a, ok := t.Traversal[1].(hcl.TraverseAttr)
	return a.Name, ok
}

// writtenAt is where the value of an expression was written: the
// expression itself, or, when it only passes an input variable through,
// wherever that variable's value was written; nothing when that variable
// is on its default (findings then stay in the module that uses it).
func (s *scope) writtenAt(e hclsyntax.Expression) (infra.Location, bool) {
	if name, ok := passthrough(e); ok {
		l, ok := s.inputLocs[name]
		return l, ok
	}
	return s.loc(e.Range()), true
}

// valueLocs records where a resource's top-level values were written when
// that is outside its block: an attribute passing an input variable through
// (where the variable's value was written), or an attribute or nested
// block set by an override file.
func (s *scope) valueLocs(b *hclsyntax.Block) map[string]infra.Location {
	var out map[string]infra.Location
	set := func(name string, l infra.Location) {
		if out == nil {
			out = map[string]infra.Location{}
		}
		out[name] = l
	}
	file := b.DefRange().Filename
	for n, a := range b.Body.Attributes {
		if name, ok := passthrough(a.Expr); ok {
			if l, ok := s.inputLocs[name]; ok {
				set(n, l)
			}
		} else if r := a.Expr.Range(); r.Filename != file {
			set(n, s.loc(r))
		}
	}
	for _, nb := range b.Body.Blocks {
		if r := nb.DefRange(); r.Filename != file {
			set(nestedType(nb), s.loc(r))
		}
	}
	return out
}

func isNull(e hclsyntax.Expression) bool {
	l, ok := e.(*hclsyntax.LiteralValueExpr)
	return ok && l.Val.IsNull()
}

// refsOf lists the resources a value refers to (its refMarks).
func refsOf(v cty.Value) []string {
	var out []string
	for m := range deepMarks(v) {
		if r, ok := m.(refMark); ok {
			out = append(out, r.addr)
		}
	}
	return dedupe(out)
}

// metaRefs are the references of the meta-arguments: the resources count
// and for_each are computed from, and those named in depends_on. Terraform
// orders the graph by them as by any other reference.
func (s *scope) metaRefs(body *hclsyntax.Body, expansion []string) []infra.Ref {
	attr := "count"
	if body.Attributes["for_each"] != nil {
		attr = "for_each"
	}
	var out []infra.Ref
	for _, r := range expansion {
		out = append(out, infra.Ref{Attr: attr, To: r})
	}
	if a := body.Attributes["depends_on"]; a != nil {
		for _, t := range s.mod.traversals(a.Expr) {
			k := depKey(t)
			v, ok := s.resources[k]
			if !ok && strings.HasPrefix(k, "module.") {
				v, ok = s.calls[strings.TrimPrefix(k, "module.")]
			}
			if ok {
				for _, r := range refsOf(v) {
					out = append(out, infra.Ref{Attr: "depends_on", To: r, How: infra.EdgeDependsOn})
				}
			}
		}
	}
	return out
}

// dedupeRefs drops repeated references (a dynamic block repeats its content).
func dedupeRefs(refs []infra.Ref) []infra.Ref {
	if len(refs) < 2 {
		return refs
	}
	seen := make(map[infra.Ref]bool, len(refs))
	out := refs[:0]
	for _, r := range refs {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}
