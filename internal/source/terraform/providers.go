package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Which provider configuration each resource uses.

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
