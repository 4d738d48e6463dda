package packer

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules/secretname"
	"github.com/prodgrade/prodgrade/internal/source/hclguard"
)

// hidden marks a cty value that must never be printed, and every value
// computed from it; from says where it came from.
type hidden struct{ from string }

// Where hidden values come from.
const (
	fromSensitive = "a sensitive value"
	fromFile      = "the contents of a file"
	fromVarFile   = "a -var-file value"
)

// topSchema is the top level of a Packer HCL2 template.
var topSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "packer"},
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "variables"},
	{Type: "locals"},
	{Type: "local", LabelNames: []string{"name"}},
	{Type: "source", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "build"},
}}

var variableSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "default"}, {Name: "type"}, {Name: "sensitive"}, {Name: "description"}, {Name: "nullable"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "validation"}},
}

var localSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "expression"}, {Name: "sensitive"}}}

// variable is one input variable.
type variable struct {
	name      string
	decl      hcl.Range
	def       hcl.Expression // nil when there is no default
	typ       hcl.Expression
	desc      hcl.Expression
	sensitive bool
	secret    bool // named like a secret
	constr    cty.Type
	// value is what Packer would use, with why for an unknown one; set is
	// the expression that set it (the default, or a variable file's).
	value cty.Value
	why   string
	set   hcl.Expression
}

// local is one local value, evaluated on first use.
type local struct {
	name      string
	expr      hcl.Expression
	sensitive bool
	state     int // 0 not yet, 1 evaluating, 2 done
	value     cty.Value
	why       string
}

// hclState is what evaluating one HCL2 template needs.
type hclState struct {
	vars    map[string]*variable
	locals  map[string]*local
	data    map[string]bool // "TYPE.NAME" of data blocks
	funcs   map[string]function.Function
	varVal  cty.Value
	builtin *hcl.EvalContext
}

// loadHCL reads an HCL2 template directory.
func (l *loader) loadHCL(files, varFiles []string) {
	tmpl, auto := l.templateFiles(files)
	if len(tmpl) == 0 {
		l.note(infra.NoteError, l.dir, 0, "no *.pkr.hcl or *.pkr.json file: not a Packer HCL2 template directory")
		return
	}
	st := &hclState{vars: map[string]*variable{}, locals: map[string]*local{}, data: map[string]bool{}}
	st.funcs = map[string]function.Function{}
	for n, f := range builtins() {
		st.funcs[n] = f
	}
	for n, f := range fileFuncs(l.tree, l.dir) {
		st.funcs[n] = f
	}
	st.builtin = &hcl.EvalContext{Functions: st.funcs}
	l.hcl = st
	var blocks []*hcl.Block
	for _, f := range tmpl {
		if l.cancelled() {
			return
		}
		body, ok := l.parse(f)
		if !ok {
			continue
		}
		content, _, diags := body.PartialContent(topSchema)
		if diags.HasErrors() {
			l.diagNotes(diags)
			continue
		}
		blocks = append(blocks, content.Blocks...)
	}
	// Declarations first: any file may use what another declares.
	for _, b := range blocks {
		switch b.Type {
		case "variable":
			l.declareVariable(b)
		case "variables":
			l.declareVariables(b)
		case "locals":
			attrs, diags := b.Body.JustAttributes()
			l.diagNotes(diags)
			for _, a := range sortedAttrs(attrs) {
				l.declareLocal(a.Name, a.Expr, false, a.NameRange)
			}
		case "local":
			content, diags := b.Body.Content(localSchema)
			l.diagNotes(diags)
			if a := content.Attributes["expression"]; a != nil {
				sens := false
				if s := content.Attributes["sensitive"]; s != nil {
					v, _ := s.Expr.Value(nil)
					sens = v.IsKnown() && !v.IsNull() && v.Type() == cty.Bool && v.True()
				}
				l.declareLocal(b.Labels[0], a.Expr, sens, b.DefRange)
			}
		case "data":
			st.data[b.Labels[0]+"."+b.Labels[1]] = true
		}
	}
	for _, f := range auto {
		l.setFromFile(f, false)
	}
	for _, f := range varFiles {
		l.setFromFile(f, true)
	}
	l.resolveVariables()
	nBuild := 0
	sources := map[string]*infra.Resource{}
	for _, b := range blocks {
		switch b.Type {
		case "source":
			r := l.source(b)
			sources[r.Name] = r
		}
	}
	for _, b := range blocks {
		if l.cancelled() {
			return
		}
		switch b.Type {
		case "packer":
			l.settings(b)
		case "data":
			l.data(b)
		case "build":
			l.build(b, nBuild, sources)
			nBuild++
		}
	}
	l.variableResources()
}

