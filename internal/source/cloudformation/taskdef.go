package cloudformation

import (
	"encoding/json"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules/secretname"
)

// ecsTaskDefinition turns ContainerDefinitions, which CloudFormation takes
// as a list of objects in PascalCase, into the JSON container_definitions
// Terraform takes (camelCase, as the ECS API writes it), which the ECS task
// rules read.
//
// Only what a rule reads is carried over: each container's name, image,
// user, readonlyRootFilesystem, environment and logConfiguration's
// logDriver. So a log group written as !Ref LogGroup in the log options,
// a secret's ARN in Secrets, ports or mounts, which no rule reads and which
// are often known only at deploy time, never make the document unknown.
// A value a rule does read that cannot be resolved makes the whole document
// unknown, with the container and property that caused it: the rules judge
// the document as a whole, and a container left out or a field dropped
// would read as a pass.
func ecsTaskDefinition(b *builder) {
	cds := b.get("ContainerDefinitions")
	if cds.IsNull() {
		return
	}
	loc := cds.Loc
	if !cds.IsKnown() || cds.Kind() != infra.List {
		b.set("container_definitions", infra.UnknownValue("ContainerDefinitions", "ContainerDefinitions cannot be resolved").WithLoc(loc))
		return
	}
	out := make([]map[string]any, 0, cds.Len())
	for i, c := range cds.List() {
		ct, why := containerJSON(c)
		if why != "" {
			name, _ := c.Field("Name").Str()
			if name == "" {
				name = "#" + itoa(i)
			}
			b.set("container_definitions", infra.UnknownValue("ContainerDefinitions",
				"container "+name+": "+why).WithLoc(loc))
			b.refsFrom("ContainerDefinitions", "container_definitions", b.r)
			return
		}
		out = append(out, ct)
	}
	text, err := json.Marshal(out)
	if err != nil {
		return
	}
	b.set("container_definitions", str(string(text)).WithLoc(loc))
	b.refsFrom("ContainerDefinitions", "container_definitions", b.r)
}

// containerJSON is one container as the rules read it, or why a value they
// read cannot be resolved.
func containerJSON(c infra.Value) (map[string]any, string) {
	ct := map[string]any{}
	if !c.IsKnown() || c.Kind() != infra.Object {
		return nil, "the container cannot be resolved"
	}
	// The name only labels findings: an unknown one is left out (the rules
	// then say #i).
	if s, ok := c.Field("Name").Str(); ok && c.Field("Name").IsKnown() {
		ct["name"] = s
	}
	for _, f := range []struct{ from, to string }{{"Image", "image"}, {"User", "user"}} {
		v := c.Field(f.from)
		switch {
		case v.IsNull():
		case !v.IsKnown():
			s, ok := subImage(f.from, v)
			if !ok {
				return nil, f.from + " " + unknownText(v)
			}
			ct[f.to] = s
		default:
			s, ok := scalarString(v)
			if !ok {
				return nil, f.from + " is not a string"
			}
			ct[f.to] = s
		}
	}
	if v := c.Field("ReadonlyRootFilesystem"); !v.IsNull() {
		on, ok := flag(v)
		if !ok || !v.IsKnown() {
			return nil, "ReadonlyRootFilesystem " + unknownText(v)
		}
		ct["readonlyRootFilesystem"] = on
	}
	if env := c.Field("Environment"); !env.IsNull() {
		if !env.IsKnown() || env.Kind() != infra.List {
			return nil, "Environment " + unknownText(env)
		}
		items := make([]any, 0, env.Len())
		for _, e := range env.List() {
			n, ok := e.Field("Name").Str()
			if !ok || !e.Field("Name").IsKnown() {
				return nil, "the name of an Environment variable " + unknownText(e.Field("Name"))
			}
			kv := map[string]any{"name": n}
			v := e.Field("Value")
			switch s, ok := scalarString(v); {
			case ok:
				kv["value"] = s
			case v.IsNull():
			case secretname.Is(n) && !secretname.IsReference(n) && !secretname.IsSwitch(n) && v.IsSensitive():
				// A NoEcho parameter's value, not known here but a secret
				// by its own declaration: ECS keeps it in the task
				// definition in clear all the same. The rule never prints
				// a value; this one only stands for it.
				kv["value"] = "(a NoEcho parameter)"
			case secretname.Is(n) && !secretname.IsReference(n) && !secretname.IsSwitch(n):
				// aws-ecs-task-env-secrets reads the value of a variable
				// named like a secret (not one naming a reference, as
				// DB_PASSWORD_ARN, or a switch); no rule reads any other.
				return nil, "Environment " + n + " " + unknownText(v)
			}
			items = append(items, kv)
		}
		ct["environment"] = items
	}
	if lc := c.Field("LogConfiguration"); !lc.IsNull() {
		d := lc.Field("LogDriver")
		m := map[string]any{}
		switch s, ok := scalarString(d); {
		case ok:
			m["logDriver"] = s
		case !d.IsNull() || !lc.IsKnown():
			return nil, "LogConfiguration.LogDriver " + unknownText(d)
		}
		ct["logConfiguration"] = m
	}
	return ct, ""
}

// subImage reads an image written with !Sub whose last path segment (the
// repository name and its tag or digest) is literal, as in
// "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/api:1.4.2": the
// account and region are known only at deploy time, but whether the image
// is pinned is not. The template text stands for the image; a variable in
// the last segment ("api:${Tag}") leaves it unknown.
func subImage(prop string, v infra.Value) (string, bool) {
	tmpl, ok := strings.CutPrefix(v.Expr(), "!Sub ")
	if prop != "Image" || !ok {
		return "", false
	}
	slash := strings.LastIndex(tmpl, "/")
	if slash < 0 || strings.Contains(tmpl[slash:], "${") || strings.Contains(tmpl[slash:], "}") {
		return "", false
	}
	return tmpl, true
}

// unknownText says why a value cannot be read.
func unknownText(v infra.Value) string {
	if w := v.Why(); w != "" {
		return "cannot be resolved (" + w + ")"
	}
	return "cannot be resolved"
}
