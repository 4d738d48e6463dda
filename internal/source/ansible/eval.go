package ansible

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/shell"
)

// playAttrs are the play keywords kept as attributes, templates evaluated.
var playAttrs = []string{"become", "become_user", "become_method", "serial", "max_fail_percentage",
	"any_errors_fatal", "gather_facts", "strategy", "remote_user", "connection", "order", "throttle",
	"environment", "collections", "tags", "vars_files", "vars", "hosts", "ignore_errors", "ignore_unreachable", "force_handlers"}

// taskAttrs are the task keywords kept as attributes, templates evaluated.
var taskAttrs = []string{"notify", "register", "ignore_errors", "run_once", "loop", "loop_control", "retries",
	"delay", "async", "poll", "environment", "check_mode", "vars", "listen", "throttle", "timeout", "delegate_facts",
	"become_method", "remote_user", "connection", "any_errors_fatal", "diff"}

// conditions are kept as written: they are expressions, not values.
var conditions = []string{"changed_when", "failed_when", "until"}

// scriptModules run their text through a shell (or, command, as argv).
var scriptModules = map[string]bool{"shell": true, "command": true, "raw": true}

// evaluate is the second pass: every play and task becomes a resource,
// evaluated with every run-time variable known to be one.
func (c *comp) evaluate() {
	for _, p := range c.plays {
		c.c.Resources = append(c.c.Resources, c.playResource(p))
	}
	for _, t := range c.tasks {
		if c.l.ctx.Err() != nil {
			return
		}
		c.c.Resources = append(c.c.Resources, c.taskResources(t)...)
	}
}

func (c *comp) finish() *infra.Component {
	c.c.Resources = append(c.c.Resources, c.extra...)
	return c.c
}

func (c *comp) playResource(p *rawPlay) *infra.Resource {
	e := &evaluator{sc: p.ctx.scope(), runtime: c.runtime, budget: &c.budget}
	loc := p.m.Loc
	attrs := []infra.Field{
		{Name: "name", Value: infra.StringValue(p.name).WithLoc(p.m.Field("name").Loc)},
		{Name: "file", Value: infra.StringValue(p.file).WithLoc(loc)},
	}
	for _, k := range playAttrs {
		v := p.m.Field(k)
		if !v.IsNull() {
			v = markSecret(k, e.value(v))
		}
		attrs = append(attrs, infra.Field{Name: k, Value: v})
	}
	roles := make([]infra.Value, 0, len(p.roleNames))
	for _, r := range p.roleNames {
		roles = append(roles, e.value(r))
	}
	attrs = append(attrs, infra.Field{Name: "roles", Value: infra.ListValue(roles).WithLoc(p.m.Field("roles").Loc)})
	for _, s := range []string{"pre_tasks", "tasks", "post_tasks", "handlers"} {
		items := make([]infra.Value, 0, len(p.sections[s]))
		for _, a := range p.sections[s] {
			items = append(items, infra.StringValue(a))
		}
		sl := p.m.Field(s).Loc
		if sl.Line == 0 {
			sl = loc
		}
		attrs = append(attrs, infra.Field{Name: s, Value: infra.ListValue(items).WithLoc(sl)})
	}
	return &infra.Resource{Kind: KindPlay, Address: p.addr, Name: p.name, Origin: Origin, Loc: loc,
		Attrs: infra.ObjectValue(dropNulls(attrs)).WithLoc(loc)}
}

// loopLayer makes a looping task's loop variable unknown.
func loopLayer(m infra.Value) *layer {
	looping := m.Has("loop")
	for _, f := range m.Fields() {
		looping = looping || strings.HasPrefix(f.Name, "with_")
	}
	if !looping {
		return nil
	}
	name := "item"
	if s, ok := m.Field("loop_control").Field("loop_var").Str(); ok && s != "" {
		name = s
	}
	l := newLayer()
	l.unknown = map[string]string{
		name:           name + " is the loop variable, set for each element when Ansible runs the task",
		"ansible_loop": "ansible_loop is set for each element when Ansible runs the task",
	}
	return l
}

