package tfjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// Plan JSON: https://developer.hashicorp.com/terraform/internals/json-format

type planDoc struct {
	FormatVersion    string           `json:"format_version"`
	TerraformVersion string           `json:"terraform_version"`
	PlannedValues    *valuesDoc       `json:"planned_values"`
	ResourceChanges  []resourceChange `json:"resource_changes"`
	Configuration    span             `json:"configuration"`
	PriorState       *stateDoc        `json:"prior_state"`
	Errored          bool             `json:"errored"`
}

type stateDoc struct {
	FormatVersion    string     `json:"format_version"`
	TerraformVersion string     `json:"terraform_version"`
	Values           *valuesDoc `json:"values"`
}

type valuesDoc struct {
	RootModule valuesModule `json:"root_module"`
}

type valuesModule struct {
	Address      string          `json:"address"`
	Resources    []valuesRes     `json:"resources"`
	ChildModules []*valuesModule `json:"child_modules"`
}

type valuesRes struct {
	Address         string   `json:"address"`
	Mode            string   `json:"mode"`
	Type            string   `json:"type"`
	Name            string   `json:"name"`
	Index           span     `json:"index"`
	Values          span     `json:"values"`
	SensitiveValues span     `json:"sensitive_values"`
	DependsOn       []string `json:"depends_on"`
}

type resourceChange struct {
	Address       string `json:"address"`
	ModuleAddress string `json:"module_address"`
	Mode          string `json:"mode"`
	Type          string `json:"type"`
	Name          string `json:"name"`
	Index         span   `json:"index"`
	Deposed       string `json:"deposed"`
	Change        struct {
		Actions        []string `json:"actions"`
		After          span     `json:"after"`
		AfterUnknown   span     `json:"after_unknown"`
		AfterSensitive span     `json:"after_sensitive"`
	} `json:"change"`
}

// instance is one resource instance to grade, from any part of the document.
type instance struct {
	addr, mod, mode, typ, name, key string
	// after, unk and sens are decoded only when the instance is converted,
	// one instance at a time, so a large plan is never held decoded whole.
	after, unk, sens span
	// sensTree, for a raw state, is sens already turned into the shape of
	// a plan's after_sensitive.
	sensTree  any
	dependsOn []string
	loc       infra.Location
}

func (in *instance) local() string { return localAddr(in.mode, in.typ, in.name) }

func (in *instance) kind() string {
	if in.mode == "data" {
		return "data." + in.typ
	}
	return in.typ
}

func (in *instance) configAddr() string { return join(configModule(in.mod), in.local()) }

// graded tells whether a planned change leaves something to grade: deleted
// and forgotten objects are not graded, replaced ones are graded as planned.
func graded(actions []string) bool {
	creates := false
	for _, a := range actions {
		switch a {
		case "create", "update", "no-op", "read":
			creates = true
		}
	}
	if creates {
		return true
	}
	for _, a := range actions {
		if a == "delete" || a == "forget" {
			return false
		}
	}
	return len(actions) > 0
}

