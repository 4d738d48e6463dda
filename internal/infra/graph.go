package infra

import (
	"sort"
	"strings"
	"sync"
)

// Graph answers cross-resource questions within one component.
type Graph struct {
	resources []*Resource
	byAddr    map[string]*Resource
	byKind    map[string][]*Resource
	in        map[*Resource][]edge
	// unexpanded are the module calls that could not be loaded.
	unexpanded []*Resource

	mu      sync.Mutex
	indexes map[[2]string]*AttrIndex
}

// AttrIndex groups the resources of one kind by the value of one
// attribute, so that matching by name ("the versioning whose bucket is
// acme-logs") costs a lookup, not a scan of every resource of the kind.
type AttrIndex struct {
	// Known maps a known value, as a string, to the resources that have it.
	Known map[string][]*Resource
	// Unknown maps the expression of an unknown value to the resources
	// that have it; All lists every resource whose value is unknown.
	Unknown map[string][]*Resource
	All     []*Resource
}

// Index returns the index of kind's resources by the attribute at path,
// built on first use.
func (g *Graph) Index(kind, path string) *AttrIndex {
	g.mu.Lock()
	defer g.mu.Unlock()
	key := [2]string{kind, path}
	if ix := g.indexes[key]; ix != nil {
		return ix
	}
	ix := &AttrIndex{Known: map[string][]*Resource{}, Unknown: map[string][]*Resource{}}
	for _, r := range g.byKind[kind] {
		v := r.Attrs.Get(path)
		if !v.IsKnown() {
			ix.Unknown[v.Expr()] = append(ix.Unknown[v.Expr()], r)
			ix.All = append(ix.All, r)
		} else if s, ok := v.Str(); ok {
			ix.Known[s] = append(ix.Known[s], r)
		}
	}
	if g.indexes == nil {
		g.indexes = map[[2]string]*AttrIndex{}
	}
	g.indexes[key] = ix
	return ix
}

type edge struct {
	from *Resource
	attr string
}

// NewGraph indexes the resources of a component. References to addresses that
// are not among them (such as data sources) are kept on the resource but do
// not become edges.
func NewGraph(rs []*Resource) *Graph {
	g := &Graph{
		resources: rs,
		byAddr:    make(map[string]*Resource, len(rs)),
		byKind:    make(map[string][]*Resource),
		in:        make(map[*Resource][]edge),
	}
	for _, r := range rs {
		g.byAddr[r.Address] = r
		g.byKind[r.Kind] = append(g.byKind[r.Kind], r)
		if r.Kind == "module" {
			if b, _ := r.Attrs.Field(UnexpandedAttr).Bool(); b {
				g.unexpanded = append(g.unexpanded, r)
			}
		}
	}
	for _, r := range rs {
		for _, ref := range r.Refs {
			if to := g.byAddr[ref.To]; to != nil && to != r {
				g.in[to] = append(g.in[to], edge{from: r, attr: ref.Attr})
			}
		}
	}
	return g
}

// ComponentGraph is the graph a component's rules ask: its resources and
// its context (see Component.Context).
func ComponentGraph(c *Component) *Graph {
	if len(c.Context) == 0 {
		return NewGraph(c.Resources)
	}
	return NewGraph(append(append(make([]*Resource, 0, len(c.Resources)+len(c.Context)), c.Resources...), c.Context...))
}

// Resources returns every resource in the graph.
func (g *Graph) Resources() []*Resource { return g.resources }

// Lookup returns the resource at address, or nil.
func (g *Graph) Lookup(address string) *Resource { return g.byAddr[address] }

// Unexpanded returns the module calls whose contents could not be loaded
// (see UnexpandedAttr), in load order.
func (g *Graph) Unexpanded() []*Resource { return g.unexpanded }

// OfKind returns the resources of a kind, in load order.
func (g *Graph) OfKind(kind string) []*Resource { return g.byKind[kind] }

