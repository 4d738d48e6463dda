// Package ansible reads Ansible playbooks and roles into resources: one
// component per playbook, holding its plays, every task they run (their
// roles' and included files' tasks too), the shell scripts those tasks run
// and the variable files they read. A role no playbook in the tree uses is
// a component of its own. This package only turns files into resources;
// the provision format (internal/source/provision) decides which files it
// is given and grades what it returns.
//
// # Components
//
// A playbook with its roles, imported playbooks and included task files is
// one component: Name and Path the playbook's path, Kind "ansible
// playbook", Tool "Ansible". A playbook another one imports
// (import_playbook) is graded through it only. A role no playbook uses is
// a component with Name and Path its directory, Kind "ansible role".
//
// # Resources
//
// Every value is located at the file:line that wrote it; a value resolved
// from a variable is located where the variable's value was written
// (a role's defaults, group_vars), which is where a fix goes.
//
// ansible/Play (KindPlay), Address "play.NAME", NAME the play's name or
// "play N" (N counting from 1 in the component); a second play of the same
// NAME is "play.NAME#2". Attributes:
//
//	name                 the play's name, or "play N"
//	file                 the playbook file that holds it
//	hosts                the host pattern (string or list), templates evaluated
//	become, become_user, become_method, serial, max_fail_percentage,
//	any_errors_fatal, gather_facts, strategy, remote_user, connection,
//	order, throttle, environment, collections, tags, vars_files
//	                     as written, templates evaluated; null when not set
//	vars                 the play's vars, templates evaluated
//	roles                the names of the roles it applies, in order
//	pre_tasks, tasks, post_tasks, handlers
//	                     the addresses of every task resource the section
//	                     runs, in order (block, include and role tasks too);
//	                     tasks includes the tasks of the play's roles
//
// ansible/Task (KindTask) and ansible/Handler (KindHandler), one per task:
// in a play's pre_tasks, tasks, post_tasks and handlers, in roles (their
// tasks and handlers), in block/rescue/always sections, in files included
// with include_tasks/import_tasks, in roles applied with
// include_role/import_role. A block is not a resource; its keywords are
// inherited by its tasks. Address: the play's, then a path:
//
//	play.P/tasks[i]              (also pre_tasks, post_tasks, handlers)
//	play.P/tasks[i]/block[j]     (also rescue[j], always[j])
//	play.P/tasks[i]/tasks[j]     a task of the file tasks[i] includes; when
//	                             the file name is only known at run time,
//	                             every candidate file is read:
//	                             play.P/tasks[i]/FILE/tasks[j]
//	play.P/role.R/tasks[i]       a task of role R applied by the play's roles
//	                             (role.R#2 when applied again with other
//	                             parameters); role.R/handlers[i] its handlers
//	play.P/tasks[i]/role.R/tasks[j]   a role include_role/import_role applies
//	role.R/tasks[i]              a task of a role graded on its own
//
// Attributes:
//
//	name           the task's name (null when unnamed)
//	module         the module's short name: ansible.builtin.apt and apt
//	               are "apt", community.general.ufw is "ufw"
//	fqcn           the fully qualified name when written, or when the
//	               short name is an ansible.builtin module; else null
//	args           the module's arguments as an object, templates
//	               evaluated: key=value text is split into keys, and a
//	               free-form module's text (command, shell, raw, script,
//	               include_tasks, …) is args._raw_params; the task's args
//	               keyword is merged in; "{{ omit }}" arguments are left out
//	creates, removes   from args, for command, shell and script
//	become, become_user, no_log, delegate_to
//	               the task's, else its enclosing block's, else its role
//	               entry's, else its play's; null when none sets it
//	when           every condition that guards the task, as written
//	               (its own, its blocks', its include's, its role entry's),
//	               a list of strings or bools; null when none
//	tags           the task's tags and those it inherits, as written
//	notify, register, changed_when, failed_when, ignore_errors, run_once,
//	loop, loop_control, with_* (each as its own key: with_items, …),
//	until, retries, delay, async, poll, environment, check_mode, vars, listen
//	               as written, templates evaluated where they are values
//	               (when, changed_when, failed_when and until are
//	               conditions: kept as written)
//	role           the name of the role the task is in (null in a play)
//	play           the address of its play (null in a role graded alone)
//	section        pre_tasks, tasks, post_tasks or handlers
//	block          the address of the innermost enclosing block's task path
//	               and in: "block", "rescue" or "always"; null outside blocks
//	file           the file that holds the task
//
// shell/Script (internal/source/shell), one per shell, command and raw
// task, Address "TASK/script", RunsIn "ansible", with an edge from the
// task (attribute "args"). Its text is the module's text, templates
// evaluated where known (a variable named for a secret is never put in);
// the script is located where the text starts (the line after "shell: |").
// A command task's text is split into words as the command module splits
// it, and the script has no_shell = true: no shell runs it, so pipes and
// redirections in its text are plain arguments. A script task names a
// file: it is returned as a shell.Ref, resolved against the role's files/
// directory, the role, the playbook's files/ directory and the playbook's
// directory, as Ansible looks for it.
//
// ansible/Role (KindRole), Address "…/role.R", one per role application,
// with name, path (its directory, null when not found), found, and
// prodgrade_unexpanded = true when the role is not in the tree (installed
// from Galaxy or a collection when Ansible runs): its tasks are not graded,
// so absence rules may not conclude.
//
// ansible/Vars (KindVars), one per variables file read: Address
// "vars:PATH" (PATH relative to the component's directory). Attributes:
// file, level ("role_defaults", "role_vars", "group_vars", "host_vars",
// "vars_files"), role, group or host (null when not applicable),
// vault_encrypted, and vars: the variables as written, a template being
// unknown with its text (it is resolved where a task uses it).
//
// # Variables
//
// Templates are evaluated through Ansible's precedence, lowest first: role
// defaults; inventory group_vars/all, then other groups' (a child group's
// over its parent's), then host_vars (each from the inventory file, the
// group_vars/host_vars next to it, then those next to the playbook); play
// vars; vars_files; role vars; block vars; task vars; role parameters. A
// variable the targeted hosts hold different values of is unknown.
// Variables set when Ansible runs (set_fact, register, include_vars,
// vars_prompt, loop variables, facts) are unknown wherever they are used;
// extra vars are not given. Jinja is evaluated in its simple forms only
// (see jinja.go); anything else is unknown with its expression.
//
// Secrets: an Ansible Vault value (!vault, or a vault-encrypted file) is
// unknown, external and hidden (HiddenVault), never decrypted; a variable
// a vault-encrypted file at a higher level might set is unknown the same
// way. A secret store lookup (aws_ssm, hashi_vault, aws_secret, …) is
// unknown and external. The literal value of a variable or argument named
// for a secret (password, token, api_key, …) is marked sensitive, so no
// output prints it.
package ansible