func (c *comp) taskResources(t *rawTask) []*infra.Resource {
	e := &evaluator{sc: t.env.sc.with(t.vars).with(loopLayer(t.m)), runtime: c.runtime, budget: &c.budget}
	m := t.m
	loc := m.Loc
	if loc.File == "" {
		loc.File = t.env.file
	}
	args := markSecret("", e.value(t.args))
	attrs := []infra.Field{
		{Name: "name", Value: e.value(m.Field("name"))},
		{Name: "module", Value: infra.StringValue(t.module).WithLoc(keyLoc(m, t))},
		{Name: "fqcn", Value: strOrNull(t.fqcn, keyLoc(m, t))},
		{Name: "args", Value: args},
		{Name: "file", Value: infra.StringValue(t.env.file).WithLoc(loc)},
		{Name: "section", Value: infra.StringValue(t.env.section).WithLoc(loc)},
		{Name: "role", Value: infra.NullValue()},
		{Name: "play", Value: infra.NullValue()},
		{Name: "block", Value: infra.NullValue()},
		{Name: "in", Value: infra.NullValue()},
	}
	if t.module == "command" || t.module == "shell" || t.module == "script" {
		for _, k := range []string{"creates", "removes"} {
			attrs = append(attrs, infra.Field{Name: k, Value: args.Field(k)})
		}
	}
	if t.env.role != nil {
		attrs[6].Value = infra.StringValue(t.env.role.name).WithLoc(loc)
	}
	if t.env.ctx != nil && t.env.ctx.play != nil {
		attrs[7].Value = infra.StringValue(t.env.ctx.play.addr).WithLoc(loc)
	}
	if t.env.block != "" {
		attrs[8].Value = infra.StringValue(t.env.block).WithLoc(loc)
		attrs[9].Value = infra.StringValue(t.env.part).WithLoc(loc)
	}
	for _, k := range inheritedKeys {
		v := m.Field(k)
		if !m.Has(k) {
			v = t.env.inh.keys[k]
		}
		if k == "delegate_to" && !m.Has(k) && m.Has("local_action") {
			v = infra.StringValue("localhost").WithLoc(m.Field("local_action").Loc) // what local_action means
		}
		if !v.IsNull() {
			v = e.value(v)
		}
		attrs = append(attrs, infra.Field{Name: k, Value: v})
	}
	when := append(append([]infra.Value{}, t.env.inh.when...), listOf(m.Field("when"))...)
	attrs = append(attrs, infra.Field{Name: "when", Value: listOrNull(when, m.Field("when").Loc)})
	tags := append(append([]infra.Value{}, t.env.inh.tags...), listOf(m.Field("tags"))...)
	attrs = append(attrs, infra.Field{Name: "tags", Value: listOrNull(tags, m.Field("tags").Loc)})
	for _, k := range taskAttrs {
		v := m.Field(k)
		if !v.IsNull() {
			v = markSecret(k, e.value(v))
		}
		if k == "notify" && v.Kind() == infra.String {
			v = infra.ListValue([]infra.Value{v}).WithLoc(v.Loc)
		}
		attrs = append(attrs, infra.Field{Name: k, Value: v})
	}
	for _, k := range conditions {
		attrs = append(attrs, infra.Field{Name: k, Value: m.Field(k)})
	}
	for _, f := range m.Fields() {
		if strings.HasPrefix(f.Name, "with_") {
			attrs = append(attrs, infra.Field{Name: f.Name, Value: e.value(f.Value)})
		}
	}
	if end := m.LastLine(); end > loc.Line && m.Loc.File == loc.File {
		loc.EndLine, loc.EndCol = end, 0 // the task's lines, where a # noqa comment may sit
	}
	r := &infra.Resource{Kind: t.kind, Address: t.addr, Name: t.addr, Origin: Origin, Loc: loc}
	if s, ok := m.Field("name").Str(); ok && s != "" {
		r.Name = s
	}
	out := []*infra.Resource{r}
	if scriptModules[t.module] {
		if s := c.script(t, e, args); s != nil {
			t.refs = append(t.refs, infra.Ref{Attr: "args", To: s.Address})
			out = append(out, s)
		}
	}
	if t.module == "script" {
		c.scriptRef(t, args)
	}
	r.Refs = t.refs
	r.Attrs = infra.ObjectValue(dropNulls(attrs)).WithLoc(loc)
	return out
}

// keyLoc is where the task names its module.
func keyLoc(m infra.Value, t *rawTask) infra.Location {
	if l := t.args.Loc; l.Line != 0 {
		return l
	}
	return m.Loc
}

func strOrNull(s string, loc infra.Location) infra.Value {
	if s == "" {
		return infra.NullValue()
	}
	return infra.StringValue(s).WithLoc(loc)
}

func listOrNull(items []infra.Value, loc infra.Location) infra.Value {
	if len(items) == 0 {
		return infra.NullValue()
	}
	if loc.Line == 0 {
		loc = items[0].Loc
	}
	return infra.ListValue(items).WithLoc(loc)
}

