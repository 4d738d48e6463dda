package ansible

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// rawPlay is a play as read in the first pass.
type rawPlay struct {
	addr, name string
	m          infra.Value
	file       string
	ctx        *playCtx
	roleNames  []infra.Value
	sections   map[string][]string
}

// playCtx holds the variable levels of one play, and where its roles'
// handlers go.
type playCtx struct {
	play          *rawPlay
	playDir       string
	rolesVars     []*layer // highest first
	rolesDefaults []*layer // highest first
	varsFiles     []*layer // highest first
	playVars      *layer
	inv           *layer
	magic         map[string]infra.Value
	handlers      []string
	// applied are the roles already applied in the play without
	// parameters: Ansible runs such a role once per play.
	applied map[string]bool
}

// scope is what a task of the play outside any role sees.
func (x *playCtx) scope() *scope {
	return x.roleScope(nil, nil)
}

// roleScope is what a task of role r, applied with params, sees.
func (x *playCtx) roleScope(r *role, params *layer) *scope {
	var ls []*layer
	add := func(l *layer) {
		if l != nil {
			ls = append(ls, l)
		}
	}
	add(params)
	if r != nil {
		add(r.vars)
	}
	for _, l := range x.rolesVars {
		add(l)
	}
	for _, l := range x.varsFiles {
		add(l)
	}
	add(x.playVars)
	add(x.inv)
	if r != nil {
		add(r.defaults)
	}
	for _, l := range x.rolesDefaults {
		add(l)
	}
	magic := x.magic
	if r != nil {
		magic = map[string]infra.Value{"role_name": infra.StringValue(r.name), "role_path": infra.StringValue(r.dir)}
		for k, v := range x.magic {
			magic[k] = v
		}
	}
	return &scope{layers: ls, magic: magic}
}

// playbook reads a playbook file: its plays and the playbooks it imports.
func (c *comp) playbook(path string) {
	c.cfg = c.l.findConfig(c.dir)
	c.playVars = c.varsDir(c.dir)
	c.loadInventories()
	c.playbookFile(path, nil)
	c.evaluate()
}

func (c *comp) playbookFile(path string, stack []string) {
	fd := c.l.read(path)
	c.l.claimed[filepath.Clean(path)] = true
	if fd.err != nil {
		c.fileNote(fd)
		return
	}
	if !isPlaybookValue(fd.v) {
		c.note(infra.NoteError, path, fd.v.Loc.Line, "not a playbook: a playbook is a list of plays, each with hosts and tasks or roles, or import_playbook entries")
		return
	}
	stack = append(stack, path)
	for _, p := range fd.v.List() {
		if c.l.ctx.Err() != nil {
			return
		}
		if isImport(p) {
			c.importPlaybook(path, p, stack)
			continue
		}
		c.play(path, p)
	}
}

func (c *comp) importPlaybook(from string, p infra.Value, stack []string) {
	var v infra.Value
	for _, k := range []string{"import_playbook", "ansible.builtin.import_playbook", "include"} {
		if p.Has(k) {
			v = p.Field(k)
		}
	}
	e := &evaluator{sc: &scope{}, runtime: c.runtime, budget: &c.budget}
	if vars := p.Field("vars"); vars.Kind() == infra.Object {
		l := newLayer()
		l.set(vars, from)
		e.sc = e.sc.with(l)
	}
	name := e.value(v)
	s, ok := name.Str()
	if !ok || !name.IsKnown() {
		c.note(infra.NoteCoverage, from, p.Loc.Line, "the imported playbook's name %s is known only when Ansible runs: it is not graded", exprOf(v))
		return
	}
	s = strings.Fields(s + " x")[0]
	target := filepath.Join(filepath.Dir(from), s)
	if filepath.IsAbs(s) {
		target = s
	}
	if slices.Contains(stack, filepath.Clean(target)) {
		c.note(infra.NoteCoverage, from, p.Loc.Line, "import_playbook %s imports a playbook that is already being imported (a cycle): not followed", s)
		return
	}
	if len(stack) > maxIncludeDepth {
		c.note(infra.NoteCoverage, from, p.Loc.Line, "playbook imports nest more than %d deep: %s is not followed", maxIncludeDepth, s)
		return
	}
	c.playbookFile(filepath.Clean(target), stack)
}