// Selecting returns the resources in namespace whose labels carry every
// label of selector, sorted by address. An empty selector selects nothing:
// in Kubernetes an empty podSelector means "all pods", which callers that
// mean it ask for by listing OfKind.
func (g *Graph) Selecting(namespace string, selector map[string]string) []*Resource {
	if len(selector) == 0 {
		return nil
	}
	var out []*Resource
	for _, r := range g.resources {
		if r.Namespace != namespace || len(r.Labels) < len(selector) {
			continue
		}
		match := true
		for k, v := range selector {
			if lv, ok := r.Labels[k]; !ok || lv != v {
				match = false
				break
			}
		}
		if match {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out
}

// AllReferrers returns every resource that references r, whatever its
// kind and attribute, sorted by address, without duplicates.
func (g *Graph) AllReferrers(r *Resource) []*Resource {
	var out []*Resource
	seen := map[*Resource]bool{}
	for _, e := range g.in[r] {
		if !seen[e.from] {
			seen[e.from] = true
			out = append(out, e.from)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out
}

// Referrers returns the resources of kind that reference r from the
// attribute attr (any attribute when attr is empty; see attrMatches). The
// result is sorted by address and has no duplicates.
func (g *Graph) Referrers(r *Resource, kind, attr string) []*Resource {
	var out []*Resource
	seen := map[*Resource]bool{}
	for _, e := range g.in[r] {
		if e.from.Kind != kind || seen[e.from] {
			continue
		}
		if !attrMatches(e.attr, attr) {
			continue
		}
		seen[e.from] = true
		out = append(out, e.from)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out
}

// Targets returns the resources r references from attribute attr (or any
// attribute when attr is empty), sorted by address.
func (g *Graph) Targets(r *Resource, attr string) []*Resource {
	var out []*Resource
	seen := map[*Resource]bool{}
	for _, ref := range r.Refs {
		if !attrMatches(ref.Attr, attr) {
			continue
		}
		if to := g.byAddr[ref.To]; to != nil && !seen[to] {
			seen[to] = true
			out = append(out, to)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out
}

// attrMatches reports whether a reference recorded at refAttr bears on the
// attribute path attr: the same path, a path inside it, or a path it is
// inside. References are recorded per attribute written, so one in
// dimensions = { DBInstanceIdentifier = aws_db_instance.main.id } is at
// "dimensions" and bears on "dimensions.DBInstanceIdentifier".
func attrMatches(refAttr, attr string) bool {
	return attr == "" || refAttr == attr ||
		strings.HasPrefix(refAttr, attr+".") || strings.HasPrefix(attr, refAttr+".")
}

// Pointing returns the resources of kind whose attribute attr points at r:
// through a reference edge, or by naming it, where nameAttr is r's name
// attribute (an aws_s3_bucket_versioning whose bucket is "acme-logs" points
// at the aws_s3_bucket whose bucket is "acme-logs"). A name matches when
// both values are the same known string, or when both are unknown and
// written as the same plain expression in the same module instance
// (Value.IsPlainExpr: bucket = var.name on both), so they hold one value
// whatever it is. A resource whose attr references another resource of r's
// kind is never matched by name: the reference says which is meant. An
// empty nameAttr matches references only. Sorted by address.
func (g *Graph) Pointing(r *Resource, kind, attr, nameAttr string) []*Resource {
	out := g.Referrers(r, kind, attr)
	if nameAttr == "" {
		return out
	}
	nameV := r.Attrs.Get(nameAttr)
	name, _ := nameV.Str()
	if !nameV.IsKnown() {
		name = ""
	}
	if name == "" && nameV.IsKnown() {
		return out
	}
	seen := map[*Resource]bool{}
	for _, p := range out {
		seen[p] = true
	}
	ix := g.Index(kind, attr)
	var cands []*Resource
	if name != "" {
		cands = ix.Known[name]
	}
	if !nameV.IsKnown() && nameV.IsPlainExpr() {
		cands = append(cands, ix.Unknown[nameV.Expr()]...)
	}
	for _, p := range cands {
		if seen[p] || g.refersToOther(p, attr, r) {
			continue
		}
		if name != "" || sameValue(r, nameV, p, p.Attrs.Get(attr)) {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out
}

// Unresolved returns a resource of kind whose attribute attr is unknown and
// might point at r: it references no other resource of r's kind and is not
// written like another's name (see Pointing). Absence rules report such a
// resource as unknown rather than fail: it may well be the evidence. Nil
// when there is none.
func (g *Graph) Unresolved(r *Resource, kind, attr, nameAttr string) *Resource {
	for _, p := range g.Index(kind, attr).All {
		if v := p.Attrs.Get(attr); !g.refersToOther(p, attr, r) && !g.namedLikeOther(v, r, nameAttr) {
			return p
		}
	}
	return nil
}

// sameValue reports two unknown values written as the same plain
// expression in the same module instance: one value, whatever it is.
func sameValue(a *Resource, av Value, b *Resource, bv Value) bool {
	return !av.IsKnown() && !bv.IsKnown() && av.IsPlainExpr() && bv.IsPlainExpr() &&
		av.Expr() == bv.Expr() && a.Module == b.Module
}

// refersToOther reports that p's attr references a resource of r's kind
// other than r.
func (g *Graph) refersToOther(p *Resource, attr string, r *Resource) bool {
	for _, t := range g.Targets(p, attr) {
		if t.Kind == r.Kind && t != r {
			return true
		}
	}
	return false
}

// namedLikeOther reports an unresolved value written exactly as another
// resource of r's kind writes its own name (bucket = var.name on both):
// it names that resource.
func (g *Graph) namedLikeOther(v Value, r *Resource, nameAttr string) bool {
	if nameAttr == "" || !v.IsPlainExpr() {
		return false
	}
	for _, o := range g.Index(r.Kind, nameAttr).Unknown[v.Expr()] {
		if o != r {
			return true
		}
	}
	return false
}
