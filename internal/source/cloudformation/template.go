package cloudformation

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/shell"
)

// IsTemplate reports whether a parsed YAML or JSON document is a
// CloudFormation template: it names AWSTemplateFormatVersion, or its
// Resources map holds at least one resource whose Type is AWS::… (or
// Alexa::…, Custom::…), and it is not a Kubernetes object (which has
// apiVersion and kind at the top) — so a manifest, a Compose file or any
// other YAML is never taken for a template.
func IsTemplate(doc infra.Value) bool {
	if doc.Kind() != infra.Object || doc.Has("apiVersion") && doc.Has("kind") {
		return false
	}
	if v := doc.Field("AWSTemplateFormatVersion"); v.Kind() == infra.String || v.Kind() == infra.Number {
		return true
	}
	res := doc.Field("Resources")
	if res.Kind() != infra.Object {
		return false
	}
	for _, f := range res.Fields() {
		if strings.HasPrefix(f.Name, "Fn::ForEach::") {
			return true
		}
		t, _ := f.Value.Field("Type").Str()
		if strings.HasPrefix(t, "AWS::") || strings.HasPrefix(t, "Custom::") || strings.HasPrefix(t, "Alexa::") {
			return true
		}
	}
	return false
}

// template is one template being turned into resources.
type template struct {
	file string
	root infra.Value
	ev   *evaluator
	// resources are emitted in logical-id order, so reports are stable.
	out   []*infra.Resource
	notes []infra.Note
	// prefix is put before every address: the logical id of the nested
	// stack a template was loaded for ("Network/"), empty for a root.
	prefix string
	// values are the parameters a parent stack passes a nested one.
	values map[string]infra.Value
	// resources are the Resources section, Fn::ForEach loops expanded.
	resources []infra.Field
	// stackTags are the stack's tags, when known (see given).
	stackTags map[string]string
	// made counts the resources Fn::ForEach loops made.
	made int
	// paths are the CDK construct paths (aws:cdk:path) of resources, by
	// logical id: a resource is addressed by its path, so a finding names
	// the construct a CDK user changes.
	paths map[string]string
	// open reads a local nested stack's template; nil grades none.
	open func(path string) (*parsed, error)
	// implicit are the implicit APIs of a SAM template's function events,
	// by SAM's logical id (sam.go).
	implicit map[string]implicitUse
	// depth is how deep in nested stacks the template is; seen are the
	// files of the stacks that contain it, to stop a cycle.
	depth int
	seen  []string
}

// addr is the address of the resource with logical id id.
func (t *template) addr(id string) string {
	if p := t.paths[id]; p != "" {
		return t.prefix + p
	}
	return t.prefix + id
}

// newTemplate prepares a template for evaluation with the parameters given
// (by name, as strings, as CloudFormation takes them).
func newTemplate(file string, root infra.Value, g *given) *template {
	t := &template{file: file, root: root, stackTags: g.tags, values: g.values}
	ev := &evaluator{
		file:       file,
		params:     map[string]infra.Value{},
		pseudo:     map[string]infra.Value{},
		mappings:   root.Field("Mappings"),
		resources:  map[string]infra.Value{},
		conditions: root.Field("Conditions"),
		decided:    map[string]infra.Value{},
		deciding:   map[string]bool{},
	}
	for k, v := range g.pseudo {
		ev.pseudo[k] = str(v).WithExternal(true)
	}
	for _, p := range root.Field("Parameters").Fields() {
		ev.params[p.Name] = t.parameter(p.Name, p.Value, g.params)
	}
	t.ev = ev
	t.resources = t.expandForEach(root.Field("Resources").Fields(), 0)
	if isSAM(root) {
		t.resources = applyGlobals(root, t.resources)
	}
	for _, f := range t.resources {
		ev.resources[f.Name] = f.Value
		if p, ok := f.Value.Get("Metadata").Field("aws:cdk:path").Str(); ok && p != "" {
			if t.paths == nil {
				t.paths = map[string]string{}
			}
			t.paths[f.Name] = p
		}
	}
	return t
}

