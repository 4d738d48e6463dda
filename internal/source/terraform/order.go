package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// The order in which a module's locals, resources, module calls and outputs
// are evaluated: each after what it references.

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