import (
	"bytes"
	"context"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/shell"
	"github.com/prodgrade/prodgrade/internal/source/yaml"
)

// Resource kinds.
const (
	KindPlay    = "ansible/Play"
	KindTask    = "ansible/Task"
	KindHandler = "ansible/Handler"
	KindRole    = "ansible/Role"
	KindVars    = "ansible/Vars"
)

// Tool settles a playbook's unknown values.
const Tool = "Ansible"

// Component kinds.
const (
	ComponentPlaybook = "ansible playbook"
	ComponentRole     = "ansible role"
)

// Origin of the resources.
const Origin = "ansible"

// Load finds the playbooks among files (YAML files the walk found under the
// scanned roots) and reads each, with the roles it uses, into one
// component; refs are the script files its script tasks run. claimed are
// the files it read (playbooks, role files, vars files, inventories), so no
// other format grades them as something else.
func Load(ctx context.Context, tree *confine.Tree, roots, files []string) (comps []*infra.Component, refs []shell.Ref, claimed []string, notes []infra.Note) {
	l := newLoader(ctx, tree, roots, files)
	return l.run()
}

// IsPlaybook reports whether data (a YAML file) is an Ansible playbook: a
// list of plays, each a mapping with hosts and
// tasks/roles/pre_tasks/post_tasks/handlers (or an import_playbook). Cheap;
// never true for Kubernetes manifests, Compose files or CloudFormation
// templates, which are mappings.
func IsPlaybook(data []byte) bool {
	if !startsWithList(data) {
		return false
	}
	if !bytes.Contains(data, []byte("hosts")) && !bytes.Contains(data, []byte("import_playbook")) &&
		!bytes.Contains(data, []byte("include")) {
		return false
	}
	docs, err := yaml.Parse("", data)
	if err != nil || len(docs) == 0 {
		return false
	}
	return isPlaybookValue(docs[0].Value)
}

// startsWithList reports whether the first node of a YAML text is a block
// or flow sequence, skipping comments, directives and document markers.
func startsWithList(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		t := bytes.TrimSpace(line)
		switch {
		case len(t) == 0, t[0] == '#', t[0] == '%', bytes.Equal(t, []byte("---")):
			continue
		case bytes.HasPrefix(t, []byte("--- ")):
			t = bytes.TrimSpace(t[4:])
		}
		return len(t) > 0 && (t[0] == '[' || t[0] == '-' && (len(t) == 1 || t[1] == ' ' || t[1] == '\t'))
	}
	return false
}

// isPlaybookValue: a non-empty list of mappings, each a play (hosts and a
// section of tasks or roles) or a playbook import.
func isPlaybookValue(v infra.Value) bool {
	if v.Kind() != infra.List || v.Len() == 0 {
		return false
	}
	// A list of bare include entries is as likely a tasks file (old
	// Ansible's include of tasks) as a playbook: at least one entry must
	// be a play or an import_playbook.
	sure := false
	for _, p := range v.List() {
		if p.Kind() != infra.Object {
			return false
		}
		if isImport(p) {
			sure = sure || p.Has("import_playbook") || p.Has("ansible.builtin.import_playbook")
			continue
		}
		sure = true
		if !p.Has("hosts") {
			return false
		}
		ok := false
		for _, s := range []string{"tasks", "roles", "pre_tasks", "post_tasks", "handlers"} {
			ok = ok || p.Has(s)
		}
		if !ok {
			return false
		}
	}
	return sure
}

// isImport reports a playbook entry that imports another playbook.
func isImport(p infra.Value) bool {
	for _, k := range []string{"import_playbook", "ansible.builtin.import_playbook", "include"} {
		if p.Has(k) && !p.Has("hosts") {
			return true
		}
	}
	return false
}
