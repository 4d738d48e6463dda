package ansible

import (
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// inheritedKeys are the keywords a task takes from its block, its role
// entry or its play when it does not set them itself.
var inheritedKeys = []string{"become", "become_user", "no_log", "delegate_to"}

// inherit is what enclosing blocks, includes, role entries and the play
// pass down to a task.
type inherit struct {
	keys map[string]infra.Value
	when []infra.Value
	tags []infra.Value
}

func (h *inherit) set(k string, v infra.Value) {
	if k == "when" {
		h.when = append(slices.Clip(h.when), listOf(v)...)
		return
	}
	m := make(map[string]infra.Value, len(h.keys)+1)
	for k, v := range h.keys {
		m[k] = v
	}
	m[k] = v
	h.keys = m
}

// merge returns h with inner's settings over it and inner's conditions
// and tags added.
func (h inherit) merge(inner inherit) inherit {
	out := inherit{keys: h.keys, when: slices.Clip(h.when), tags: slices.Clip(h.tags)}
	for k, v := range inner.keys {
		out.set(k, v)
	}
	out.when = append(out.when, inner.when...)
	out.tags = append(out.tags, inner.tags...)
	return out
}

// inheritFrom reads the inheritable keywords of a block, include or role
// entry.
func inheritFrom(m infra.Value) inherit {
	var h inherit
	for _, k := range inheritedKeys {
		if m.Has(k) {
			h.set(k, m.Field(k))
		}
	}
	if m.Has("when") {
		h.when = listOf(m.Field("when"))
	}
	if m.Has("tags") {
		h.tags = listOf(m.Field("tags"))
	}
	return h
}

// listOf is a value as a list: a list's elements, a comma-separated
// string's parts (as Ansible reads tags), or the value alone.
func listOf(v infra.Value) []infra.Value {
	switch v.Kind() {
	case infra.List:
		return v.List()
	case infra.Null:
		return nil
	}
	return []infra.Value{v}
}

// taskEnv is where a list of tasks runs.
type taskEnv struct {
	ctx     *playCtx
	sc      *scope
	extra   []*layer // block and include vars, lowest first
	inh     inherit
	role    *role
	playDir string
	file    string
	section string
	kind    string
	block   string
	part    string
	nest    int      // blocks and includes entered
	stack   []string // files being included
	chain   []string // directories of the roles being applied
}

// rawTask is a task as read in the first pass.
type rawTask struct {
	kind, addr string
	m          infra.Value
	module     string
	fqcn       string
	args       infra.Value // as written, an object
	env        taskEnv
	vars       *layer
	refs       []infra.Ref
}

// taskKeywords are the keys of a task that are not its module.
var taskKeywords = map[string]bool{
	"name": true, "action": true, "local_action": true, "args": true, "async": true, "poll": true,
	"become": true, "become_exe": true, "become_flags": true, "become_method": true, "become_user": true,
	"changed_when": true, "failed_when": true, "check_mode": true, "collections": true, "connection": true,
	"debugger": true, "delay": true, "delegate_facts": true, "delegate_to": true, "diff": true,
	"environment": true, "ignore_errors": true, "ignore_unreachable": true, "loop": true, "loop_control": true,
	"module_defaults": true, "no_log": true, "notify": true, "port": true, "register": true,
	"remote_user": true, "retries": true, "run_once": true, "tags": true, "throttle": true, "timeout": true,
	"until": true, "vars": true, "when": true, "listen": true, "any_errors_fatal": true, "local": true,
}

// builtinModules are the modules of ansible.builtin, whose FQCN a short
// name stands for.
var builtinModules = map[string]bool{}

func init() {
	for _, m := range strings.Fields(`add_host apt apt_key apt_repository assemble assert async_status
		blockinfile command copy cron deb822_repository debconf debug dnf dnf5 dpkg_selections expect fail
		fetch file find gather_facts get_url getent git group group_by hostname import_playbook
		import_role import_tasks include_role include_tasks include_vars iptables known_hosts
		lineinfile meta mount_facts package package_facts pause ping pip raw reboot replace rpm_key
		script service service_facts set_fact set_stats setup shell slurp stat subversion systemd
		systemd_service sysvinit tempfile template unarchive uri user validate_argument_spec wait_for
		wait_for_connection yum yum_repository`) {
		builtinModules[m] = true
	}
}

// tasks reads a list of tasks (a section, a block part, an included
// file); it returns the addresses of the task resources, in order.
func (c *comp) tasks_(list infra.Value, prefix string, env taskEnv, file string) []string {
	if list.IsNull() {
		return nil
	}
	if list.Kind() != infra.List {
		c.note(infra.NoteError, file, list.Loc.Line, "%s must be a list of tasks, not a %s", prefix[strings.LastIndexByte(prefix, '/')+1:], list.Kind())
		return nil
	}
	var out []string
	for i, m := range list.List() {
		if c.l.ctx.Err() != nil {
			return out
		}
		if len(c.tasks) >= maxTasks {
			if !c.full {
				c.full = true
				c.note(infra.NoteCoverage, file, m.Loc.Line, "the component holds more than %d tasks: the rest are not graded", maxTasks)
			}
			return out
		}
		addr := prefix + "[" + strconv.Itoa(i) + "]"
		if m.Kind() != infra.Object {
			c.note(infra.NoteError, file, m.Loc.Line, "a task must be a mapping of a module and keywords, not a %s", m.Kind())
			continue
		}
		if m.Has("block") {
			out = append(out, c.block(m, addr, env, file)...)
			continue
		}
		out = append(out, c.task(m, addr, env, file)...)
	}
	return out
}

// block reads block, rescue and always; their tasks inherit the block's
// keywords and vars.
func (c *comp) block(m infra.Value, addr string, env taskEnv, file string) []string {
	if env.nest > 4*maxIncludeDepth {
		c.note(infra.NoteCoverage, file, m.Loc.Line, "blocks and includes nest more than %d deep: this block is not followed", 4*maxIncludeDepth)
		return nil
	}
	e := env
	e.nest++
	e.inh = env.inh.merge(inheritFrom(m))
	if vars := m.Field("vars"); vars.Kind() == infra.Object {
		l := newLayer()
		l.set(vars, file)
		e.sc = e.sc.with(l)
		e.extra = append(slices.Clip(env.extra), l)
	}
	var out []string
	for _, part := range []string{"block", "rescue", "always"} {
		if !m.Has(part) {
			continue
		}
		p := e
		p.block, p.part = addr, part
		out = append(out, c.tasks_(m.Field(part), addr+"/"+part, p, file)...)
	}
	return out
}

// moduleOf finds the module of a task: its one key that is not a
// keyword, or what action/local_action names.
func moduleOf(m infra.Value) (key string, val infra.Value, problem string) {
	var found []string
	for _, f := range m.Fields() {
		if taskKeywords[f.Name] || strings.HasPrefix(f.Name, "with_") {
			continue
		}
		found = append(found, f.Name)
	}
	for _, k := range []string{"action", "local_action"} {
		if !m.Has(k) {
			continue
		}
		a := m.Field(k)
		switch a.Kind() {
		case infra.String:
			s, _ := a.Str()
			name, rest, _ := strings.Cut(strings.TrimSpace(s), " ")
			if name == "" {
				return "", infra.Value{}, k + " names no module"
			}
			if len(found) > 0 {
				return "", infra.Value{}, "the task names a module twice: " + k + " and " + found[0]
			}
			return name, infra.StringValue(strings.TrimSpace(rest)).WithLoc(a.Loc), ""
		case infra.Object:
			name, _ := a.Field("module").Str()
			if name == "" {
				return "", infra.Value{}, k + " names no module"
			}
			var fields []infra.Field
			for _, f := range a.Fields() {
				if f.Name != "module" {
					fields = append(fields, f)
				}
			}
			return name, infra.ObjectValue(fields).WithLoc(a.Loc), ""
		}
		return "", infra.Value{}, k + " must name a module"
	}
	switch len(found) {
	case 0:
		return "", infra.Value{}, "the task names no module"
	case 1:
		return found[0], m.Field(found[0]), ""
	}
	return "", infra.Value{}, "the task names more than one module (" + strings.Join(found, ", ") + "); Ansible refuses it"
}

// shortName is a module's name without its collection: ansible.builtin.apt
// and community.general.ufw are apt and ufw.
func shortName(module string) (short, fqcn string) {
	if i := strings.LastIndexByte(module, '.'); i >= 0 {
		short = module[i+1:]
		if strings.HasPrefix(module, "ansible.legacy.") && builtinModules[short] {
			return short, "ansible.builtin." + short
		}
		return short, module
	}
	if builtinModules[module] {
		return module, "ansible.builtin." + module
	}
	return module, ""
}

// rawArgs builds a module's arguments as written: the task's args keyword
// under the module's own (a mapping, or key=value text).
func rawArgs(module string, val, extra infra.Value) infra.Value {
	var fields []infra.Field
	for _, f := range extra.Fields() {
		fields = append(fields, f)
	}
	switch val.Kind() {
	case infra.Object:
		fields = append(fields, val.Fields()...)
	case infra.String, infra.Number, infra.Bool:
		s, _ := val.Str()
		raw, kv := parseArgs(module, s)
		loc := val.Loc
		if freeForm[module] {
			if raw != "" {
				fields = append(fields, infra.Field{Name: "_raw_params", Value: infra.StringValue(raw).WithLoc(loc)})
			}
		} else if raw != "" {
			fields = append(fields, infra.Field{Name: "_raw_params", Value: infra.StringValue(raw).WithLoc(loc)})
		}
		for _, p := range kv {
			fields = append(fields, infra.Field{Name: p[0], Value: infra.StringValue(p[1]).WithLoc(loc)})
		}
	}
	return infra.ObjectValue(fields).WithLoc(val.Loc)
}

// task reads one task, and what it includes.
func (c *comp) task(m infra.Value, addr string, env taskEnv, file string) []string {
	key, val, problem := moduleOf(m)
	if problem != "" {
		c.note(infra.NoteError, file, m.Loc.Line, "%s", problem)
		return nil
	}
	short, fqcn := shortName(key)
	t := &rawTask{kind: env.kind, addr: addr, m: m, module: short, fqcn: fqcn,
		args: rawArgs(short, val, m.Field("args")), env: env}
	t.env.file = file
	t.vars = newLayer()
	if vars := m.Field("vars"); vars.Kind() == infra.Object {
		t.vars.set(vars, file)
	}
	c.tasks = append(c.tasks, t)
	out := []string{addr}
	line := int32(m.Loc.Line)
	where := file + ":" + strconv.Itoa(int(line))
	if r, ok := m.Field("register").Str(); ok && r != "" {
		c.runtime[r] = r + " is registered when Ansible runs the task at " + where
	}
	switch short {
	case "set_fact":
		for _, f := range t.args.Fields() {
			switch {
			case f.Name == "cacheable" || f.Name == "_raw_params":
			case strings.Contains(f.Name, "{{"):
				c.runtime[dynamicKey] = "may be set when Ansible runs set_fact with the templated name " + f.Name + " at " + where
			default:
				c.runtime[f.Name] = f.Name + " is set when Ansible runs set_fact at " + where
			}
		}
	case "include_vars":
		c.includeVars(t, where)
	case "include_tasks", "import_tasks", "include":
		out = append(out, c.include(t)...)
	case "include_role", "import_role":
		out = append(out, c.includeRole(t)...)
	}
	return out
}

// evaluator for a task during the first pass (run-time names not all
// known yet).
func (c *comp) firstPass(t *rawTask) *evaluator {
	return &evaluator{sc: t.env.sc.with(t.vars), runtime: c.runtime, budget: &c.budget}
}

// searchDirs are where Ansible looks for a file a task names: next to the
// file that names it, in the role's DIR (tasks, vars, files), in the
// role, in the playbook's DIR and directory.
func (c *comp) searchDirs(env taskEnv, part string) []string {
	var out []string
	add := func(d string) {
		if d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	if part == "tasks" {
		add(filepath.Dir(env.file))
	}
	if env.role != nil {
		add(filepath.Join(env.role.dir, part))
		add(env.role.dir)
	}
	add(filepath.Join(env.playDir, part))
	add(env.playDir)
	if part != "tasks" {
		add(filepath.Dir(env.file))
	}
	return out
}

var jinjaRe = regexp.MustCompile(`\{\{.*?\}\}`)

// candidates resolves a file a task names: the file when its name is
// known, else every file its name's literal parts match (setup-*.yml
// for setup-{{ ansible_os_family }}.yml). glob reports the latter.
func (c *comp) candidates(raw infra.Value, e *evaluator, dirs []string) (files []string, glob bool, ok bool) {
	v := e.value(raw)
	if s, isStr := v.Str(); isStr && v.IsKnown() {
		if filepath.IsAbs(s) {
			if isDir, exists := c.l.exists(s); exists && !isDir {
				return []string{filepath.Clean(s)}, false, true
			}
			return nil, false, false
		}
		for _, d := range dirs {
			p := filepath.Join(d, s)
			if isDir, exists := c.l.exists(p); exists && !isDir {
				return []string{p}, false, true
			}
		}
		return nil, false, false
	}
	text, isStr := raw.Str()
	if !isStr {
		return nil, true, false
	}
	pattern := jinjaRe.ReplaceAllString(text, "*")
	if strings.Contains(pattern, "{") || strings.Contains(pattern, "..") {
		return nil, true, false
	}
	// A name that is all template ({{ item }}, {{ x }}.yml) would match
	// every file there, playbooks and notes too: not a candidate set.
	if lit := strings.Trim(strings.TrimSuffix(strings.TrimSuffix(filepath.Base(pattern), ".yml"), ".yaml"), "*."); lit == "" {
		return nil, true, false
	}
	for _, d := range dirs {
		matches, err := c.glob(d, pattern)
		if err == nil && len(matches) > 0 {
			return matches, true, true
		}
	}
	return nil, true, false
}

// glob matches a pattern of one directory level below dir through the tree.
func (c *comp) glob(dir, pattern string) ([]string, error) {
	sub, base := filepath.Split(pattern)
	entries, err := c.l.tree.ReadDir(filepath.Join(dir, sub))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, en := range entries {
		if en.IsDir() {
			continue
		}
		if ok, _ := filepath.Match(base, en.Name()); ok {
			out = append(out, filepath.Join(dir, sub, en.Name()))
		}
	}
	return out, nil
}

// include reads the tasks of include_tasks/import_tasks.
func (c *comp) include(t *rawTask) []string {
	env := t.env
	raw := t.args.Field("_raw_params")
	if raw.IsNull() {
		raw = t.args.Field("file")
	}
	loc := t.m.Loc
	if raw.IsNull() {
		c.note(infra.NoteError, env.file, loc.Line, "%s names no file", t.module)
		return nil
	}
	files, glob, ok := c.candidates(raw, c.firstPass(t), c.searchDirs(env, "tasks"))
	if !ok {
		files, ok = c.loopFiles(t, raw, c.searchDirs(env, "tasks"))
		glob = ok
	}
	if !ok {
		if glob {
			c.note(infra.NoteCoverage, env.file, loc.Line, "%s %s names a file known only when Ansible runs, and no file matches it: its tasks are not graded", t.module, exprOf(raw))
		} else {
			c.note(infra.NoteError, env.file, loc.Line, "%s %s: no such file next to the task, in the role or next to the playbook", t.module, exprOf(raw))
		}
		return nil
	}
	if glob {
		c.note(infra.NoteCoverage, env.file, loc.Line, "%s %s names a file known only when Ansible runs: the %d files matching it are all graded", t.module, exprOf(raw), len(files))
	}
	e := env
	e.inh = env.inh.merge(inheritFrom(t.m))
	e.nest++
	if len(t.vars.vars) > 0 {
		e.sc = e.sc.with(t.vars)
		e.extra = append(slices.Clip(e.extra), t.vars)
	}
	if ll := loopLayer(t.m); ll != nil {
		// The included tasks run once per element: the loop variable is
		// theirs too.
		e.sc = e.sc.with(ll)
		e.extra = append(slices.Clip(e.extra), ll)
	}
	if e.block != "" {
		e.block, e.part = env.block, env.part
	}
	var out []string
	for _, f := range files {
		prefix := t.addr + "/tasks"
		if glob {
			prefix = t.addr + "/" + filepath.Base(f) + "/tasks"
		}
		out = append(out, c.tasksFile(f, prefix, e, loc)...)
	}
	return out
}

// tasksFile reads a file of tasks, guarding against include cycles and
// runaway depth.
func (c *comp) tasksFile(path, prefix string, env taskEnv, from infra.Location) []string {
	path = filepath.Clean(path)
	if slices.Contains(env.stack, path) {
		c.note(infra.NoteCoverage, from.File, from.Line, "%s includes itself through %s (an include cycle): not followed again", filepath.Base(path), strings.Join(baseNames(env.stack), " → "))
		return nil
	}
	if len(env.stack) >= maxIncludeDepth || env.nest > 4*maxIncludeDepth {
		c.note(infra.NoteCoverage, from.File, from.Line, "includes nest more than %d deep: %s is not followed", maxIncludeDepth, filepath.Base(path))
		return nil
	}
	fd := c.l.read(path)
	c.l.claimed[path] = true
	if fd.err != nil {
		c.fileNote(fd)
		return nil
	}
	if fd.vault {
		c.note(infra.NoteCoverage, path, 1, "the tasks file is encrypted with Ansible Vault: its tasks are not graded")
		return nil
	}
	e := env
	e.file = path
	e.stack = append(slices.Clip(env.stack), path)
	if fd.v.IsNull() {
		return nil
	}
	if fd.v.Kind() != infra.List {
		c.note(infra.NoteError, path, fd.v.Loc.Line, "a tasks file must be a list of tasks, not a %s", fd.v.Kind())
		return nil
	}
	return c.tasks_(fd.v, prefix, e, path)
}

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

// includeRole applies the role of include_role/import_role under the task.
func (c *comp) includeRole(t *rawTask) []string {
	env := t.env
	spec := roleSpec{loc: t.m.Loc, params: t.vars, hasParams: true, inh: inheritFrom(t.m)}
	if spec.loc.File == "" {
		spec.loc.File = env.file
	}
	spec.nameVal = t.args.Field("name")
	if spec.nameVal.IsNull() {
		spec.nameVal = t.args.Field("_raw_params")
	}
	e := c.firstPass(t)
	if v := e.value(spec.nameVal); v.IsKnown() {
		spec.name, _ = v.Str()
	}
	for k, dst := range map[string]*string{"tasks_from": &spec.tasksFrom, "handlers_from": &spec.handlersFrom,
		"vars_from": &spec.varsFrom, "defaults_from": &spec.defaultsFrom} {
		if v := e.value(t.args.Field(k)); v.IsKnown() {
			*dst, _ = v.Str()
		}
	}
	fromRole := ""
	if env.role != nil {
		fromRole = env.role.dir
	}
	var r *role
	if spec.name != "" && fromRole != "" {
		if d := c.findRoleQuiet(spec, fromRole); d != "" {
			r = c.loadRole(filepath.Base(spec.name), d, spec, 0)
		}
	}
	if r == nil {
		r = c.findRole(spec, env.playDir, fromRole)
	}
	if len(env.stack) > maxIncludeDepth || env.nest > 4*maxIncludeDepth {
		c.note(infra.NoteCoverage, env.file, t.m.Loc.Line, "roles and includes nest more than %d deep: %s is not followed", maxIncludeDepth, spec.nameOr())
		return nil
	}
	e2 := env
	e2.nest++
	if r != nil {
		roleTasks := filepath.Join(r.dir, "tasks")
		for _, s := range env.stack {
			if strings.HasPrefix(s, roleTasks+string(filepath.Separator)) && (spec.tasksFrom == "" || filepath.Base(s) == spec.tasksFrom || strings.TrimSuffix(filepath.Base(s), filepath.Ext(s)) == spec.tasksFrom) {
				c.note(infra.NoteCoverage, env.file, t.m.Loc.Line, "%s applies role %s from inside itself (a cycle): not followed again", t.module, r.name)
				return nil
			}
		}
	}
	return c.applyRole(spec, r, t.addr, e2, 1)
}

// includeVars records the variables include_vars loads as set when
// Ansible runs: the file it names, or every file its name may match.
func (c *comp) includeVars(t *rawTask, where string) {
	env := t.env
	if name, ok := t.args.Field("name").Str(); ok && name != "" {
		c.runtime[name] = name + " is loaded when Ansible runs include_vars at " + where
		return
	}
	raw := t.args.Field("_raw_params")
	if raw.IsNull() {
		raw = t.args.Field("file")
	}
	var files []string
	if d := t.args.Field("dir"); !d.IsNull() {
		if s, ok := d.Str(); ok && !strings.Contains(s, "{{") {
			for _, dir := range c.searchDirs(env, "vars") {
				if m, err := c.glob(filepath.Join(dir, s), "*"); err == nil && len(m) > 0 {
					files = m
					break
				}
			}
		}
	} else if !raw.IsNull() {
		files, _, _ = c.candidates(raw, c.firstPass(t), c.searchDirs(env, "vars"))
	}
	if len(files) == 0 && env.role != nil {
		// with_first_found and loops name the file through item: the
		// role's vars files are the candidates.
		all, _ := c.glob(filepath.Join(env.role.dir, "vars"), "*")
		for _, f := range all {
			if !strings.HasPrefix(filepath.Base(f), "main.") && filepath.Base(f) != "main" {
				files = append(files, f)
			}
		}
	}
	for _, f := range files {
		if !isYAMLName(f) && filepath.Ext(f) != "" {
			continue
		}
		fd := c.l.read(f)
		c.l.claimed[filepath.Clean(f)] = true
		for _, fl := range fd.v.Fields() {
			c.runtime[fl.Name] = fl.Name + " is loaded from " + f + " when Ansible runs include_vars at " + where
		}
	}
}

// loopFiles resolves a file named by the loop variable ({{ item }}) of a
// task whose loop is a known list of names: every one of them is read.
func (c *comp) loopFiles(t *rawTask, raw infra.Value, dirs []string) ([]string, bool) {
	text, _ := raw.Str()
	name := "item"
	if s, ok := t.m.Field("loop_control").Field("loop_var").Str(); ok && s != "" {
		name = s
	}
	if strings.ReplaceAll(text, " ", "") != "{{"+name+"}}" {
		return nil, false
	}
	loop := t.m.Field("loop")
	if loop.IsNull() {
		loop = t.m.Field("with_items")
	}
	items := c.firstPass(t).value(loop)
	if items.Kind() != infra.List || items.Len() == 0 {
		return nil, false
	}
	var out []string
	for _, it := range items.List() {
		s, ok := it.Str()
		if !ok || !it.IsKnown() {
			return nil, false
		}
		found := false
		for _, d := range dirs {
			p := filepath.Join(d, s)
			if isDir, exists := c.l.exists(p); exists && !isDir {
				out = append(out, p)
				found = true
				break
			}
		}
		if !found {
			return nil, false
		}
	}
	return out, true
}
