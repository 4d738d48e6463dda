package packer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules/secretname"
	"github.com/prodgrade/prodgrade/internal/source/hclguard"
	"github.com/prodgrade/prodgrade/internal/source/yaml"
)

// legacy is the state of reading one legacy JSON template.
type legacy struct {
	l    *loader
	file string
	// vars are the user variables as resolved; hide marks the sensitive
	// and secret-named ones.
	vars    map[string]infra.Value
	hide    map[string]bool
	raw     map[string]infra.Value
	pending map[string]bool
}

// loadLegacy reads a legacy JSON template. Positions come from the
// project's YAML pass (JSON is YAML), so every value has its line.
func (l *loader) loadLegacy(file string, data []byte) {
	l.src[file] = data
	if !json.Valid(data) {
		var se *json.SyntaxError
		err := json.Unmarshal(data, new(any))
		line := 0
		if errors.As(err, &se) {
			line = 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte{'\n'})
		}
		msg := "not valid JSON"
		if err != nil {
			msg += ": " + err.Error()
		}
		l.note(infra.NoteError, file, line, msg+"; Packer cannot read the template: fix the JSON")
		return
	}
	if line := jsonTooDeep(data); line > 0 {
		l.notes = append(l.notes, hclguard.DepthNote(file, line))
		return
	}
	// In valid JSON a tab can only be whitespace between tokens (inside a
	// string it must be escaped), and YAML refuses tabs where JSON allows
	// them: as spaces they mean the same and keep every line and column.
	docs, err := yaml.Parse(file, bytes.ReplaceAll(data, []byte{'\t'}, []byte{' '}))
	if err != nil {
		n := infra.Note{Kind: infra.NoteError, File: file, Message: err.Error()}
		var ye *yaml.Error
		if errors.As(err, &ye) {
			n.Line, n.Message = ye.Line, ye.Msg
		}
		l.notes = append(l.notes, n)
		return
	}
	if len(docs) == 0 || docs[0].Value.Kind() != infra.Object {
		l.note(infra.NoteError, file, 1, "a legacy Packer template is a JSON object with \"builders\"; this is not one")
		return
	}
	root := docs[0].Value
	lg := &legacy{l: l, file: file, vars: map[string]infra.Value{}, hide: map[string]bool{}, raw: map[string]infra.Value{}, pending: map[string]bool{}}
	lg.variables(root)
	if v := root.Field("min_packer_version"); !v.IsNull() {
		l.resources = append(l.resources, &infra.Resource{
			Kind: KindSettings, Address: "packer", Name: "packer", Loc: v.Loc, Origin: origin,
			Attrs: infra.ObjectValue([]infra.Field{{Name: "min_packer_version", Value: v}}).WithLoc(v.Loc),
		})
	}
	build := &infra.Resource{Kind: KindBuild, Address: "build", Name: "build", Loc: root.Loc, Origin: origin}
	var sources []infra.Value
	builders := root.Field("builders")
	if builders.Kind() != infra.List {
		l.note(infra.NoteError, file, int(root.Loc.Line), "\"builders\" must be a list of builder objects; Packer refuses the template")
	}
	for _, b := range builders.List() {
		if b.Kind() != infra.Object {
			l.note(infra.NoteError, file, int(b.Loc.Line), "a builder must be an object with \"type\"; Packer refuses it")
			continue
		}
		b = lg.resolve(b, 0)
		name, _ := b.Field("name").Str()
		if name == "" {
			name, _ = b.Field("type").Str()
		}
		if name == "" {
			l.note(infra.NoteError, file, int(b.Loc.Line), "a builder has no \"type\"; Packer refuses it: add one")
			continue
		}
		r := &infra.Resource{Kind: KindSource, Address: "source." + name, Name: name, Loc: b.Loc, Attrs: b, Origin: origin}
		l.resources = append(l.resources, r)
		sources = append(sources, infra.StringValue(name).WithLoc(b.Loc))
		build.Refs = append(build.Refs, infra.Ref{Attr: "sources", To: r.Address, How: infra.EdgeName})
	}
	var provs []infra.Value
	for _, p := range root.Field("provisioners").List() {
		if p.Kind() != infra.Object {
			l.note(infra.NoteError, file, int(p.Loc.Line), "a provisioner must be an object with \"type\"; Packer refuses it")
			continue
		}
		p = lg.resolve(p, 0)
		typ, _ := p.Field("type").Str()
		l.shellOf(build, typ, p, len(provs))
		provs = append(provs, p)
	}
	var posts []infra.Value
	for seq, pp := range root.Field("post-processors").List() {
		chain := []infra.Value{pp}
		if pp.Kind() == infra.List {
			chain = pp.List()
		}
		for _, p := range chain {
			if s, ok := p.Str(); ok && p.Kind() == infra.String {
				// "post-processors": ["compress"] is short for {"type": "compress"}.
				p = infra.ObjectValue([]infra.Field{{Name: "type", Value: infra.StringValue(s).WithLoc(p.Loc)}}).WithLoc(p.Loc)
			}
			if p.Kind() != infra.Object {
				l.note(infra.NoteError, file, int(p.Loc.Line), "a post-processor must be a type name or an object with \"type\"; Packer refuses it")
				continue
			}
			p = lg.resolve(p, 0)
			fields := append(append([]infra.Field(nil), p.Fields()...),
				infra.Field{Name: "sequence", Value: infra.NumberValue(float64(seq)).WithLoc(p.Loc)})
			posts = append(posts, infra.ObjectValue(fields).WithLoc(p.Loc))
		}
	}
	build.Attrs = infra.ObjectValue([]infra.Field{
		{Name: "name", Value: infra.NullValue()},
		{Name: "sources", Value: infra.ListValue(sources).WithLoc(builders.Loc)},
		{Name: "provisioners", Value: infra.ListValue(provs).WithLoc(root.Field("provisioners").Loc)},
		{Name: "post_processors", Value: infra.ListValue(posts).WithLoc(root.Field("post-processors").Loc)},
	}).WithLoc(root.Loc)
	l.resources = append(l.resources, build)
}

