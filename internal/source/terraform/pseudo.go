package terraform

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/zclconf/go-cty/cty"
)

// Module calls and the settings pseudo-resources: terraform, module and
// provider blocks, emitted so that rules about them run like any other.

func (m *module) hasResource(key string) bool {
	for _, b := range m.resources {
		k := b.Labels[0] + "." + b.Labels[1]
		if b.Type == "data" {
			k = "data." + k
		}
		if k == key {
			return true
		}
	}
	return false
}

// call evaluates a module call: each instance's inputs, then the child
// module, whose outputs become module.<name>.
func (s *scope) call(b *hclsyntax.Block) {
	name := b.Labels[0]
	addr := s.prefix + "module." + name
	source, version := literalString(b.Body, "source"), literalString(b.Body, "version")
	callAttrs := []infra.Field{{Name: "source", Value: infra.StringValue(source).WithLoc(s.attrLoc(b.Body, "source"))}}
	if version != "" {
		callAttrs = append(callAttrs, infra.Field{Name: "version", Value: infra.StringValue(version).WithLoc(s.attrLoc(b.Body, "version"))})
	}
	call := &infra.Resource{Kind: "module", Address: addr, Name: name, Module: strings.TrimSuffix(s.prefix, "."),
		Loc: s.loc(b.Range()), Origin: "hcl"}

	childKey := join(s.key, name)
	dir, why := s.c.resolveModule(s.mod.dir, source, childKey)
	if dir != "" && s.calling(dir) {
		dir, why = "", "the module calls itself (Terraform cannot build such a configuration)"
	}
	if dir == "" || s.depth >= maxModuleDepth {
		if dir != "" {
			why = fmt.Sprintf("module nesting deeper than %d levels", maxModuleDepth)
		}
		if !s.quiet {
			s.c.comp.Unexpanded++
		}
		// What an unexpanded call is given says what it could create
		// evidence for: an absence rule stays unknown only for the
		// resources it receives (see rules.Check.Missing).
		_, inputs, refs := s.body(b.Body, s.ctx(b.Body, nil), "", true)
		for _, f := range inputs.Fields() {
			switch f.Name {
			case "source", "version", "count", "for_each", "providers", "depends_on":
			default:
				callAttrs = append(callAttrs, f)
			}
		}
		callAttrs = append(callAttrs, infra.Field{Name: infra.UnexpandedAttr, Value: infra.BoolValue(true)})
		call.Attrs, call.Refs = infra.ObjectValue(callAttrs), refs
		s.emit(call)
		s.note(infra.NoteCoverage, b.DefRange(), fmt.Sprintf("%s was not expanded: %s; its resources are not graded", addr, why))
		s.calls[name] = markedUnknown(addr + " was not expanded (" + why + ")")
		return
	}
	call.Attrs = infra.ObjectValue(callAttrs)
	s.emit(call)
	child := s.c.module(dir)

	keys, known, why, _ := s.expand(b.Body)
	values := make([]cty.Value, 0, len(keys))
	for _, k := range keys {
		ctx := s.ctx(b.Body, k.extra)
		inputs := map[string]cty.Value{}
		locs := map[string]infra.Location{}
		for n, a := range b.Body.Attributes {
			switch n {
			case "source", "version", "count", "for_each", "providers", "depends_on":
				continue
			}
			inputs[n] = s.evalIn(a.Expr, ctx)
			if l, ok := s.writtenAt(a.Expr); ok {
				locs[n] = l
				inputs[n] = inputs[n].Mark(originMark{l, s.depth})
			}
		}
		prefix := addr + k.suffix + "."
		vars := s.c.childVars(child, inputs, prefix)
		cs := newScope(s.c, child, prefix, childKey, s.depth+1, vars)
		cs.quiet, cs.parent, cs.providers, cs.inputLocs = s.quiet, s, s.passedProviders(b.Body), locs
		cs.run()
		values = append(values, cty.ObjectVal(cs.outputs))
	}
	s.calls[name] = collect(b.Body, keys, values, known, addr+": "+why)
}

