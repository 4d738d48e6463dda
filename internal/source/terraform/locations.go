package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/prodgrade/prodgrade/internal/infra"
)

// Where values were written, so findings point where the fix goes.

func pos(r hcl.Range) infra.Pos {
	return infra.Pos{Line: int32(r.Start.Line), Col: int32(r.Start.Column), EndLine: int32(r.End.Line), EndCol: int32(r.End.Column)}
}

func (s *scope) loc(r hcl.Range) infra.Location {
	return infra.Location{File: r.Filename, Pos: s.mod.pos(r)}
}

func (s *scope) attrLoc(b *hclsyntax.Body, name string) infra.Location {
	if a := b.Attributes[name]; a != nil {
		return s.mod.loc(a.Expr.Range())
	}
	return infra.Location{}
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
