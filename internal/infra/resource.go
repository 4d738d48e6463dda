package infra

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// Resource is one thing of infrastructure, from any source format.
type Resource struct {
	// Kind is the type: "aws_db_instance", "terraform" (settings block),
	// "apps/Deployment". Kinds for AWS are Terraform's, whatever the source.
	Kind string
	// Address is unique within a component, in the source's own notation
	// ("module.db.aws_db_instance.this[0]", "Deployment/shop/web").
	Address string
	// Name is the resource's own name, as its format names it: the
	// Terraform block label ("this"), a Kubernetes object's metadata.name,
	// a Compose service name, a Dockerfile stage.
	Name string
	// Namespace, Labels and Annotations are the Kubernetes object's (or what
	// a format has that plays their part); empty where a format has none.
	Namespace   string
	Labels      map[string]string
	Annotations map[string]string
	// Module is the Terraform module path of the resource ("" for the root,
	// "module.db" for a child); empty for other formats.
	Module string
	// Attrs holds the attributes as an object value; members may be unknown.
	Attrs Value
	// Loc is the resource's own block or document.
	Loc Location
	// Origin says which front end produced the resource: "hcl", "plan", "state", ….
	Origin string
	// Provider is the address of the provider configuration the resource
	// uses ("provider.aws", "provider.aws.eu", "module.x.provider.aws"),
	// following aliases and module providers maps; empty when not known.
	// No resource may exist at that address: the provider is then used with
	// no configuration block.
	Provider string
	// ValueLocs say where the values of top-level attributes were written
	// when that is outside the resource's block: an attribute that passes a
	// module input through (password = var.password) is located where the
	// module call, or a .tfvars file, set it, which is where a fix goes.
	ValueLocs map[string]Location
	// Refs are the references from this resource's attributes to other
	// resources of the same component. A reference is recorded even when the
	// referenced value is unknown, which is what cross-resource rules need.
	Refs []Ref
}

// Ref is one edge of the graph: from an attribute of a resource to another
// resource of the same component.
type Ref struct {
	// Attr is the path of the attribute holding the reference, as
	// Path.String writes it ("bucket", "dimensions",
	// "rule.apply_server_side_encryption_by_default.kms_master_key_id").
	Attr string
	// To is the address of the referenced resource.
	To string
	// How says what kind of edge it is; the zero value is a reference.
	How EdgeKind
}

// EdgeKind says how one resource points at another.
type EdgeKind uint8

// Edge kinds. Rules mostly ask for references; the others let a rule tell
// "runs after" from "uses" and follow format-specific links.
const (
	// EdgeReference: an attribute's value is computed from the target
	// (Terraform's aws_db_instance.main.id).
	EdgeReference EdgeKind = iota
	// EdgeName: the attribute names the target by a literal name.
	EdgeName
	// EdgeSelector: a label selector selects the target.
	EdgeSelector
	// EdgeScaleTarget: an autoscaler's scaleTargetRef names the target.
	EdgeScaleTarget
	// EdgeDependsOn: an explicit ordering dependency (depends_on).
	EdgeDependsOn
	// EdgeVolume: the target is a volume the resource mounts.
	EdgeVolume
	// EdgeBuild: the resource's image is built from the target (a Dockerfile stage).
	EdgeBuild
)

func (k EdgeKind) String() string {
	return [...]string{"reference", "name", "selector", "scaleTargetRef", "depends_on", "volume", "build"}[k]
}

// Settings kinds are not infrastructure but how it is managed: Terraform's
// settings block, module calls and provider configurations. Front ends emit
// them so that rules about pinning, backends and provider-wide defaults run
// like any other rule; they are not counted as resources.
const (
	KindTerraform = "terraform"
	KindModule    = "module"
	KindProvider  = "provider"
)

// IsSetting reports a settings pseudo-resource (see KindTerraform).
func (r *Resource) IsSetting() bool {
	switch r.Kind {
	case KindTerraform, KindModule, KindProvider:
		return true
	}
	return false
}

// AttrLoc is the location of the attribute at path, falling back to the
// resource block when the attribute is not written (the place to add it).
func (r *Resource) AttrLoc(path string) Location {
	top, _, _ := strings.Cut(path, ".")
	if l, ok := r.ValueLocs[top]; ok {
		return l
	}
	return r.LocOf(r.Attrs.Get(path))
}

// LocOf is where a value of the resource was written: the value's own
// location, else the resource's.
func (r *Resource) LocOf(v Value) Location {
	if v.Loc.Line == 0 {
		return r.Loc
	}
	if v.Loc.File == "" {
		return r.Loc.At(v.Loc.Pos)
	}
	return v.Loc
}

// Note is something the user should know about how much was graded: an input
// that could not be read, a module that could not be expanded.
type Note struct {
	// Kind is "error" for input that could not be read or parsed (exit code 2),
	// "coverage" for work that could not be done but is not an error.
	Kind    string
	File    string
	Line    int
	Col     int // 0 when not known
	Message string
}

// Note kinds.
const (
	NoteError    = "error"
	NoteCoverage = "coverage"
)

// Component is a deployable unit graded against the checklist: a Terraform
// root module with its child modules, a Kubernetes app, a Compose project.
type Component struct {
	Name string
	// Path is the directory or file the component was found at.
	Path string
	// Kind says how the component was chosen, e.g. "terraform root module".
	Kind string
	// Tool is what settles the component's unknown values ("Terraform",
	// "Helm"), for messages: "… cannot be resolved without running Terraform".
	Tool      string
	Resources []*Resource
	Notes     []Note
	// Unexpanded counts module calls whose contents could not be loaded.
	// Absence rules report unknown, not fail, when it is non-zero: the
	// missing module might hold the evidence.
	Unexpanded int
}

// Graph answers cross-resource questions within one component.
type Graph struct {
	resources []*Resource
	byAddr    map[string]*Resource
	byKind    map[string][]*Resource
	in        map[*Resource][]edge

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

// Resources returns every resource in the graph.
func (g *Graph) Resources() []*Resource { return g.resources }

// Lookup returns the resource at address, or nil.
func (g *Graph) Lookup(address string) *Resource { return g.byAddr[address] }

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

// QuoteKey quotes a string instance key as Terraform writes it in addresses
// (aws_s3_bucket.b["logs"]): HCL string syntax, with template sequences
// escaped. Every front end uses it, so the same resource has the same
// address whether it comes from .tf files or from a plan.
func QuoteKey(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case (r == '$' || r == '%') && i+1 < len(s) && s[i+1] == '{':
			b.WriteRune(r)
			b.WriteRune(r)
		case !unicode.IsPrint(r):
			if r > 0xFFFF {
				fmt.Fprintf(&b, `\U%08x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
