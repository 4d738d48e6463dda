// Package ansible holds the rules for Ansible playbooks and roles: tasks
// (ansible/Task, ansible/Handler), plays (ansible/Play) and variables files
// (ansible/Vars), as internal/source/ansible reads them. The shell text of
// command, shell and raw tasks is graded by the shell rules.
//
// Component-level rules (a metrics agent, log rotation, backups) run on
// each play and look across every task of the playbook: a playbook is one
// component, its roles' and included files' tasks included.
package ansible

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	src "github.com/prodgrade/prodgrade/internal/source/ansible"
)

var (
	taskKinds = []string{src.KindTask, src.KindHandler}
	playKinds = []string{src.KindPlay}
)

// module is a task's module short name ("apt" for ansible.builtin.apt).
func module(r *infra.Resource) string {
	s, _ := r.Attrs.Get("module").Str()
	return s
}

// arg is one of a task's module arguments (Null when not written).
func arg(r *infra.Resource, name string) infra.Value {
	return r.Attrs.Get("args").Field(name)
}

// truthy reads an Ansible boolean: true/false, yes/no, on/off, 1/0 in any
// case, as Ansible's boolean() does; ok is false for anything else.
func truthy(v infra.Value) (b, ok bool) {
	if !v.IsKnown() || v.IsNull() {
		return false, false
	}
	if b, ok := v.Bool(); ok {
		return b, true
	}
	if n, ok := v.Number(); ok {
		return n != 0, n == 0 || n == 1
	}
	s, ok := v.Str()
	if !ok {
		return false, false
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "on", "1", "true", "y", "t":
		return true, true
	case "no", "off", "0", "false", "n", "f":
		return false, true
	}
	return false, false
}

// str is a known string value, lower-cased and trimmed; ok is false when
// the value is unknown, null or not a string.
func str(v infra.Value) (string, bool) {
	if !v.IsKnown() || v.IsNull() {
		return "", false
	}
	s, ok := v.Str()
	return strings.TrimSpace(s), ok
}

// strs is a string or a list of strings (a package module's name); known
// is false when the value or one of its members is unknown.
func strs(v infra.Value) (out []string, known bool) {
	if !v.IsKnown() {
		return nil, false
	}
	if v.Kind() == infra.List {
		known = true
		for _, e := range v.List() {
			s, ok := str(e)
			if !ok {
				known = false
				continue
			}
			out = append(out, s)
		}
		return out, known
	}
	s, ok := str(v)
	if !ok {
		return nil, v.IsNull()
	}
	// name: "nginx,curl" is a list too, for the package modules.
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out, true
}

// componentTasks are every task and handler of the checked resource's
// component, in load order.
func componentTasks(c *rules.Check) []*infra.Resource {
	if c.Graph == nil {
		return nil
	}
	var out []*infra.Resource
	for _, r := range c.Graph.Resources() {
		if r.Kind == src.KindTask || r.Kind == src.KindHandler {
			out = append(out, r)
		}
	}
	return out
}

// playTasks are the tasks a play runs in its pre_tasks, tasks, post_tasks
// and handlers sections (its roles' and included files' tasks included).
func playTasks(c *rules.Check) []*infra.Resource {
	var out []*infra.Resource
	for _, sec := range []string{"pre_tasks", "tasks", "post_tasks", "handlers"} {
		for _, a := range c.R.Attrs.Get(sec).List() {
			s, _ := a.Str()
			if r := c.Graph.Lookup(s); r != nil {
				out = append(out, r)
			}
		}
	}
	return out
}