// exprOf is how a value was written, for messages.
func exprOf(v infra.Value) string {
	if !v.IsKnown() {
		return v.Expr()
	}
	if s, ok := v.Str(); ok {
		return s
	}
	return "(a " + v.Kind().String() + ")"
}

// play reads one play: its variables, roles and task sections.
func (c *comp) play(file string, m infra.Value) {
	n := len(c.plays) + 1
	name := "play " + strconv.Itoa(n)
	if s, ok := m.Field("name").Str(); ok && s != "" {
		name = s
	}
	p := &rawPlay{name: name, m: m, file: file, sections: map[string][]string{}}
	p.addr = c.unique("play." + name)
	c.plays = append(c.plays, p)
	playDir := filepath.Dir(file)
	x := &playCtx{play: p, playDir: playDir, playVars: newLayer(), applied: map[string]bool{},
		magic: map[string]infra.Value{"playbook_dir": infra.StringValue(playDir)}}
	p.ctx = x

	// Play vars: a mapping (or, in old playbooks, a list of mappings).
	switch vars := m.Field("vars"); vars.Kind() {
	case infra.Object:
		x.playVars.set(vars, file)
	case infra.List:
		for _, item := range vars.List() {
			x.playVars.set(item, file)
		}
	}
	for _, vp := range m.Field("vars_prompt").List() {
		if s, ok := vp.Field("name").Str(); ok {
			c.runtime[s] = s + " is prompted for when the playbook runs (vars_prompt)"
		}
	}

	// hosts are templated with the play's own vars.
	pre := &evaluator{sc: &scope{layers: []*layer{x.playVars}, magic: x.magic}, runtime: c.runtime, budget: &c.budget}
	hosts := pre.value(m.Field("hosts"))
	var pattern []string
	if hosts.IsKnown() {
		pattern = hostPattern(hosts)
	}
	x.inv = inventoryLayer(c.invs, c.invDirs, c.playVars, pattern)

	// vars_files, in the scope of play vars and the inventory: later
	// files win; an entry that is a list loads the first file found.
	vfScope := &scope{layers: []*layer{x.playVars, x.inv}, magic: x.magic}
	for _, vf := range m.Field("vars_files").List() {
		cands := []infra.Value{vf}
		if vf.Kind() == infra.List {
			cands = vf.List()
		}
		loaded := false
		for _, cand := range cands {
			pv := (&evaluator{sc: vfScope, runtime: c.runtime, budget: &c.budget}).value(cand)
			s, ok := pv.Str()
			if !ok || !pv.IsKnown() {
				c.note(infra.NoteCoverage, file, cand.Loc.Line, "vars_files entry %s is known only when Ansible runs: its variables are not read", exprOf(cand))
				x.varsFiles = append([]*layer{{vars: map[string]varDef{},
					anyWhy: "may be set by vars_files " + exprOf(cand) + " at " + file + ":" + strconv.Itoa(int(cand.Loc.Line)) + ", a file chosen when Ansible runs"}}, x.varsFiles...)
				continue
			}
			path := s
			if !filepath.IsAbs(path) {
				path = filepath.Join(playDir, s)
			}
			if _, exists := c.l.exists(path); !exists {
				continue
			}
			x.varsFiles = append([]*layer{c.readVars(path, "vars_files", nil)}, x.varsFiles...)
			loaded = true
			break
		}
		if !loaded && vf.IsKnown() {
			if s, ok := cands[0].Str(); ok && !strings.Contains(s, "{{") {
				c.note(infra.NoteCoverage, file, vf.Loc.Line, "vars_files %s is not in the scanned tree: its variables are not known", exprOf(vf))
			}
		}
	}

	inh := inherit{}
	for _, k := range inheritedKeys {
		if m.Has(k) {
			inh.set(k, m.Field(k))
		}
	}
	if m.Has("tags") {
		inh.tags = append(inh.tags, listOf(m.Field("tags"))...)
	}

	// Roles are loaded first: their vars and defaults are visible to the
	// whole play.
	type use struct {
		spec roleSpec
		r    *role
	}
	var uses []use
	for _, entry := range m.Field("roles").List() {
		spec := c.roleEntry(entry, file, x.scope())
		p.roleNames = append(p.roleNames, spec.nameVal)
		r := c.findRole(spec, playDir, "")
		uses = append(uses, use{spec, r})
		if r != nil {
			c.collectRoleLayers(x, r, 0)
		}
	}

	env := taskEnv{ctx: x, sc: x.scope(), inh: inh, playDir: playDir, file: file, kind: KindTask}
	walk := func(section string) {
		e := env
		e.section = section
		if section == "handlers" {
			e.kind = KindHandler
		}
		p.sections[section] = append(p.sections[section], c.tasks_(m.Field(section), p.addr+"/"+section, e, file)...)
	}
	walk("pre_tasks")
	for _, u := range uses {
		e := env
		e.section = "tasks"
		p.sections["tasks"] = append(p.sections["tasks"], c.applyRole(u.spec, u.r, p.addr, e, 0)...)
	}
	walk("tasks")
	walk("post_tasks")
	walk("handlers")
	p.sections["handlers"] = append(p.sections["handlers"], x.handlers...)
}

