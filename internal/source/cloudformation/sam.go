package cloudformation

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// SAM (Transform: AWS::Serverless-2016-10-31) is expanded where the rules
// need it, the way the SAM translator would: Globals are applied to each
// serverless resource, an AWS::Serverless::Function is the Lambda function
// it creates (with the alias AutoPublishAlias makes), a SimpleTable the
// DynamoDB table, an Api or HttpApi the stage, and a function's Api and
// HttpApi events that name no API are the implicit APIs SAM creates for
// them (implicitAPIs). Other event sources are not expanded (no rule reads
// them yet).

const samTransform = "AWS::Serverless-2016-10-31"

// isSAM reports a template that SAM transforms: it says so, or it holds
// AWS::Serverless:: resources (which only the transform accepts; a
// template that forgot the line is still meant as SAM).
func isSAM(root infra.Value) bool {
	tr := root.Field("Transform")
	if s, ok := tr.Str(); ok && s == samTransform {
		return true
	}
	for _, x := range tr.List() {
		if s, _ := x.Str(); s == samTransform {
			return true
		}
	}
	for _, f := range root.Field("Resources").Fields() {
		if t, _ := f.Value.Field("Type").Str(); strings.HasPrefix(t, "AWS::Serverless::") {
			return true
		}
	}
	return false
}

// globalsSection is the Globals section for each serverless type.
var globalsSection = map[string]string{
	"AWS::Serverless::Function":     "Function",
	"AWS::Serverless::Api":          "Api",
	"AWS::Serverless::HttpApi":      "HttpApi",
	"AWS::Serverless::SimpleTable":  "SimpleTable",
	"AWS::Serverless::StateMachine": "StateMachine",
}

// applyGlobals merges the Globals section into the Properties of each
// serverless resource: a property the resource writes wins, and maps
// (Environment.Variables, Tags) are merged key by key, as SAM does.
func applyGlobals(root infra.Value, resources []infra.Field) []infra.Field {
	globals := root.Field("Globals")
	if globals.Kind() != infra.Object {
		return resources
	}
	out := make([]infra.Field, len(resources))
	for i, f := range resources {
		out[i] = f
		typ, _ := f.Value.Field("Type").Str()
		g := globals.Field(globalsSection[typ])
		if globalsSection[typ] == "" || g.Kind() != infra.Object {
			continue
		}
		props := merge(g, f.Value.Field("Properties"))
		fields := make([]infra.Field, 0, f.Value.Len()+1)
		for _, x := range f.Value.Fields() {
			if x.Name != "Properties" {
				fields = append(fields, x)
			}
		}
		fields = append(fields, infra.Field{Name: "Properties", Value: props})
		out[i].Value = infra.ObjectValue(fields).WithLoc(f.Value.Loc)
	}
	return out
}

// merge lays over on base: objects merge member by member (unless either
// is an intrinsic function), anything else in over replaces base.
func merge(base, over infra.Value) infra.Value {
	if over.IsNull() {
		return base
	}
	_, _, fnB := intrinsicName(base)
	_, _, fnO := intrinsicName(over)
	if base.Kind() != infra.Object || over.Kind() != infra.Object || fnB || fnO {
		return over
	}
	fields := make([]infra.Field, 0, base.Len()+over.Len())
	for _, f := range base.Fields() {
		if !over.Has(f.Name) {
			fields = append(fields, f)
		}
	}
	for _, f := range over.Fields() {
		fields = append(fields, infra.Field{Name: f.Name, Value: merge(base.Field(f.Name), f.Value)})
	}
	return infra.ObjectValue(fields).WithLoc(over.Loc)
}

// samFunction: Tracing Active is tracing_config.mode; AutoPublishAlias
// publishes a version on every change and points the alias at it.
func samFunction(b *builder) {
	b.implicitEvents()
	if s, ok := b.get("Tracing").Str(); ok {
		b.set("tracing_config.mode", str(s).WithLoc(b.get("Tracing").Loc))
	}
	alias := b.get("AutoPublishAlias")
	if alias.IsNull() {
		return
	}
	b.set("publish", infra.BoolValue(true).WithLoc(alias.Loc))
	a := b.aux("aws_lambda_alias", "AutoPublishAlias", "function_name", b.get("FunctionName"))
	a.set("name", alias)
	a.set("function_version", infra.UnknownValue("!GetAtt "+b.id+"Version.Version",
		"the version SAM publishes, known only after CloudFormation creates it").WithLoc(alias.Loc))
	a.r.Refs = append(a.r.Refs, infra.Ref{Attr: "function_version", To: b.r.Address})
	if dp := b.get("DeploymentPreference"); !dp.IsNull() {
		a.set("routing_config.deployment_preference", dp)
	}
	a.done()
}