// unexpandedRoles are the roles of the component that are not in the
// scanned tree (from Galaxy or a collection), whose tasks are not graded.
func unexpandedRoles(c *rules.Check) []string {
	if c.Graph == nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, r := range c.Graph.OfKind(src.KindRole) {
		if b, _ := r.Attrs.Get(infra.UnexpandedAttr).Bool(); !b {
			continue
		}
		n, _ := r.Attrs.Get("name").Str()
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// localOnly reports a play that runs on the control node only (hosts
// localhost or 127.0.0.1, or connection local): it configures no server.
func localOnly(play *infra.Resource) bool {
	if s, ok := str(play.Attrs.Get("connection")); ok && s == "local" {
		return true
	}
	hosts, known := strs(play.Attrs.Get("hosts"))
	if !known || len(hosts) == 0 {
		return false
	}
	for _, h := range hosts {
		if h != "localhost" && h != "127.0.0.1" {
			return false
		}
	}
	return true
}

// packageModules install packages by name.
var packageModules = map[string]bool{
	"apt": true, "yum": true, "dnf": true, "dnf5": true, "package": true, "apk": true, "zypper": true,
	"pacman": true, "homebrew": true, "pkgng": true, "openbsd_pkg": true, "win_chocolatey": true,
	"pip": true, "gem": true, "npm": true, "yarn": true, "snap": true, "portage": true, "pkg5": true,
}

// osPackageModules install operating system packages.
var osPackageModules = map[string]bool{
	"apt": true, "yum": true, "dnf": true, "dnf5": true, "package": true, "apk": true, "zypper": true,
	"pacman": true, "pkgng": true, "openbsd_pkg": true, "snap": true, "portage": true,
}

// installed lists the packages a task installs (state present, installed
// or latest; present is every package module's default), lower-cased.
func installed(r *infra.Resource) []string {
	if !osPackageModules[module(r)] {
		return nil
	}
	st, ok := str(arg(r, "state"))
	if ok && st != "present" && st != "installed" && st != "latest" {
		return nil
	}
	names, _ := strs(arg(r, "name"))
	if names == nil {
		names, _ = strs(arg(r, "pkg"))
	}
	for i, n := range names {
		names[i] = strings.ToLower(n)
	}
	return names
}

// installsPackages reports a play that installs operating system
// packages: the kind of play that sets up a server.
func installsPackages(tasks []*infra.Resource) bool {
	for _, t := range tasks {
		if len(installed(t)) > 0 {
			return true
		}
	}
	return false
}

// text is every known string of a task that says what it does: its
// module's arguments (command text, a cron job, a file's content or
// path), its name, and the role it belongs to, lower-cased.
func text(r *infra.Resource) string {
	var b strings.Builder
	var walk func(v infra.Value)
	walk = func(v infra.Value) {
		if v.IsSensitive() {
			return
		}
		switch v.Kind() {
		case infra.String:
			s, _ := v.Str()
			b.WriteString(strings.ToLower(s))
			b.WriteByte('\n')
		case infra.List:
			for _, e := range v.List() {
				walk(e)
			}
		case infra.Object:
			for _, f := range v.Fields() {
				walk(f.Value)
			}
		}
	}
	walk(r.Attrs.Get("args"))
	walk(r.Attrs.Get("loop"))
	walk(r.Attrs.Get("with_items"))
	return b.String()
}

// destPath is the file a task writes: dest (or path) of template, copy,
// lineinfile, blockinfile, replace, ini_file, file; "" when unknown.
func destPath(r *infra.Resource) string {
	for _, k := range []string{"dest", "path", "name", "destfile"} {
		if s, ok := str(arg(r, k)); ok && s != "" {
			return s
		}
	}
	return ""
}

// writesFiles are the modules that write a file's content.
var writesFiles = map[string]bool{
	"template": true, "copy": true, "lineinfile": true, "blockinfile": true, "replace": true,
	"ini_file": true, "win_template": true, "win_copy": true,
}

// checkInstalled is the check of the rules that look across a playbook
// for an agent it installs on the servers it sets up: names are the words
// that give one away in a task or a role's name, looked the list the
// message gives.
func checkInstalled(names []string, what, looked string) func(*rules.Check) {
	return func(c *rules.Check) {
		if _, ok := serverPlay(c); !ok {
			return
		}
		ev := findEvidence(c, func(t *infra.Resource) string {
			return containsAny(text(t), names)
		}, func(n string) string { return containsAny(n, names) })
		if ev != nil {
			c.Pass("%s is installed: %s", what, ev.what)
			return
		}
		missing(c, "no task or role of the playbook installs "+what+" (looked for "+looked+")")
	}
}