// collectRoleLayers adds a role's (and its dependencies') vars and
// defaults to the play's levels.
func (c *comp) collectRoleLayers(x *playCtx, r *role, depth int) {
	if depth > maxIncludeDepth {
		return
	}
	for _, d := range r.deps {
		if d.r != nil {
			c.collectRoleLayers(x, d.r, depth+1)
		}
	}
	if !slices.Contains(x.rolesVars, r.vars) {
		x.rolesVars = append([]*layer{r.vars}, x.rolesVars...)
		x.rolesDefaults = append([]*layer{r.defaults}, x.rolesDefaults...)
	}
}

// role is a role directory as read.
type role struct {
	name, dir      string
	defaults, vars *layer
	deps           []roleDep
	loaded         bool
}

type roleDep struct {
	spec roleSpec
	r    *role
}

// roleSpec is a role as a play, a dependency or include_role names it.
type roleSpec struct {
	nameVal                                         infra.Value // the name as written
	name                                            string      // evaluated; "" when unknown
	loc                                             infra.Location
	params                                          *layer // vars and parameters given to it
	inh                                             inherit
	hasParams                                       bool
	tasksFrom, handlersFrom, varsFrom, defaultsFrom string
}

// roleKeywords are the keys of a role entry that are not parameters.
var roleKeywords = map[string]bool{"role": true, "name": true, "vars": true, "tags": true, "when": true,
	"become": true, "become_user": true, "become_method": true, "become_flags": true, "delegate_to": true,
	"environment": true, "no_log": true, "ignore_errors": true, "connection": true, "remote_user": true,
	"any_errors_fatal": true, "collections": true, "debugger": true, "check_mode": true, "diff": true,
	"module_defaults": true, "run_once": true, "throttle": true, "timeout": true, "public": true,
	"apply": true, "allow_duplicates": true, "ignore_unreachable": true, "port": true, "delegate_facts": true,
	"tasks_from": true, "handlers_from": true, "vars_from": true, "defaults_from": true, "src": true,
	"version": true, "scm": true}

// roleEntry reads an entry of a play's roles or a role's dependencies: a
// name, or a mapping with role (or name), vars and parameters.
func (c *comp) roleEntry(entry infra.Value, file string, sc *scope) roleSpec {
	spec := roleSpec{loc: entry.Loc, params: newLayer()}
	if spec.loc.File == "" {
		spec.loc.File = file
	}
	switch entry.Kind() {
	case infra.String:
		spec.nameVal = entry
	case infra.Object:
		spec.nameVal = entry.Field("role")
		if spec.nameVal.IsNull() {
			spec.nameVal = entry.Field("name")
		}
		for _, f := range entry.Fields() {
			switch {
			case f.Name == "vars":
				spec.params.set(f.Value, file)
				spec.hasParams = spec.hasParams || f.Value.Len() > 0
			case slices.Contains(inheritedKeys, f.Name) || f.Name == "when":
				spec.inh.set(f.Name, f.Value)
			case f.Name == "tags":
				spec.inh.tags = append(spec.inh.tags, listOf(f.Value)...)
			case !roleKeywords[f.Name]:
				spec.params.vars[f.Name] = varDef{v: markSecret(f.Name, f.Value), from: file}
				spec.hasParams = true
			}
		}
	default:
		spec.nameVal = entry
	}
	v := (&evaluator{sc: sc, runtime: c.runtime, budget: &c.budget}).value(spec.nameVal)
	if s, ok := v.Str(); ok && v.IsKnown() {
		spec.name = s
	}
	return spec
}