// placeholder stands in a script's text for a template whose value is not
// put in (unknown, a secret, or text that would change its lines), so the
// shell reads it as an expansion known only when the task runs.
const placeholder = "PRODGRADE_JINJA_"

// script turns a shell, command or raw task's text into a shell/Script
// resource.
func (c *comp) script(t *rawTask, e *evaluator, args infra.Value) *infra.Resource {
	raw := t.args.Field("_raw_params")
	if raw.IsNull() {
		raw = t.args.Field("cmd")
	}
	file := t.env.file
	var text string
	var line int32
	subs := map[string]substitution{}
	if t.module == "command" && raw.IsNull() && t.args.Field("argv").Kind() == infra.List {
		argv := t.args.Field("argv")
		var words []string
		for _, w := range argv.List() {
			s, ok := w.Str()
			if !ok {
				return nil
			}
			words = append(words, c.substitute(s, e, w.Loc, subs))
		}
		text = quoteWords(words)
		line = argv.Loc.Line
	} else {
		s, ok := raw.Str()
		if !ok || raw.IsNull() {
			return nil
		}
		if strings.Contains(s, "{%") {
			c.note(infra.NoteCoverage, file, raw.Loc.Line, "the %s task's text holds a Jinja statement ({%% … %%}), which prodgrade does not evaluate: its commands are not graded", t.module)
			return nil
		}
		text = c.substitute(s, e, raw.Loc, subs)
		line = c.textLine(raw)
		if t.module == "command" {
			words, ok := shlex(text)
			if !ok {
				c.note(infra.NoteError, file, raw.Loc.Line, "the command task's text has an unterminated quote")
				return nil
			}
			text = quoteWords(words)
		}
	}
	if line == 0 {
		line = t.m.Loc.Line
	}
	sh := "sh"
	if t.module == "shell" {
		if ex, ok := args.Field("executable").Str(); ok && ex != "" {
			sh = filepath.Base(ex)
		}
	}
	res, notes := shell.Script([]byte(text), shell.Options{File: file, Line: line, Name: t.addr + "/script", RunsIn: "ansible", Shell: sh})
	for _, n := range notes {
		c.note(n.Kind, n.File, int32(n.Line), "%s", n.Message)
	}
	if res == nil {
		return nil
	}
	var fields []infra.Field
	for _, f := range res.Attrs.Fields() {
		if f.Name == "commands" && len(subs) > 0 {
			f.Value = restore(f.Value, subs, t.module == "command")
		}
		fields = append(fields, f)
	}
	if t.module == "command" {
		fields = append(fields, infra.Field{Name: "no_shell", Value: infra.BoolValue(true).WithLoc(res.Loc)})
	}
	res.Attrs = infra.ObjectValue(fields).WithLoc(res.Attrs.Loc)
	return res
}

func quoteWords(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = shellQuote(w)
	}
	return strings.Join(q, " ")
}

// textLine is the line a task's text starts on: the line after the
// indicator of a block scalar (shell: |), else the value's own.
func (c *comp) textLine(v infra.Value) int32 {
	l := v.Loc
	if l.Line == 0 {
		return 0
	}
	fd := c.l.read(l.File)
	if fd.data == nil {
		return l.Line
	}
	data := fd.data
	line := int32(1)
	off := 0
	for off < len(data) && line < l.Line {
		if data[off] == '\n' {
			line++
		}
		off++
	}
	col := int(l.Col) - 1
	if col >= 0 && off+col < len(data) && (data[off+col] == '|' || data[off+col] == '>') {
		return l.Line + 1
	}
	return l.Line
}

// substitution is a template left out of a script's text.
type substitution struct {
	expr   string // {{ … }} as written
	why    string
	hidden string
}

// substitute puts the known, printable values of templates into a
// script's text and placeholders for the rest.
func (c *comp) substitute(s string, e *evaluator, loc infra.Location, subs map[string]substitution) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	parts, ok := splitTemplate(s)
	if !ok {
		return s
	}
	var b strings.Builder
	for _, p := range parts {
		if !p.expr {
			b.WriteString(p.text)
			continue
		}
		r := e.expr(p.text, loc)
		v := r.v
		str, isStr := v.Str()
		if r.defined && v.IsKnown() && isStr && v.Hidden() == "" && !strings.ContainsAny(str, "\n\r") && str != omitMarker {
			b.WriteString(str)
			continue
		}
		if r.defined && isOmit(v) {
			continue
		}
		key := placeholder + strconv.Itoa(len(subs))
		why := v.Why()
		if !r.defined {
			why = strings.TrimSpace(p.text) + " " + undefinedWhy
		} else if v.IsKnown() {
			why = "a value prodgrade does not put into the script's text"
			if v.Hidden() != "" {
				why = "a secret's value, never put into the script's text"
			}
		}
		subs[key] = substitution{expr: "{{" + p.text + "}}", why: why, hidden: v.Hidden()}
		b.WriteString("${" + key + "}")
	}
	return b.String()
}

