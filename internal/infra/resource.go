package infra

import (
	"fmt"
	"strings"
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
	// Origin says which front end produced the resource: "hcl", "plan",
	// "state", OriginCloudFormation, ….
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
	// OwnNames are the resource's own words for the rules' (Terraform's)
	// attribute paths and kinds, where its format differs: a CloudFormation
	// template's MultiAZ for multi_az, AWS::SQS::Queue for aws_sqs_queue.
	// Findings use them so that messages speak the file's language. Shared
	// by all resources of a type: never modified.
	OwnNames map[string]string
	// Refs are the references from this resource's attributes to other
	// resources of the same component. A reference is recorded even when the
	// referenced value is unknown, which is what cross-resource rules need.
	Refs []Ref
	// Metadata is, for a CloudFormation resource, the Metadata sections
	// where cfn_nag, cfn-lint, Checkov and prodgrade itself read
	// suppressions (policy/inline): kept as written, with positions, so a
	// suppression is reported where it is written. nil for other formats,
	// and for a resource whose template writes none.
	Metadata *Metadata
}

// Metadata are the CloudFormation Metadata sections that concern a
// resource. Annotations cannot hold them: their entries are structured
// (lists of {id, reason}) and each must keep its own file:line.
type Metadata struct {
	// Resource is the resource's Metadata section. A resource the loader
	// makes from another (an S3 bucket's versioning configuration, a SAM
	// function's alias) has the section of the resource written in the
	// template, since that is where its suppressions are written.
	Resource Value
	// Template is the template's top-level Metadata section (where
	// cfn-lint reads settings for the whole template), shared by every
	// resource of the template.
	Template Value
}

// OriginCloudFormation is the Origin of resources from CloudFormation
// templates (SAM and CDK output included): they carry Terraform's kinds
// and attribute names, but their fixes are written in CloudFormation.
const OriginCloudFormation = "cloudformation"

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
	if path == "" {
		return r.Loc
	}
	top, _ := nextSegment(path)
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
	// Context are resources graded in another component that this one's
	// rules may still see through the graph: a namespace's default-deny
	// NetworkPolicy or backup schedule is evidence for every application
	// in the namespace, but is graded once.
	Context []*Resource
	Notes   []Note
	// Unexpanded counts module calls whose contents could not be loaded.
	// Each is also a "module" resource marked UnexpandedAttr, which absence
	// rules ask whether it might hold their evidence.
	Unexpanded int
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

// UnexpandedAttr is set (true) on the "module" pseudo-resource of a module
// call whose contents could not be loaded. Its other attributes are the
// inputs the call is given, and its references are what they name.
const UnexpandedAttr = "prodgrade_unexpanded"