// sortedAttrs orders attributes as written, so evaluation and notes do not
// depend on map order.
func sortedAttrs(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Range, out[j].Range
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Start.Byte < b.Start.Byte
	})
	return out
}

func (l *loader) declareVariable(b *hcl.Block) {
	name := b.Labels[0]
	content, diags := b.Body.Content(variableSchema)
	if diags.HasErrors() {
		l.diagNotes(diags)
	}
	if content == nil {
		return
	}
	v := &variable{name: name, decl: b.DefRange, constr: cty.DynamicPseudoType}
	if a := content.Attributes["default"]; a != nil {
		v.def = a.Expr
	}
	if a := content.Attributes["description"]; a != nil {
		v.desc = a.Expr
	}
	if a := content.Attributes["type"]; a != nil {
		v.typ = a.Expr
		t, diags := typeexpr.TypeConstraint(a.Expr)
		if diags.HasErrors() {
			l.diagNotes(diags)
		} else {
			v.constr = t
		}
	}
	if a := content.Attributes["sensitive"]; a != nil {
		s, _ := a.Expr.Value(nil)
		v.sensitive = s.IsKnown() && !s.IsNull() && s.Type() == cty.Bool && s.True()
	}
	v.secret = secretname.Is(name) && !secretname.IsReference(name) && !secretname.IsSwitch(name)
	l.addVariable(v)
}

// declareVariables reads a variables { name = default } block.
func (l *loader) declareVariables(b *hcl.Block) {
	attrs, diags := b.Body.JustAttributes()
	l.diagNotes(diags)
	for _, a := range sortedAttrs(attrs) {
		v := &variable{name: a.Name, decl: a.NameRange, def: a.Expr, constr: cty.DynamicPseudoType}
		v.secret = secretname.Is(a.Name) && !secretname.IsReference(a.Name) && !secretname.IsSwitch(a.Name)
		l.addVariable(v)
	}
}

func (l *loader) addVariable(v *variable) {
	if prev, dup := l.hcl.vars[v.name]; dup {
		l.note(infra.NoteError, v.decl.Filename, v.decl.Start.Line,
			fmt.Sprintf("variable %q is declared twice (first at %s:%d); Packer refuses the template: remove one", v.name, prev.decl.Filename, prev.decl.Start.Line))
		return
	}
	l.hcl.vars[v.name] = v
}

func (l *loader) declareLocal(name string, expr hcl.Expression, sensitive bool, at hcl.Range) {
	if _, dup := l.hcl.locals[name]; dup {
		l.note(infra.NoteError, at.Filename, at.Start.Line,
			fmt.Sprintf("local %q is defined twice; Packer refuses the template: remove one", name))
		return
	}
	l.hcl.locals[name] = &local{name: name, expr: expr, sensitive: sensitive}
}

// setFromFile reads a variable file (name = value lines) and sets the
// variables it names; later files win. Values given with -var-file are
// hidden and external: they are given when Packer runs.
func (l *loader) setFromFile(path string, runTime bool) {
	body, ok := l.parse(path)
	if !ok {
		return
	}
	attrs, diags := body.JustAttributes()
	if diags.HasErrors() {
		l.diagNotes(diags)
		return
	}
	for _, a := range sortedAttrs(attrs) {
		v := l.hcl.vars[a.Name]
		if v == nil {
			l.note(infra.NoteCoverage, path, a.NameRange.Start.Line,
				fmt.Sprintf("sets variable %q, which the template does not declare; Packer ignores it with a warning", a.Name))
			continue
		}
		val, why := l.evalIn(a.Expr, l.hcl.builtin)
		if runTime {
			val = val.Mark(hidden{fromVarFile})
		}
		v.value, v.why, v.set = val, why, a.Expr
	}
}