// findRole resolves a role's name to its directory as Ansible searches:
// a path; roles/ next to the playbook; ansible.cfg's roles_path; the
// directory of the role that depends on it; the playbook's directory; a
// collection installed next to the playbook. A role not found gives a
// coverage note and an ansible/Role resource saying it was not expanded.
func (c *comp) findRole(spec roleSpec, playDir, fromRoleDir string) *role {
	if spec.name == "" {
		c.note(infra.NoteCoverage, spec.loc.File, spec.loc.Line, "the role name %s is known only when Ansible runs: its tasks are not graded", exprOf(spec.nameVal))
		return nil
	}
	name := spec.name
	var cands []string
	if strings.ContainsRune(name, '/') || filepath.IsAbs(name) {
		if filepath.IsAbs(name) {
			cands = append(cands, name)
		} else {
			cands = append(cands, filepath.Join(playDir, name))
			if fromRoleDir != "" {
				cands = append(cands, filepath.Join(filepath.Dir(fromRoleDir), name))
			}
		}
	} else {
		cands = append(cands, filepath.Join(playDir, "roles", name))
		for _, rp := range c.cfg.rolesPath {
			cands = append(cands, filepath.Join(rp, name))
		}
		if fromRoleDir != "" {
			cands = append(cands, filepath.Join(filepath.Dir(fromRoleDir), name))
		}
		cands = append(cands, filepath.Join(playDir, name))
		if parts := strings.Split(name, "."); len(parts) == 3 {
			cands = append(cands, filepath.Join(playDir, "collections", "ansible_collections", parts[0], parts[1], "roles", parts[2]))
			if d, ok := c.l.collections[parts[0]+"."+parts[1]]; ok {
				cands = append(cands, filepath.Join(d, "roles", parts[2]))
			}
		}
	}
	for _, d := range cands {
		if isDir, ok := c.l.exists(d); ok && isDir {
			d = filepath.Clean(d)
			return c.loadRole(filepath.Base(name), d, spec, 0)
		}
	}
	where := "roles/ next to the playbook"
	if len(c.cfg.rolesPath) > 0 {
		where += " or the roles_path of " + c.cfg.file
	}
	c.note(infra.NoteCoverage, spec.loc.File, spec.loc.Line,
		"role %s is not in the scanned tree (%s); it may be installed from Galaxy or a collection when Ansible runs: its tasks are not graded", name, where)
	return nil
}

// loadRole reads a role's defaults, vars and dependencies once per
// component.
func (c *comp) loadRole(name, dir string, spec roleSpec, depth int) *role {
	c.l.usedRoles[dir] = true
	if r := c.roles[dir]; r != nil {
		return r
	}
	if spec.name != "" && !strings.ContainsRune(spec.name, '/') {
		name = spec.name
	}
	r := &role{name: name, dir: dir, loaded: true}
	c.roles[dir] = r
	r.defaults = c.roleVarsFile(r, "defaults", spec.defaultsFrom, "role_defaults")
	r.vars = c.roleVarsFile(r, "vars", spec.varsFrom, "role_vars")
	for _, mainName := range mainFiles("main") {
		p := filepath.Join(dir, "meta", mainName)
		if _, ok := c.l.exists(p); !ok {
			continue
		}
		fd := c.l.read(p)
		c.l.claimed[p] = true
		if fd.err != nil {
			c.fileNote(fd)
			break
		}
		if depth > maxIncludeDepth {
			c.note(infra.NoteCoverage, p, 1, "role dependencies nest more than %d deep: those of %s are not followed", maxIncludeDepth, name)
			break
		}
		for _, d := range fd.v.Field("dependencies").List() {
			ds := c.roleEntry(d, p, &scope{layers: []*layer{r.vars, r.defaults}})
			var dr *role
			if ds.name != "" {
				if other := c.findRoleQuiet(ds, dir); other != "" {
					if c.roles[other] == nil {
						dr = c.loadRole(filepath.Base(ds.name), other, ds, depth+1)
					} else {
						dr = c.roles[other]
						c.l.usedRoles[other] = true
					}
				}
			}
			if dr == nil {
				dr = c.findRole(ds, filepath.Dir(filepath.Dir(dir)), dir)
			}
			r.deps = append(r.deps, roleDep{spec: ds, r: dr})
		}
		break
	}
	return r
}