// expandForEach expands Fn::ForEach loops (the AWS::LanguageExtensions
// transform) among resources: "Fn::ForEach::Name": [Identifier,
// Collection, {"Key${Identifier}": body}] makes one resource per element,
// with ${Identifier} and &{Identifier} replaced in keys and strings and
// {"Ref": Identifier} by the element. A collection that cannot be resolved
// is a coverage note: the resources it would make are not graded.
func (t *template) expandForEach(fields []infra.Field, depth int) []infra.Field {
	var out []infra.Field
	for _, f := range fields {
		if !strings.HasPrefix(f.Name, "Fn::ForEach::") {
			out = append(out, f)
			continue
		}
		args := f.Value.List()
		id, _ := args0(args).Str()
		if len(args) != 3 || id == "" || depth > 8 {
			t.note(infra.NoteError, f.Value.Loc, fmt.Sprintf("%s takes an identifier, a collection and an output template; CloudFormation rejects the template", f.Name))
			continue
		}
		t.ev.refs = nil
		coll := t.ev.eval(args[1], "")
		if !coll.IsKnown() || coll.Kind() != infra.List {
			t.note(infra.NoteCoverage, f.Value.Loc, fmt.Sprintf("the resources %s makes are not graded: its collection cannot be resolved (%s)", f.Name, whyOf(coll)))
			continue
		}
		if t.made+coll.Len()*args[2].Len() > maxForEach {
			t.note(infra.NoteError, f.Value.Loc, fmt.Sprintf("%s would make more than %d resources; CloudFormation allows 500 per template", f.Name, maxForEach))
			continue
		}
		t.made += coll.Len() * args[2].Len()
		var made []infra.Field
		for _, item := range coll.List() {
			s, ok := scalarString(item)
			if !ok {
				continue
			}
			for _, body := range args[2].Fields() {
				made = append(made, infra.Field{Name: replaceLoopVar(body.Name, id, s), Value: substitute(body.Value, id, s, item)})
			}
		}
		out = append(out, t.expandForEach(made, depth+1)...)
	}
	return out
}

// maxForEach bounds the resources Fn::ForEach loops may make in one
// template: CloudFormation allows 500 resources, and nested loops over long
// lists must not grow a hostile template without end.
const maxForEach = 5000

func args0(args []infra.Value) infra.Value {
	if len(args) == 0 {
		return infra.Value{}
	}
	return args[0]
}