// restore turns the words of a script's commands that hold placeholders
// back into unknowns with the templates as written.
// unquote is set for a command task, whose words prodgrade quoted itself.
func restore(cmds infra.Value, subs map[string]substitution, unquote bool) infra.Value {
	items := make([]infra.Value, 0, cmds.Len())
	for _, cmd := range cmds.List() {
		var fields []infra.Field
		for _, f := range cmd.Fields() {
			if f.Name == "argv" {
				argv := make([]infra.Value, 0, f.Value.Len())
				for _, w := range f.Value.List() {
					argv = append(argv, restoreWord(w, subs, unquote))
				}
				f.Value = infra.ListValue(argv).WithLoc(f.Value.Loc)
			}
			fields = append(fields, f)
		}
		items = append(items, infra.ObjectValue(fields).WithLoc(cmd.Loc))
	}
	return infra.ListValue(items).WithLoc(cmds.Loc)
}

func restoreWord(w infra.Value, subs map[string]substitution, unquote bool) infra.Value {
	text := w.Expr()
	if w.IsKnown() {
		text, _ = w.Str()
	}
	if !strings.Contains(text, placeholder) {
		return w
	}
	if unquote && len(text) >= 2 && text[0] == '"' && text[len(text)-1] == '"' {
		text = text[1 : len(text)-1]
	}
	var why, hidden string
	for k, s := range subs {
		for _, form := range []string{"${" + k + "}", "$" + k} {
			if strings.Contains(text, form) {
				text = strings.ReplaceAll(text, form, s.expr)
				if why == "" {
					why = "holds " + s.expr + ": " + s.why
				}
				if s.hidden != "" {
					hidden = s.hidden
				}
			}
		}
	}
	if why == "" {
		why = w.Why()
	}
	out := infra.UnknownValue(text, why).WithLoc(w.Loc)
	if hidden != "" {
		out = out.WithHidden(hidden)
	}
	return out
}

// scriptRef records the file a script task runs, found as Ansible finds
// it: in the role's files/, the role, the playbook's files/ and directory.
func (c *comp) scriptRef(t *rawTask, args infra.Value) {
	raw := args.Field("_raw_params")
	if raw.IsNull() {
		raw = args.Field("cmd")
	}
	loc := t.m.Loc
	s, ok := raw.Str()
	if !ok || !raw.IsKnown() {
		c.note(infra.NoteCoverage, t.env.file, loc.Line, "the script task's file %s is known only when Ansible runs: it is not graded", exprOf(raw))
		return
	}
	words, ok := shlex(s)
	if !ok || len(words) == 0 {
		c.note(infra.NoteError, t.env.file, loc.Line, "the script task names no file")
		return
	}
	name := words[0]
	var found string
	if filepath.IsAbs(name) {
		if isDir, ok := c.l.exists(name); ok && !isDir {
			found = name
		}
	} else {
		for _, d := range c.searchDirs(t.env, "files") {
			p := filepath.Join(d, name)
			if isDir, ok := c.l.exists(p); ok && !isDir {
				found = p
				break
			}
		}
	}
	if found == "" {
		c.note(infra.NoteCoverage, t.env.file, loc.Line, "the script %s is not in the scanned tree (looked in the role's files/ and next to the playbook): it is not graded", name)
		return
	}
	sh := ""
	if ex, ok := args.Field("executable").Str(); ok && ex != "" {
		sh = filepath.Base(ex)
	}
	c.refs = append(c.refs, shell.Ref{Path: filepath.Clean(found), From: t.addr,
		Options: shell.Options{RunsIn: "ansible", Shell: sh}})
}

// dropNulls leaves out attributes that are not set: Field reads them as
// null all the same, and a playbook of thousands of tasks need not carry
// dozens of nulls each.
func dropNulls(fields []infra.Field) []infra.Field {
	out := fields[:0]
	for _, f := range fields {
		if !f.Value.IsNull() {
			out = append(out, f)
		}
	}
	return out
}