// variables reads "variables" and "sensitive-variables" and makes one
// packer/Variable per variable.
func (lg *legacy) variables(root infra.Value) {
	declared := map[string]bool{}
	for _, s := range root.Field("sensitive-variables").List() {
		if n, ok := s.Str(); ok {
			lg.hide[n] = true
			declared[n] = true
		}
	}
	vars := root.Field("variables")
	for _, f := range vars.Fields() {
		lg.raw[f.Name] = f.Value
		if secretname.Is(f.Name) && !secretname.IsReference(f.Name) && !secretname.IsSwitch(f.Name) {
			lg.hide[f.Name] = true
		}
	}
	names := make([]string, 0, len(lg.raw))
	for n := range lg.raw {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		def := lg.raw[n]
		val := lg.variable(n)
		if lg.hide[n] {
			def = def.WithHidden(fromSensitive)
			val = val.WithHidden(fromSensitive)
		}
		lg.l.resources = append(lg.l.resources, &infra.Resource{
			Kind: KindVariable, Address: "var." + n, Name: n, Loc: def.Loc, Origin: origin,
			Attrs: infra.ObjectValue([]infra.Field{
				{Name: "default", Value: def},
				{Name: "sensitive", Value: infra.BoolValue(declared[n])},
				{Name: "type", Value: infra.NullValue()},
				{Name: "description", Value: infra.NullValue()},
				{Name: "value", Value: val},
			}).WithLoc(def.Loc),
		})
	}
}