// settings emits the terraform block as a pseudo-resource so Terraform-level
// rules (backend, version constraints) run like any other rule. The root
// module always has one, so a missing block is a finding, not a silence.
func (s *scope) settings() {
	if len(s.mod.settings) == 0 && s.prefix != "" {
		return
	}
	var fields []infra.Field
	loc := infra.Location{File: s.mod.firstFile(), Pos: infra.Pos{Line: 1, Col: 1, EndLine: 1, EndCol: 1}}
	providers := []infra.Field{}
	for i, b := range s.mod.settings {
		if i == 0 {
			loc = s.loc(b.Range())
		}
		for _, a := range sortedAttrs(b.Body) {
			if a.Name == "required_version" {
				v, _ := a.Expr.Value(nil)
				fields = append(fields, infra.Field{Name: a.Name, Value: toInfra(v, s.mod.loc(a.Expr.Range()), s.text(a.Expr.Range())).value})
			}
		}
		for _, nb := range b.Body.Blocks {
			switch nb.Type {
			case "backend", "cloud":
				typ := nb.Type
				if typ == "backend" && len(nb.Labels) == 1 {
					typ = nb.Labels[0]
				}
				_, iv, _ := s.body(nb.Body, s.ctx(nil, nil), "backend", false)
				obj := append(iv.Fields(), infra.Field{Name: "type", Value: infra.StringValue(typ).WithLoc(s.mod.loc(nb.DefRange()))})
				fields = append(fields, infra.Field{Name: "backend", Value: infra.ListValue([]infra.Value{infra.ObjectValue(obj).WithLoc(s.mod.loc(nb.DefRange()))}).WithLoc(s.mod.loc(nb.DefRange()))})
			case "required_providers":
				for _, a := range sortedAttrs(nb.Body) {
					v, _ := a.Expr.Value(nil)
					iv := toInfra(v, s.mod.loc(a.Expr.Range()), s.text(a.Expr.Range())).value
					if iv.Kind() == infra.String {
						iv = infra.ObjectValue([]infra.Field{{Name: "version", Value: iv}}).WithLoc(iv.Loc)
					}
					providers = append(providers, infra.Field{Name: a.Name, Value: iv})
				}
			}
		}
	}
	if len(providers) > 0 {
		fields = append(fields, infra.Field{Name: "required_providers", Value: infra.ObjectValue(providers)})
	}
	if s.prefix == "" {
		if tg := s.c.terragrunt(s.mod.dir); !tg.IsNull() {
			fields = append(fields, infra.Field{Name: "terragrunt", Value: tg})
		}
	}
	s.emit(&infra.Resource{Kind: "terraform", Address: s.prefix + "terraform", Name: "terraform", Module: strings.TrimSuffix(s.prefix, "."),
		Attrs: infra.ObjectValue(fields), Loc: loc, Origin: "hcl"})
}

// providerConfigs emits provider blocks (default_tags, region, assume_role)
// for rules that look at provider-wide settings.
func (s *scope) providerConfigs() {
	for _, b := range s.mod.providers {
		addr, name := s.prefix+"provider."+b.Labels[0], b.Labels[0]
		if a := literalString(b.Body, "alias"); a != "" {
			addr, name = addr+"."+a, a
		}
		_, attrs, refs := s.body(b.Body, s.ctx(b.Body, nil), "", false)
		s.emit(&infra.Resource{Kind: "provider", Address: addr, Name: name, Module: strings.TrimSuffix(s.prefix, "."),
			Attrs: attrs, Loc: s.loc(b.Range()), Origin: "hcl", Refs: refs})
	}
}

func (m *module) firstFile() string {
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return m.dir
	}
	return names[0]
}

// literalString reads an attribute that Terraform requires to be a literal
// (module source and version, provider alias).
func literalString(b *hclsyntax.Body, name string) string {
	a := b.Attributes[name]
	if a == nil {
		return ""
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || v.Type() != cty.String || !v.IsKnown() || v.IsNull() {
		return ""
	}
	return v.AsString()
}

// terragrunt describes how Terragrunt runs a root module, when it does: a
// terragrunt.hcl in the module's directory ({file, remote_state: whether it
// has a remote_state block, which generates the backend}), or a module in a
// wrappers/ directory, which terraform-aws-modules generate for Terragrunt
// to call ({wrapper: true}). Null when neither is there.
func (c *componentLoader) terragrunt(dir string) infra.Value {
	file := filepath.Join(dir, "terragrunt.hcl")
	if src, err := c.l.tree.ReadSource(file); err == nil {
		loc := infra.Location{File: file, Pos: infra.Pos{Line: 1, Col: 1}}
		return infra.ObjectValue([]infra.Field{
			{Name: "file", Value: infra.StringValue(file).WithLoc(loc)},
			{Name: "remote_state", Value: infra.BoolValue(mentionsBlock(src, "remote_state")).WithLoc(loc)},
		}).WithLoc(loc)
	}
	d := filepath.Clean(dir)
	if filepath.Base(d) == "wrappers" || filepath.Base(filepath.Dir(d)) == "wrappers" {
		return infra.ObjectValue([]infra.Field{{Name: "wrapper", Value: infra.BoolValue(true)}})
	}
	return infra.NullValue()
}

// mentionsBlock reports a line that opens a block of the given type.
func mentionsBlock(src []byte, typ string) bool {
	for _, line := range bytes.Split(src, []byte("\n")) {
		if f := bytes.Fields(line); len(f) > 0 && string(f[0]) == typ {
			return true
		}
	}
	return false
}