func (l *loader) plan() error {
	var p planDoc
	if err := l.unmarshal(&p); err != nil {
		return err
	}
	l.checkVersion(p.FormatVersion)
	if p.Errored {
		l.note("the plan stopped with errors (errored: true); it may be incomplete")
	}

	var insts []*instance
	seen := map[string]bool{}
	addInst := func(in *instance) {
		if in.addr == "" {
			in.addr = join(in.mod, in.local()) + in.key
		}
		if in.typ == "" || in.name == "" || seen[in.addr] {
			return
		}
		seen[in.addr] = true
		insts = append(insts, in)
	}
	// addValues adds a prior_state or planned_values entry unless its
	// address was added before (the usual case: resource_changes has it).
	addValues := func(mod string, r *valuesRes) {
		if r.Address == "" || !seen[r.Address] {
			addInst(valuesInstance(mod, r))
		}
	}
	deleted := 0
	for i := range p.ResourceChanges {
		rc := &p.ResourceChanges[i]
		if rc.Deposed != "" {
			continue // a deposed object is being destroyed
		}
		if !graded(rc.Change.Actions) {
			seen[rc.Address] = true // neither from prior_state nor planned_values
			deleted++
			continue
		}
		addInst(&instance{
			addr: rc.Address, mod: rc.ModuleAddress, mode: rc.Mode, typ: rc.Type, name: rc.Name,
			key:   formatKey(decodeAny(rc.Index)),
			after: rc.Change.After, unk: rc.Change.AfterUnknown, sens: rc.Change.AfterSensitive,
		})
	}
	if deleted > 0 {
		l.note(fmt.Sprintf("%d resource instance(s) are destroyed by this plan and not graded", deleted))
	}
	// Data sources read while planning are in prior_state only.
	if p.PriorState != nil && p.PriorState.Values != nil {
		walkValues(&p.PriorState.Values.RootModule, "", 0, func(mod string, r *valuesRes) {
			if r.Mode == "data" {
				addValues(mod, r)
			}
		})
	}
	// planned_values covers documents without resource_changes.
	if p.PlannedValues != nil {
		walkValues(&p.PlannedValues.RootModule, "", 0, addValues)
	}

	// The document can be 100 MB and the resources made from it several
	// times that: keep of it only what conversion needs — each graded
	// instance's values and the configuration section, copied — and drop
	// the rest before converting, so both are never held at once. The
	// copies go as each instance is converted.
	var cfg *configDoc
	if len(p.Configuration) > 0 && !bytes.Equal(p.Configuration, []byte("null")) {
		// Decoded in place first, so a type error is placed in the
		// file; then again from a copy, which the spans point into.
		if err := l.unmarshalSpan(p.Configuration, &configDoc{}); err != nil {
			return err
		}
		cfg = &configDoc{}
		if err := json.Unmarshal(bytes.Clone(p.Configuration), cfg); err != nil {
			return jsonError(l.name, l.text, err)
		}
	}
	for _, in := range insts {
		in.loc = l.locOf(in.addr)
		in.after, in.unk, in.sens = bytes.Clone(in.after), bytes.Clone(in.unk), bytes.Clone(in.sens)
	}
	p = planDoc{}
	l.text, l.lines = nil, nil

	var root *configMod
	if cfg != nil {
		root = &cfg.RootModule
	} else {
		l.note("the plan has no configuration section: graph edges and omitted-attribute detection are not available, " +
			"so attributes known only after apply stay unknown")
	}
	res := newResolver(root)
	for _, in := range insts {
		res.addInstance(in.mod, in.local(), in.addr, in.key)
	}
	cfgIndex := map[string]*configResource{}
	for path, m := range res.modules {
		for i := range m.Resources {
			cr := &m.Resources[i]
			cfgIndex[join(path, localAddr(cr.Mode, cr.Type, cr.Name))] = cr
		}
	}

	conv := converter{names: map[string]string{}}
	for i, in := range insts {
		insts[i] = nil // its values' copies are garbage once converted
		r := &infra.Resource{Kind: in.kind(), Address: in.addr, Module: in.mod, Loc: in.loc, Origin: "plan"}
		node := cfgAll
		if cr := cfgIndex[in.configAddr()]; cr != nil {
			exprs := decodeAny(cr.Expressions)
			if m, ok := exprs.(map[string]any); ok {
				node = newCfgNode(m)
			} else {
				node = newCfgNode(map[string]any{})
			}
			sc := scope{mod: in.mod, key: in.key, forEach: exprRefs(decodeAny(cr.ForEachExpression))}
			r.Refs = res.refsOf(in.addr, sc, exprs)
		}
		conv.addr = in.addr
		r.Attrs = conv.attrs(decodeAny(in.after), decodeAny(in.unk), decodeAny(in.sens), node)
		l.add(r, in.configAddr())
	}
	if cfg != nil {
		l.pseudo(cfg)
	}
	if res.sawLocal {
		l.note("references through local values are not followed: plan JSON does not record locals, " +
			"so graph edges through them are missing")
	}
	sortResources(l.resources)
	return nil
}

func valuesInstance(mod string, r *valuesRes) *instance {
	return &instance{
		addr: r.Address, mod: mod, mode: r.Mode, typ: r.Type, name: r.Name,
		key:   formatKey(decodeAny(r.Index)),
		after: r.Values, sens: r.SensitiveValues,
		dependsOn: r.DependsOn,
	}
}

// walkValues visits every resource of a values module tree.
func walkValues(m *valuesModule, mod string, depth int, fn func(mod string, r *valuesRes)) {
	if m == nil || depth > 100 {
		return
	}
	if m.Address != "" {
		mod = m.Address
	}
	for i := range m.Resources {
		fn(mod, &m.Resources[i])
	}
	for _, c := range m.ChildModules {
		walkValues(c, mod, depth+1, fn)
	}
}