// variable is a user variable's value: its default with its own templates
// resolved. A null default is a required variable: unknown.
func (lg *legacy) variable(name string) infra.Value {
	if v, ok := lg.vars[name]; ok {
		return v
	}
	raw, declared := lg.raw[name]
	switch {
	case !declared:
		return infra.UnknownValue("{{user `"+name+"`}}", fmt.Sprintf("user variable %q is not declared in \"variables\"", name))
	case lg.pending[name]:
		return infra.UnknownValue("{{user `"+name+"`}}", fmt.Sprintf("user variable %q refers to itself", name))
	}
	var v infra.Value
	if raw.IsNull() {
		v = infra.UnknownValue("{{user `"+name+"`}}", fmt.Sprintf("user variable %q has no default: Packer asks for it with -var or -var-file", name)).WithLoc(raw.Loc)
	} else {
		lg.pending[name] = true
		v = lg.resolve(raw, 0)
		delete(lg.pending, name)
	}
	if lg.hide[name] {
		v = v.WithHidden(fromSensitive)
	}
	lg.vars[name] = v
	return v
}

// action matches one {{ … }} of Packer's legacy template language.
var action = regexp.MustCompile(`\{\{-?\s*(.*?)\s*-?\}\}`)

// userCall matches {{user `name`}} (or "name").
var userCall = regexp.MustCompile("^user\\s+[`\"]([^`\"]*)[`\"]$")

// resolve evaluates the templates in every string of v: {{user `x`}}
// becomes the variable's value, {{template_dir}} the template's directory,
// and the placeholders a provisioner fills in itself ({{ .Path }}, {{ .Vars
// }}) stay as written, as they do in HCL2 templates. Anything else
// ({{timestamp}}, {{env `X`}}, {{isotime}}, …) is only known when Packer
// runs: the string is unknown, with the template.
func (lg *legacy) resolve(v infra.Value, depth int) infra.Value {
	if depth > maxConvertDepth {
		return infra.UnknownValue("", "nested too deep for prodgrade").WithLoc(v.Loc)
	}
	switch v.Kind() {
	case infra.String:
		s, _ := v.Str()
		if !strings.Contains(s, "{{") {
			return v
		}
		return lg.template(s, v)
	case infra.List:
		items := make([]infra.Value, len(v.List()))
		for i, e := range v.List() {
			items[i] = lg.resolve(e, depth+1)
		}
		return infra.ListValue(items).WithLoc(v.Loc).WithHidden(v.Hidden())
	case infra.Object:
		fields := make([]infra.Field, len(v.Fields()))
		for i, f := range v.Fields() {
			fields[i] = infra.Field{Name: f.Name, Value: lg.resolve(f.Value, depth+1)}
		}
		return infra.ObjectValue(fields).WithLoc(v.Loc).WithHidden(v.Hidden())
	}
	return v
}

func (lg *legacy) template(s string, v infra.Value) infra.Value {
	var why []string
	hiddenFrom := v.Hidden()
	out := action.ReplaceAllStringFunc(s, func(m string) string {
		inner := action.FindStringSubmatch(m)[1]
		switch {
		case strings.HasPrefix(inner, "."):
			return m // filled in by the provisioner or builder itself
		case inner == "template_dir":
			return lg.l.dir
		}
		if u := userCall.FindStringSubmatch(inner); u != nil {
			uv := lg.variable(u[1])
			if h := uv.Hidden(); h != "" {
				hiddenFrom = h
			}
			if str, ok := uv.Str(); ok && uv.IsKnown() {
				return str
			}
			if uv.IsKnown() {
				why = append(why, fmt.Sprintf("user variable %q is not a string", u[1]))
			} else {
				why = append(why, uv.Why())
			}
			return m
		}
		fn, _, _ := strings.Cut(inner, " ")
		why = append(why, fmt.Sprintf("{{%s}} is only known when Packer runs", fn))
		return m
	})
	var r infra.Value
	if len(why) > 0 {
		r = infra.UnknownValue(s, strings.Join(dedupe(why), "; ")).WithLoc(v.Loc)
	} else {
		r = infra.StringValue(out).WithLoc(v.Loc)
	}
	if hiddenFrom != "" {
		r = r.WithHidden(hiddenFrom)
	}
	return r
}

func dedupe(s []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
