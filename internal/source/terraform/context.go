package terraform

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/zclconf/go-cty/cty"
)

// Evaluation contexts and expression evaluation: an expression that cannot
// be evaluated becomes an unknown value that says why, never an error.

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
	if why := tooManyIterations(expr, ctx); why != "" {
		return s.overBounds(expr, s.text(expr.Range())+": "+why)
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		if msg := firstError(diags); strings.Contains(msg, overBounds) {
			return s.overBounds(expr, msg)
		}
		if from, ok := hiddenInput(expr, ctx); ok {
			// Terraform's error text can quote the value it could not use.
			return markedUnknown(s.explainWithout(from))
		}
		return markedUnknown(s.explain(diags))
	}
	if builds(expr) {
		if why := tooLarge(v); why != "" {
			return s.overBounds(expr, fmt.Sprintf("%s builds a value of %s, %s", s.text(expr.Range()), why, overBounds))
		}
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

// overBounds is the value of an expression that would build more than
// prodgrade evaluates: unknown, saying why, and a coverage note at the
// expression, so the bound is seen even when no rule reads the value.
func (s *scope) overBounds(expr hcl.Expression, why string) cty.Value {
	s.note(infra.NoteCoverage, expr.Range(), why+"; it is graded as unknown")
	return markedUnknown(why)
}

// builds reports an expression that can make a value larger than those it
// reads (a function call, a template, a for expression, an operator); a
// reference or an index only passes on a value that was checked when it
// was made.
func builds(expr hcl.Expression) bool {
	switch expr.(type) {
	case *hclsyntax.ScopeTraversalExpr, *hclsyntax.RelativeTraversalExpr, *hclsyntax.IndexExpr,
		*hclsyntax.LiteralValueExpr, *hclsyntax.TemplateWrapExpr:
		return false
	}
	return true
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