// findRoleQuiet resolves a dependency next to the role that needs it.
func (c *comp) findRoleQuiet(spec roleSpec, fromRoleDir string) string {
	for _, d := range []string{filepath.Join(filepath.Dir(fromRoleDir), spec.name), filepath.Join(c.dir, "roles", spec.name)} {
		if isDir, ok := c.l.exists(d); ok && isDir {
			return filepath.Clean(d)
		}
	}
	return ""
}

// mainFiles are the names Ansible tries for a role file.
func mainFiles(base string) []string {
	if filepath.Ext(base) != "" {
		return []string{base}
	}
	return []string{base + ".yml", base + ".yaml", base, base + ".json"}
}

// roleVarsFile reads a role's defaults or vars: main.yml (or the file
// defaults_from/vars_from names), or every file of a main/ directory.
func (c *comp) roleVarsFile(r *role, part, from, level string) *layer {
	base := "main"
	if from != "" {
		base = from
	}
	labels := map[string]string{"role": r.name}
	for _, n := range mainFiles(base) {
		p := filepath.Join(r.dir, part, n)
		if isDir, ok := c.l.exists(p); ok {
			if !isDir {
				return c.readVars(p, level, labels)
			}
			out := newLayer()
			entries, _ := c.l.tree.ReadDir(p)
			for _, e := range entries {
				if e.IsDir() || !isYAMLName(e.Name()) {
					continue
				}
				fl := c.readVars(filepath.Join(p, e.Name()), level, labels)
				for k, d := range fl.vars {
					out.vars[k] = d
				}
				if fl.opaque != "" {
					out.opaque = fl.opaque
				}
			}
			return out
		}
	}
	return newLayer()
}