// replaceLoopVar replaces ${id} by the element and &{id} by the element
// without its non-alphanumeric characters (as logical ids need).
func replaceLoopVar(text, id, elem string) string {
	text = strings.ReplaceAll(text, "${"+id+"}", elem)
	if strings.Contains(text, "&{"+id+"}") {
		var b strings.Builder
		for _, r := range elem {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		text = strings.ReplaceAll(text, "&{"+id+"}", b.String())
	}
	return text
}

// substitute puts the loop's element into an output template.
func substitute(v infra.Value, id, elem string, item infra.Value) infra.Value {
	switch v.Kind() {
	case infra.String:
		s, _ := v.Str()
		if strings.Contains(s, "{"+id+"}") {
			return infra.StringValue(replaceLoopVar(s, id, elem)).WithLoc(v.Loc)
		}
	case infra.List:
		items := make([]infra.Value, len(v.List()))
		for i, x := range v.List() {
			items[i] = substitute(x, id, elem, item)
		}
		return infra.ListValue(items).WithLoc(v.Loc)
	case infra.Object:
		if name, arg, ok := intrinsicName(v); ok && name == "Ref" {
			if s, _ := arg.Str(); s == id {
				return item.WithLoc(v.Loc)
			}
		}
		fields := make([]infra.Field, len(v.Fields()))
		for i, f := range v.Fields() {
			fields[i] = infra.Field{Name: replaceLoopVar(f.Name, id, elem), Value: substitute(f.Value, id, elem, item)}
		}
		return infra.ObjectValue(fields).WithLoc(v.Loc)
	}
	return v
}

// parameter is the value of one parameter: given, else its default, else
// unknown. CloudFormation passes every parameter as a string (a list type
// as a list of strings) and converts it where a property wants a number or
// a bool.
func (t *template) parameter(name string, def infra.Value, given map[string]string) infra.Value {
	typ, _ := def.Field("Type").Str()
	noEcho := false
	if b, ok := def.Field("NoEcho").Bool(); ok {
		noEcho = b
	} else if s, _ := def.Field("NoEcho").Str(); strings.EqualFold(s, "true") {
		noEcho = true
	}
	var v infra.Value
	if v, ok := t.values[name]; ok {
		// A nested stack's parameter, as its parent evaluated it.
		if s, isStr := scalarString(v); isStr {
			v = typed(typ, s).WithLoc(v.Loc)
		}
		return v
	}
	if s, ok := given[name]; ok {
		v = typed(typ, s).WithExternal(true)
		if noEcho {
			v = v.WithHidden("a NoEcho parameter given in --cfn-parameters")
		}
	} else if d := def.Field("Default"); def.Has("Default") && d.IsKnown() && d.Kind() != infra.Object && d.Kind() != infra.List {
		s, _ := d.Str()
		v = typed(typ, s).WithLoc(d.Loc)
		if noEcho {
			// A NoEcho default is still written in the template: a
			// secret there is a literal, which the secret rules report.
			v = v.WithLoc(d.Loc)
		}
	} else if d.Kind() == infra.List {
		v = d
	} else {
		u := unknownf("!Ref "+name, "parameter %s has no default and no value was given; pass it with --cfn-parameters FILE", name).WithPlainExpr()
		if noEcho {
			// Unknown, but declared a secret: where it lands in clear
			// (a container's environment) is a fail whatever it holds.
			u = u.WithHidden("a NoEcho parameter")
		}
		return u
	}
	if strings.HasPrefix(typ, "AWS::SSM::Parameter::Value<") {
		s, _ := v.Str()
		return unknownf("!Ref "+name, "parameter %s is read by CloudFormation from the SSM parameter %s when the stack is deployed", name, s).WithExternal(true)
	}
	return v
}

// typed converts a parameter's text to its type: a list type splits on
// commas; every other stays a string CloudFormation converts where needed.
func typed(typ, s string) infra.Value {
	if typ == "CommaDelimitedList" || strings.HasPrefix(typ, "List<") {
		parts := strings.Split(s, ",")
		items := make([]infra.Value, len(parts))
		for i, p := range parts {
			items[i] = str(strings.TrimSpace(p))
		}
		return infra.ListValue(items)
	}
	return str(s)
}

// build evaluates every resource whose condition allows it and maps it.
func (t *template) build() {
	for _, f := range t.resources {
		if f.Value.Kind() != infra.Object {
			t.note(infra.NoteError, f.Value.Loc, fmt.Sprintf("resource %s is not a mapping; CloudFormation rejects the template", f.Name))
			continue
		}
		typ, ok := f.Value.Field("Type").Str()
		if !ok && f.Value.Field("Type").Kind() == infra.Object {
			t.note(infra.NoteCoverage, f.Value.Field("Type").Loc, fmt.Sprintf("resource %s is not graded: its Type is for a pre-processor (a Rain module?), not CloudFormation; package the template (rain pkg) and scan the output", f.Name))
			continue
		}
		if !ok {
			t.note(infra.NoteError, f.Value.Loc, fmt.Sprintf("resource %s has no Type; CloudFormation rejects the template", f.Name))
			continue
		}
		if cond, ok := f.Value.Field("Condition").Str(); ok {
			c := t.ev.condition(cond)
			if b, known := c.Bool(); known && c.IsKnown() {
				if !b {
					continue // CloudFormation does not create it: nothing to grade
				}
			} else if _, graded := mapping[typ]; graded {
				// Only where a rule reads the type: every CDK stack has a
				// CDKMetadata resource on a region condition.
				t.note(infra.NoteCoverage, f.Value.Field("Condition").Loc,
					fmt.Sprintf("resource %s is graded although CloudFormation may not create it: condition %s cannot be decided (%s)", f.Name, cond, whyOf(c)))
			}
		}
		t.resource(f.Name, typ, f.Value)
		if typ == "AWS::CloudFormation::Stack" {
			t.nested(f.Name, f.Value)
		}
	}
	t.implicitAPIs()
	t.lambdaVersions()
	t.out = append(t.out, shell.UserDataScripts(t.out)...)
	t.autoDeleteBuckets()
	slices.SortFunc(t.out, func(a, b *infra.Resource) int { return strings.Compare(a.Address, b.Address) })
}

func (t *template) note(kind string, loc infra.Location, msg string) {
	file := loc.File
	if file == "" {
		file = t.file
	}
	t.notes = append(t.notes, infra.Note{Kind: kind, File: file, Line: int(loc.Line), Col: int(loc.Col), Message: msg})
}

// resource evaluates one resource's properties and maps it onto Terraform's
// kind and attribute names (mapping.go); a type with no mapping keeps its
// CloudFormation type as its kind, so no rule reads it but the graph still
// has it.
func (t *template) resource(id, typ string, def infra.Value) {
	t.ev.refs = nil
	props := t.ev.eval(def.Field("Properties"), "")
	if !props.IsKnown() {
		t.note(infra.NoteCoverage, def.Field("Properties").Loc, fmt.Sprintf("the properties of %s cannot be resolved (%s); it is graded as if none were set", id, props.Why()))
		props = infra.ObjectValue(nil)
	}
	b := &builder{t: t, id: id, typ: typ, def: def, props: props, refs: t.ev.refs}
	b.r = &infra.Resource{
		Kind: typ, Address: t.addr(id), Name: id, Loc: def.Loc, Origin: infra.OriginCloudFormation,
	}
	if m, ok := mapping[typ]; ok {
		b.r.Kind = m.kind
		b.r.OwnNames = ownNames()[typ]
		for _, p := range m.props {
			b.copy(p.from, p.to)
		}
		if m.build != nil {
			m.build(b)
		}
	}
	b.tags()
	for _, d := range dependsOn(def.Field("DependsOn")) {
		if _, ok := t.ev.resources[d]; ok {
			b.r.Refs = append(b.r.Refs, infra.Ref{Attr: "depends_on", To: t.addr(d), How: infra.EdgeDependsOn})
		}
	}
	b.r.Attrs = b.attrs.value(def.Loc)
	if end := def.LastLine(); end > b.r.Loc.Line {
		b.r.Loc.EndLine, b.r.Loc.EndCol = end, 0 // a range, as a Terraform block has
	}
	if m := t.metadata(def); m != nil {
		// The resources made from this one (b.extra) are suppressed by
		// what is written on it: the template has no other place for them.
		b.r.Metadata = m
		for _, x := range b.extra {
			x.Metadata = m
		}
	}
	t.out = append(t.out, b.r)
	t.out = append(t.out, b.extra...)
}

// suppressionKeys are the Metadata keys under which the inline package
// reads suppressions: cfn_nag's, cfn-lint's, Checkov's (also under its
// former name, bridgecrew) and prodgrade's own.
var suppressionKeys = []string{"cfn_nag", "cfn-lint", "checkov", "bridgecrew", "prodgrade"}

// metadata is what a resource carries of the Metadata sections for the
// inline package: nil unless the resource's section holds a suppression
// key or the template's holds cfn-lint settings (or a prodgrade key, which
// is not read there and is reported), so the Metadata CDK writes on every
// resource (aws:cdk:path) costs nothing.
func (t *template) metadata(def infra.Value) *infra.Metadata {
	own := def.Field("Metadata")
	top := t.root.Field("Metadata")
	if !top.Has("cfn-lint") && !top.Has("prodgrade") {
		top = infra.Value{}
	}
	for _, k := range suppressionKeys {
		if own.Has(k) {
			return &infra.Metadata{Resource: own, Template: top}
		}
	}
	if top.IsNull() {
		return nil
	}
	return &infra.Metadata{Template: top}
}

func dependsOn(v infra.Value) []string {
	if s, ok := v.Str(); ok {
		return []string{s}
	}
	var out []string
	for _, x := range v.List() {
		if s, ok := x.Str(); ok {
			out = append(out, s)
		}
	}
	return out
}

// builder builds one resource's Terraform-named attributes from its
// evaluated CloudFormation properties.
type builder struct {
	t     *template
	id    string
	typ   string
	def   infra.Value // the resource as written (Type, Properties, policies)
	props infra.Value // Properties, evaluated
	refs  []evalRef   // references met in Properties, by property path
	r     *infra.Resource
	attrs node
	extra []*infra.Resource
}

// get is the evaluated property at a dotted path ("VersioningConfiguration.Status").
func (b *builder) get(path string) infra.Value { return b.props.Get(path) }

// copy maps the property at from onto the attribute at to, with the
// references written under it, when it is set.
func (b *builder) copy(from, to string) {
	v := b.get(from)
	if v.IsNull() {
		return
	}
	b.set(to, v)
	b.refsFrom(from, to, b.r)
}

// set sets the attribute at a dotted path.
func (b *builder) set(to string, v infra.Value) { b.attrs.set(strings.Split(to, "."), v) }

// refsFrom records, on r, the references written under the property at
// from as references of the attribute to.
func (b *builder) refsFrom(from, to string, r *infra.Resource) {
	for _, ref := range b.refs {
		if ref.path == from || strings.HasPrefix(ref.path, from+".") || strings.HasPrefix(from, ref.path+".") {
			r.Refs = append(r.Refs, infra.Ref{Attr: to, To: b.t.addr(ref.to)})
		}
	}
}

// tags maps Tags, written as a list of {Key, Value} or (SAM, SSM) a map,
// onto tags. A resource without Tags still gets the stack's tags, which
// CloudFormation applies to every resource it creates; they are given
// when the stack is deployed, so they are unknown unless the parameters
// file says them.
func (b *builder) tags() {
	if _, done := b.attrs.fields["tags"]; done {
		return // set by the type's builder
	}
	b.tagsFrom(b.get("Tags"))
}

// tagsFrom sets tags from a Tags value (see tags).
func (b *builder) tagsFrom(v infra.Value) {
	if v.IsNull() && strings.HasPrefix(b.r.Kind, "aws_") {
		if len(b.t.stackTags) > 0 {
			fields := make([]infra.Field, 0, len(b.t.stackTags))
			for k, x := range b.t.stackTags {
				fields = append(fields, infra.Field{Name: k, Value: str(x).WithExternal(true)})
			}
			b.set("tags", infra.ObjectValue(fields).WithLoc(b.r.Loc))
		} else if b.t.stackTags == nil {
			b.set("tags", infra.UnknownValue("Tags", "the resource has no Tags, and the stack's tags (aws cloudformation deploy --tags), which CloudFormation applies to every resource, are given only when it is deployed; pass them as Tags in a --cfn-parameters file of CodePipeline's form").WithLoc(b.r.Loc))
		}
		return
	}
	switch v.Kind() {
	case infra.List:
		fields := make([]infra.Field, 0, v.Len())
		for _, t := range v.List() {
			k, ok := t.Field("Key").Str()
			if !ok {
				b.set("tags", infra.UnknownValue("Tags", "a tag key cannot be resolved").WithLoc(v.Loc))
				return
			}
			fields = append(fields, infra.Field{Name: k, Value: t.Field("Value")})
		}
		b.set("tags", infra.ObjectValue(fields).WithLoc(v.Loc))
	case infra.Object, infra.Unknown:
		b.set("tags", v)
	}
}

// aux adds a resource CloudFormation configures inline but Terraform, and
// so the rules, see as a separate one pointing at this resource through
// attr (an aws_s3_bucket_versioning whose bucket is the bucket). It is
// addressed as the property it comes from ("Logs.VersioningConfiguration").
func (b *builder) aux(kind, prop, attr string, name infra.Value) *auxBuilder {
	loc := b.get(prop).Loc
	if loc.Line == 0 {
		loc = b.r.Loc
	}
	r := &infra.Resource{
		Kind: kind, Address: b.r.Address + "." + prop, Name: b.id, Loc: loc, Origin: infra.OriginCloudFormation,
		Refs: []infra.Ref{{Attr: attr, To: b.r.Address}},
	}
	if !name.IsKnown() || name.IsNull() {
		name = infra.UnknownValue("!Ref "+b.id, "the name of "+b.id+", known only after CloudFormation creates it")
	}
	a := &auxBuilder{b: b, r: r, prop: prop, name: name.WithLoc(loc)}
	a.attrs.set([]string{attr}, a.name)
	b.extra = append(b.extra, r)
	return a
}

// auxBuilder builds the attributes of an auxiliary resource.
type auxBuilder struct {
	b     *builder
	r     *infra.Resource
	prop  string
	attrs node
	// name is the value of the attribute that points at the resource.
	name infra.Value
}

func (a *auxBuilder) copy(from, to string) {
	v := a.b.get(from)
	if v.IsNull() {
		return
	}
	a.attrs.set(strings.Split(to, "."), v)
	a.b.refsFrom(from, to, a.r)
}

func (a *auxBuilder) set(to string, v infra.Value) { a.attrs.set(strings.Split(to, "."), v) }

func (a *auxBuilder) done() { a.r.Attrs = a.attrs.value(a.r.Loc) }

// node is an attribute tree under construction.
type node struct {
	val    infra.Value
	leaf   bool
	fields map[string]*node
}

func (n *node) set(path []string, v infra.Value) {
	if len(path) == 0 {
		n.val, n.leaf = v, true
		return
	}
	if n.fields == nil {
		n.fields = map[string]*node{}
	}
	c := n.fields[path[0]]
	if c == nil {
		c = &node{}
		n.fields[path[0]] = c
	}
	c.set(path[1:], v)
}

func (n *node) value(loc infra.Location) infra.Value {
	if n.leaf {
		return n.val
	}
	fields := make([]infra.Field, 0, len(n.fields))
	for k, c := range n.fields {
		fields = append(fields, infra.Field{Name: k, Value: c.value(loc)})
	}
	return infra.ObjectValue(fields).WithLoc(loc)
}

// flag reads a known bool the way CloudFormation does ("true" is true).
func flag(v infra.Value) (bool, bool) {
	if !v.IsKnown() {
		return false, false
	}
	if b, ok := v.Bool(); ok {
		return b, true
	}
	s, _ := v.Str()
	if b, err := strconv.ParseBool(s); err == nil {
		return b, true
	}
	return false, false
}

// maxNesting bounds nested stacks: CloudFormation itself allows more, but
// no real stack nests this deep, and a cycle of local files must end.
const maxNesting = 5

// nested grades a nested stack's resources with its parent when its
// TemplateURL is a local file (as `aws cloudformation package` takes it,
// or a CDK nested stack's asset path); a remote one is a coverage note.
// Its resources are addressed under the stack's ("Network/Vpc").
func (t *template) nested(id string, def infra.Value) {
	url, _ := t.ev.eval(def.Get("Properties.TemplateURL"), "").Str()
	if asset, ok := def.Get("Metadata").Field("aws:asset:path").Str(); ok && asset != "" {
		url = asset // CDK: the template is in cdk.out beside the parent's
	}
	loc := def.Get("Properties.TemplateURL").Loc
	if loc.Line == 0 {
		loc = def.Loc
	}
	if url == "" || strings.Contains(url, "://") || t.open == nil {
		t.note(infra.NoteCoverage, loc, fmt.Sprintf("nested stack %s is not graded: its template is not a local file (%s); scan its template on its own", id, orUnknown(url)))
		return
	}
	path := filepath.Join(filepath.Dir(t.file), filepath.FromSlash(url))
	if t.depth >= maxNesting || slices.Contains(t.seen, path) || path == t.file {
		t.note(infra.NoteCoverage, loc, fmt.Sprintf("nested stack %s is not graded: its template %s nests too deep or contains itself", id, path))
		return
	}
	p, err := t.open(path)
	if err != nil || p == nil {
		why := "it is not a CloudFormation template"
		if err != nil {
			why = err.Error()
		}
		t.note(infra.NoteError, loc, fmt.Sprintf("nested stack %s: cannot read its template %s: %s", id, path, why))
		return
	}
	values := map[string]infra.Value{}
	for _, f := range def.Get("Properties.Parameters").Fields() {
		values[f.Name] = t.ev.eval(f.Value, "")
	}
	child := newTemplate(p.file, p.root, &given{values: values, tags: t.stackTags, pseudo: nil})
	for k, v := range t.ev.pseudo {
		child.ev.pseudo[k] = v
	}
	child.prefix = t.addr(id) + "/"
	child.open, child.depth, child.seen = t.open, t.depth+1, append(slices.Clone(t.seen), t.file)
	child.notes = append(child.notes, p.notes...)
	child.build()
	t.out = append(t.out, child.out...)
	t.notes = append(t.notes, child.notes...)
}

func orUnknown(s string) string {
	if s == "" {
		return "it cannot be resolved"
	}
	return s
}

// nestedFiles are the local templates a template nests, which are graded
// with it and not on their own.
func nestedFiles(p *parsed) []string {
	var out []string
	for _, f := range p.root.Field("Resources").Fields() {
		if t, _ := f.Value.Field("Type").Str(); t != "AWS::CloudFormation::Stack" {
			continue
		}
		url, _ := f.Value.Get("Properties.TemplateURL").Str()
		if asset, ok := f.Value.Get("Metadata").Field("aws:asset:path").Str(); ok && asset != "" {
			url = asset
		}
		if url != "" && !strings.Contains(url, "://") {
			out = append(out, filepath.Join(filepath.Dir(p.file), filepath.FromSlash(url)))
		}
	}
	return out
}