// pseudo adds the resources the HCL loader makes for settings blocks, so the
// same Terraform rules run: "terraform", "provider.NAME" and "module.NAME".
func (l *loader) pseudo(cfg *configDoc) {
	keys := make([]string, 0, len(cfg.ProviderConfig))
	for k := range cfg.ProviderConfig {
		keys = append(keys, k)
	}
	// Root module providers first, so their version constraints win.
	sort.Slice(keys, func(i, j int) bool {
		a, b := cfg.ProviderConfig[keys[i]], cfg.ProviderConfig[keys[j]]
		if (a.ModuleAddress == "") != (b.ModuleAddress == "") {
			return a.ModuleAddress == ""
		}
		return keys[i] < keys[j]
	})
	var reqs []infra.Field
	have := map[string]bool{}
	for _, k := range keys {
		pc := cfg.ProviderConfig[k]
		name := pc.Name
		if name == "" {
			name = strings.SplitN(strings.TrimPrefix(k, pc.ModuleAddress+":"), ".", 2)[0]
		}
		if !have[name] {
			have[name] = true
			var f []infra.Field
			if src := providerSource(pc.FullName); src != "" {
				f = append(f, infra.Field{Name: "source", Value: infra.StringValue(src)})
			}
			if pc.VersionConstraint != "" {
				f = append(f, infra.Field{Name: "version", Value: infra.StringValue(pc.VersionConstraint)})
			}
			reqs = append(reqs, infra.Field{Name: name, Value: infra.ObjectValue(f)})
		}
		addr := join(pc.ModuleAddress, "provider."+name)
		if pc.Alias != "" {
			addr += "." + pc.Alias
		}
		conv := constConverter{what: addr}
		attrs := conv.body(decodeAny(pc.Expressions))
		l.add(&infra.Resource{Kind: "provider", Address: addr, Module: pc.ModuleAddress, Attrs: attrs, Loc: l.loc(), Origin: "plan"}, addr)
	}
	var tf []infra.Field
	if len(reqs) > 0 {
		tf = append(tf, infra.Field{Name: "required_providers", Value: infra.ObjectValue(reqs)})
	}
	// Plan JSON does not record these: unknown, not absent, so rules about
	// them say they cannot tell rather than fail.
	const why = "plan JSON does not record it; scan the plan with its .tf files (--plan) to grade it"
	tf = append(tf,
		infra.Field{Name: "backend", Value: infra.UnknownValue("", why)},
		infra.Field{Name: "required_version", Value: infra.UnknownValue("", why)})
	l.add(&infra.Resource{Kind: "terraform", Address: "terraform", Attrs: infra.ObjectValue(tf), Loc: l.loc(), Origin: "plan"}, "terraform")
	l.note("plan JSON does not record the backend or required_version: grade the terraform block from the .tf files")

	var calls func(path string, m *configMod, depth int)
	calls = func(path string, m *configMod, depth int) {
		if depth > 100 {
			return
		}
		names := make([]string, 0, len(m.ModuleCalls))
		for n := range m.ModuleCalls {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			c := m.ModuleCalls[n]
			if c == nil {
				continue
			}
			addr := join(path, "module."+n)
			f := []infra.Field{{Name: "source", Value: infra.StringValue(c.Source)}}
			if c.VersionConstraint != "" {
				f = append(f, infra.Field{Name: "version", Value: infra.StringValue(c.VersionConstraint)})
			}
			l.add(&infra.Resource{Kind: "module", Address: addr, Module: path, Attrs: infra.ObjectValue(f), Loc: l.loc(), Origin: "plan"}, addr)
			calls(addr, &c.Module, depth+1)
		}
	}
	calls("", &cfg.RootModule, 0)
}

// providerSource turns "registry.terraform.io/hashicorp/aws" into the
// source address as written in required_providers ("hashicorp/aws").
func providerSource(full string) string {
	return strings.TrimPrefix(full, "registry.terraform.io/")
}

// constConverter turns configuration expressions into values: constants as
// they are, anything computed from references as unknown (plan JSON does
// not record the evaluated arguments of providers).
type constConverter struct{ what string }

func (c constConverter) body(node any) infra.Value {
	m, ok := node.(map[string]any)
	if !ok {
		return infra.ObjectValue(nil)
	}
	fields := make([]infra.Field, 0, len(m))
	for k, v := range m {
		fields = append(fields, infra.Field{Name: k, Value: c.member(v, k)})
	}
	return infra.ObjectValue(fields)
}

func (c constConverter) member(v any, path string) infra.Value {
	switch n := v.(type) {
	case map[string]any:
		if !isExpr(n) {
			return c.body(n) // a nested block with single nesting
		}
		if cv, ok := n["constant_value"]; ok {
			conv := converter{}
			val, _ := conv.value(cv, nil, nil, "", cfgAll, false)
			return val
		}
		expr := ""
		if refs, ok := n["references"].([]any); ok && len(refs) > 0 {
			expr, _ = refs[0].(string)
		}
		return infra.UnknownValue(expr, c.what+"."+path+" is computed; plan JSON records only constant provider arguments")
	case []any:
		items := make([]infra.Value, 0, len(n))
		for _, e := range n {
			items = append(items, c.body(e))
		}
		return infra.ListValue(items)
	}
	return infra.NullValue()
}

func sortResources(rs []*infra.Resource) {
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Address < rs[j].Address })
}

func (l *loader) checkVersion(v string) {
	if v == "" {
		return
	}
	major := strings.SplitN(v, ".", 2)[0]
	if major != "0" && major != "1" {
		l.note("format_version " + v + " is newer than this prodgrade understands (1.x); loaded what could be read")
	}
}