// samSimpleTable: "If ProvisionedThroughput is not specified BillingMode
// will be specified as PAY_PER_REQUEST" (SAM, AWS::Serverless::SimpleTable).
func samSimpleTable(b *builder) {
	if b.get("ProvisionedThroughput").IsNull() {
		b.set("billing_mode", str("PAY_PER_REQUEST").WithLoc(b.r.Loc))
	} else {
		b.set("billing_mode", str("PROVISIONED").WithLoc(b.get("ProvisionedThroughput").Loc))
	}
}

// lambdaVersions links AWS::Lambda::Version resources to their function:
// a function with a Version is published (Terraform's publish = true), and
// an alias whose FunctionVersion is !GetAtt Version.Version follows the
// function's published versions, as function_version =
// aws_lambda_function.x.version says in Terraform.
func (t *template) lambdaVersions() {
	byAddr := map[string]*infra.Resource{}
	for _, r := range t.out {
		byAddr[r.Address] = r
	}
	versionOf := map[string]*infra.Resource{} // Version address → function
	for _, r := range t.out {
		if r.Kind != "AWS::Lambda::Version" {
			continue
		}
		for _, ref := range r.Refs {
			if f := byAddr[ref.To]; f != nil && f.Kind == "aws_lambda_function" && ref.Attr == "function_name" {
				versionOf[r.Address] = f
				if !f.Attrs.Has("publish") {
					fields := append(append([]infra.Field{}, f.Attrs.Fields()...),
						infra.Field{Name: "publish", Value: infra.BoolValue(true).WithLoc(r.Loc)})
					f.Attrs = infra.ObjectValue(fields).WithLoc(f.Attrs.Loc)
				}
			}
		}
	}
	for _, r := range t.out {
		if r.Kind != "aws_lambda_alias" {
			continue
		}
		for _, ref := range r.Refs {
			if f := versionOf[ref.To]; f != nil && strings.HasPrefix(ref.Attr, "function_version") {
				r.Refs = append(r.Refs, infra.Ref{Attr: "function_version", To: f.Address})
			}
		}
	}
}

// implicitAPI is an API SAM creates for the functions' events that name
// none: one REST API (ServerlessRestApi) for every Api event without
// RestApiId, one HTTP API (ServerlessHttpApi) for every HttpApi event
// without ApiId, each with a stage whose name cannot be configured (Prod,
// and $default), configured by Globals.Api and Globals.HttpApi ("You can
// use Globals to override all properties of implicit APIs", SAM developer
// guide, Globals section; the APIs and stages: SAM's
// docs/internals/generated_resources.rst, "Implicit API" and "Implicit
// HTTP API").
type implicitAPI struct {
	id, typ, event, idProp, globals, stage string
}

var implicitAPIKinds = []implicitAPI{
	{id: "ServerlessRestApi", typ: "AWS::Serverless::Api", event: "Api", idProp: "RestApiId", globals: "Api", stage: "Prod"},
	{id: "ServerlessHttpApi", typ: "AWS::Serverless::HttpApi", event: "HttpApi", idProp: "ApiId", globals: "HttpApi", stage: "$default"},
}

// implicitUse is the first function event that makes an implicit API.
type implicitUse struct {
	fn  string
	loc infra.Location
}

// implicitEvents records the function's events that make implicit APIs.
func (b *builder) implicitEvents() {
	for _, ev := range b.get("Events").Fields() {
		typ, _ := ev.Value.Field("Type").Str()
		for _, k := range implicitAPIKinds {
			if typ != k.event || !ev.Value.Get("Properties."+k.idProp).IsNull() {
				continue
			}
			if b.t.implicit == nil {
				b.t.implicit = map[string]implicitUse{}
			}
			if _, seen := b.t.implicit[k.id]; !seen {
				b.t.implicit[k.id] = implicitUse{fn: b.id, loc: ev.Value.Loc}
			}
		}
	}
}

// implicitAPIs adds the implicit APIs the functions' events make, as the
// explicit AWS::Serverless::Api and HttpApi are mapped: the stage the
// rules grade. One is addressed by SAM's logical id and named for the
// function whose event made it (as a resource made from another is), and
// located at that event. A template that declares a resource with SAM's
// logical id itself is left as written.
func (t *template) implicitAPIs() {
	globals := t.root.Field("Globals")
	for _, k := range implicitAPIKinds {
		use, ok := t.implicit[k.id]
		if _, declared := t.ev.resources[k.id]; !ok || declared {
			continue
		}
		stage := infra.ObjectValue([]infra.Field{{Name: "StageName", Value: infra.StringValue(k.stage).WithLoc(use.loc)}}).WithLoc(use.loc)
		props := merge(globals.Field(k.globals), stage)
		def := infra.ObjectValue([]infra.Field{
			{Name: "Type", Value: infra.StringValue(k.typ).WithLoc(use.loc)},
			{Name: "Properties", Value: props},
		}).WithLoc(use.loc)
		i := len(t.out)
		t.resource(k.id, k.typ, def)
		t.out[i].Name = use.fn
	}
}