// applyRole runs a role's tasks in a play (its dependencies first) and
// adds its handlers to the play's; it returns the addresses of the tasks.
func (c *comp) applyRole(spec roleSpec, r *role, prefix string, env taskEnv, depth int) []string {
	x := env.ctx
	addr := "role." + spec.nameOr()
	if prefix != "" {
		addr = prefix + "/" + addr
	}
	if r != nil && !spec.hasParams && spec.tasksFrom == "" && x != nil {
		if x.applied[r.dir] {
			return nil // Ansible runs a role once per play unless its parameters differ
		}
		x.applied[r.dir] = true
	}
	if r != nil && slices.Contains(env.chain, r.dir) {
		c.note(infra.NoteCoverage, spec.loc.File, spec.loc.Line, "role %s depends on itself (a cycle of role dependencies): not applied again", r.name)
		return nil
	}
	if c.applications++; c.applications > maxTasks {
		if c.applications == maxTasks+1 {
			c.note(infra.NoteCoverage, spec.loc.File, spec.loc.Line, "the component applies roles more than %d times: the rest are not graded", maxTasks)
		}
		return nil
	}
	addr = c.unique(addr)
	c.roleResource(addr, spec, r)
	if r == nil {
		return nil
	}
	env.chain = append(slices.Clip(env.chain), r.dir)
	if depth > maxIncludeDepth {
		c.note(infra.NoteCoverage, spec.loc.File, spec.loc.Line, "roles nest more than %d deep: %s is not followed", maxIncludeDepth, r.name)
		return nil
	}
	var out []string
	for _, d := range r.deps {
		e := env
		e.inh = env.inh.merge(spec.inh)
		out = append(out, c.applyRole(d.spec, d.r, prefix, e, depth+1)...)
	}
	e := env
	e.role = r
	e.inh = env.inh.merge(spec.inh)
	e.playDir = env.playDir
	if x != nil {
		e.sc = x.roleScope(r, spec.params)
	} else {
		e.sc = (&playCtx{}).roleScope(r, spec.params)
	}
	if len(env.extra) > 0 {
		// include_role inside a block or include: the caller's block and
		// task vars stay visible, below the role's parameters.
		for _, l := range env.extra {
			e.sc = e.sc.with(l)
		}
		e.sc = e.sc.with(spec.params)
	}
	tasksFrom := "main"
	if spec.tasksFrom != "" {
		tasksFrom = spec.tasksFrom
	}
	if p := c.roleFile(r, "tasks", tasksFrom); p != "" {
		e.file = p
		e.section = env.section
		e.kind = KindTask
		out = append(out, c.tasksFile(p, addr+"/tasks", e, spec.loc)...)
	} else if spec.tasksFrom != "" {
		c.note(infra.NoteError, spec.loc.File, spec.loc.Line, "role %s has no tasks file %s", r.name, spec.tasksFrom)
	}
	handlersFrom := "main"
	if spec.handlersFrom != "" {
		handlersFrom = spec.handlersFrom
	}
	if p := c.roleFile(r, "handlers", handlersFrom); p != "" {
		h := e
		h.file = p
		h.section = "handlers"
		h.kind = KindHandler
		hs := c.tasksFile(p, addr+"/handlers", h, spec.loc)
		if x != nil {
			x.handlers = append(x.handlers, hs...)
		}
	}
	return out
}

func (s roleSpec) nameOr() string {
	if s.name != "" {
		return s.name
	}
	return exprOf(s.nameVal)
}

// roleFile finds tasks/NAME(.yml) or handlers/NAME(.yml) of a role.
func (c *comp) roleFile(r *role, part, name string) string {
	for _, n := range mainFiles(name) {
		p := filepath.Join(r.dir, part, n)
		if isDir, ok := c.l.exists(p); ok && !isDir {
			return p
		}
	}
	return ""
}

// roleResource records a role application as an ansible/Role resource.
func (c *comp) roleResource(addr string, spec roleSpec, r *role) {
	loc := spec.loc
	name := spec.nameVal
	if name.IsNull() {
		name = infra.StringValue(spec.name).WithLoc(loc)
	}
	attrs := []infra.Field{
		{Name: "name", Value: name},
		{Name: "found", Value: infra.BoolValue(r != nil).WithLoc(loc)},
		{Name: "path", Value: infra.NullValue()},
	}
	if r != nil {
		attrs[2].Value = infra.StringValue(r.dir).WithLoc(loc)
	} else {
		attrs = append(attrs, infra.Field{Name: infra.UnexpandedAttr, Value: infra.BoolValue(true).WithLoc(loc)})
		c.c.Unexpanded++
	}
	c.extra = append(c.extra, &infra.Resource{Kind: KindRole, Address: addr, Name: spec.nameOr(), Origin: Origin,
		Loc: loc, Attrs: infra.ObjectValue(attrs).WithLoc(loc)})
}

// standaloneRole grades a role no playbook uses, with its own defaults
// and vars only.
func (c *comp) standaloneRole(dir string) {
	c.cfg = c.l.findConfig(dir)
	name := filepath.Base(dir)
	spec := roleSpec{name: name, nameVal: infra.StringValue(name), loc: infra.Location{File: dir}, params: newLayer()}
	r := c.loadRole(name, dir, spec, 0)
	x := &playCtx{playDir: dir, applied: map[string]bool{}, magic: map[string]infra.Value{}}
	c.collectRoleLayers(x, r, 0)
	env := taskEnv{ctx: x, playDir: dir, section: "tasks", kind: KindTask}
	c.applyRole(spec, r, "", env, 0)
	// The role's own address has no leading play: role.NAME/….
	c.evaluate()
}