// resolveVariables gives each variable its value (a variable file's, else
// its default), converted to its type and marked hidden where it must be.
func (l *loader) resolveVariables() {
	vals := map[string]cty.Value{}
	for name, v := range l.hcl.vars {
		if v.set == nil {
			if v.def != nil {
				v.value, v.why = l.evalIn(v.def, l.hcl.builtin)
				v.set = v.def
			} else {
				v.value = cty.DynamicVal
				v.why = fmt.Sprintf("var.%s has no value: Packer asks for it with -var, a variable file or PKR_VAR_%s", name, name)
			}
		}
		if v.value.IsWhollyKnown() && v.constr != cty.DynamicPseudoType {
			unmarked, marks := v.value.UnmarkDeep()
			if conv, err := convert.Convert(unmarked, v.constr); err != nil {
				v.why = fmt.Sprintf("var.%s: the value does not fit its type: %v", name, err)
				v.value = cty.DynamicVal
			} else {
				v.value = conv.WithMarks(marks)
			}
		}
		if v.sensitive || v.secret {
			v.value = v.value.Mark(hidden{fromSensitive})
		}
		vals[name] = v.value
	}
	l.hcl.varVal = cty.ObjectVal(vals)
}

// evalCtx is the context expressions of the template are evaluated in:
// var, local (only the locals expr uses, evaluated on demand), path, and
// what only a run knows (data sources, source, build, packer) as unknown.
func (l *loader) evalCtx(expr hcl.Expression, extra map[string]cty.Value) *hcl.EvalContext {
	st := l.hcl
	locals := map[string]cty.Value{}
	for _, t := range expr.Variables() {
		if t.RootName() != "local" || len(t) < 2 {
			continue
		}
		if a, ok := t[1].(hcl.TraverseAttr); ok {
			if lv := st.locals[a.Name]; lv != nil {
				locals[a.Name] = l.localValue(lv)
			}
		}
	}
	vars := map[string]cty.Value{
		"var":    st.varVal,
		"local":  cty.ObjectVal(locals),
		"path":   cty.ObjectVal(map[string]cty.Value{"root": cty.StringVal(l.dir), "cwd": cty.UnknownVal(cty.String)}),
		"data":   cty.DynamicVal,
		"source": cty.DynamicVal,
		"build":  cty.DynamicVal,
		"packer": cty.DynamicVal,
	}
	for k, v := range extra {
		vars[k] = v
	}
	return &hcl.EvalContext{Variables: vars, Functions: st.funcs}
}

// localValue evaluates a local on first use; a local that uses itself,
// directly or not, is unknown.
func (l *loader) localValue(lv *local) cty.Value {
	switch lv.state {
	case 1:
		lv.why = fmt.Sprintf("local.%s refers to itself (a cycle of locals)", lv.name)
		return cty.DynamicVal
	case 2:
		return lv.value
	}
	lv.state = 1
	v, why := l.evalIn(lv.expr, l.evalCtx(lv.expr, nil))
	if lv.why == "" { // a cycle sets why first
		lv.why = why
	}
	if lv.sensitive {
		v = v.Mark(hidden{fromSensitive})
	}
	lv.value, lv.state = v, 2
	return v
}

// eval evaluates an expression of the template.
func (l *loader) eval(expr hcl.Expression, extra map[string]cty.Value) (cty.Value, string) {
	return l.evalIn(expr, l.evalCtx(expr, extra))
}

// evalIn evaluates expr in ctx within the bounds, and says why the result
// is unknown when it is. Evaluation never panics out: one odd expression
// must not end the scan.
func (l *loader) evalIn(expr hcl.Expression, ctx *hcl.EvalContext) (v cty.Value, why string) {
	defer func() {
		if p := recover(); p != nil {
			v, why = cty.DynamicVal, fmt.Sprintf("prodgrade could not evaluate %s: %v", l.text(expr.Range()), p)
		}
	}()
	if w := hclguard.TooManyIterations(expr, ctx); w != "" {
		return l.overBounds(expr, l.text(expr.Range())+": "+w)
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		msg := firstError(diags)
		if strings.Contains(msg, hclguard.OverBounds) {
			return l.overBounds(expr, msg)
		}
		return cty.DynamicVal, msg
	}
	if w := hclguard.TooLarge(v); w != "" {
		return l.overBounds(expr, fmt.Sprintf("%s builds a value of %s, %s", l.text(expr.Range()), w, hclguard.OverBounds))
	}
	if !v.IsWhollyKnown() {
		why = l.explain(expr)
	}
	return v, why
}

func (l *loader) overBounds(expr hcl.Expression, why string) (cty.Value, string) {
	r := expr.Range()
	l.note(infra.NoteCoverage, r.Filename, r.Start.Line, why+"; it is graded as unknown")
	return cty.DynamicVal, why
}

func firstError(diags hcl.Diagnostics) string {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			if d.Detail != "" {
				return d.Summary + ": " + d.Detail
			}
			return d.Summary
		}
	}
	return diags.Error()
}

// explain says why an expression's value is not known: which of the
// values it uses only a run of Packer knows.
func (l *loader) explain(expr hcl.Expression) string {
	var causes []string
	add := func(s string) {
		// A local's reason joins its own causes: take them one by one.
		for _, part := range strings.Split(s, "; ") {
			if !slices.Contains(causes, part) {
				causes = append(causes, part)
			}
		}
	}
	for _, t := range expr.Variables() {
		name := traversalName(t)
		switch t.RootName() {
		case "var":
			if len(t) > 1 {
				if a, ok := t[1].(hcl.TraverseAttr); ok {
					if v := l.hcl.vars[a.Name]; v != nil && v.why != "" {
						add(v.why)
					}
				}
			}
		case "local":
			if len(t) > 1 {
				if a, ok := t[1].(hcl.TraverseAttr); ok {
					if lv := l.hcl.locals[a.Name]; lv != nil && lv.why != "" {
						add(lv.why)
					}
				}
			}
		case "data":
			add(name + " is a data source's output, known only when Packer runs")
		case "source":
			add(name + " is known only for each source when Packer builds it")
		case "build":
			add(name + " is known only when Packer builds")
		case "packer":
			add(name + " is known only when Packer runs")
		case "path":
			if name == "path.cwd" {
				add("path.cwd is the directory Packer runs in, known only when it runs")
			}
		}
	}
	if syn, ok := expr.(hclsyntax.Node); ok {
		hclsyntax.VisitAll(syn, func(n hclsyntax.Node) hcl.Diagnostics {
			if call, ok := n.(*hclsyntax.FunctionCallExpr); ok {
				if why, ok := runTimeFuncs[call.Name]; ok {
					add(fmt.Sprintf("%s() gives %s", call.Name, why))
				}
				if call.Name == "abspath" {
					add("abspath() depends on the directory Packer runs in")
				}
			}
			return nil
		})
	}
	if len(causes) == 0 {
		return "known only when Packer runs"
	}
	// A large local can gather dozens of causes; the first few say enough.
	const most = 4
	if len(causes) > most {
		return strings.Join(causes[:most], "; ") + fmt.Sprintf("; and %d more", len(causes)-most)
	}
	return strings.Join(causes, "; ")
}

// traversalName writes a traversal's leading names: data.amazon-ami.x.id.
func traversalName(t hcl.Traversal) string {
	parts := []string{t.RootName()}
	for _, s := range t[1:] {
		if a, ok := s.(hcl.TraverseAttr); ok {
			parts = append(parts, a.Name)
			continue
		}
		break
	}
	return strings.Join(parts, ".")
}
