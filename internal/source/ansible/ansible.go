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
// Playbooks of a Molecule scenario (…/molecule/NAME/) and of a role's
// tests/ directory exercise roles rather than deploy them: they are not
// graded (one coverage note per directory), and their use of a role does
// not count.
//
// Recognition: a playbook by structure (IsPlaybook); a role by layout
// (DIR/tasks/main.yml, or DIR/meta/main.yml with defaults, vars or
// handlers); inventories (hosts, inventory, *.ini, hosts.yml, the files of
// inventory/ and of each inventories/*/, or those ansible.cfg names),
// group_vars/ and host_vars/ next to the playbook or an inventory; the
// nearest ansible.cfg (the playbook's directory or one above it inside the
// scanned roots) for roles_path and inventory.
//
// # Resources
//
// Every value is located at the file:line that wrote it; a value that is
// a plain reference to a variable ("{{ port }}") is located where the
// variable's value was written (a role's defaults, group_vars), which is
// where a fix goes.
//
// ansible/Play (KindPlay), Address "play.NAME", NAME the play's name or
// "play N" (N counting from 1 in the component, imported playbooks'
// plays included); a second play of the same NAME is "play.NAME#2".
// Attributes (one not set is absent, which Field reads as null):
//
//	name                 the play's name, or "play N"
//	file                 the playbook file that holds it
//	hosts                the host pattern (string or list), templates evaluated
//	become, become_user, become_method, serial, max_fail_percentage,
//	any_errors_fatal, gather_facts, strategy, remote_user, connection,
//	order, throttle, environment, collections, tags, vars_files,
//	ignore_errors, ignore_unreachable, force_handlers
//	                     as written, templates evaluated
//	vars                 the play's vars, templates evaluated
//	roles                the names of the roles it applies, in order
//	pre_tasks, tasks, post_tasks, handlers
//	                     the addresses of every task resource the section
//	                     runs, in order (block, include and role tasks too);
//	                     tasks starts with the tasks of the play's roles,
//	                     handlers includes the roles' handlers
//
// ansible/Task (KindTask) and ansible/Handler (KindHandler), one per task:
// in a play's pre_tasks, tasks, post_tasks and handlers, in roles (their
// tasks and handlers), in block/rescue/always sections, in files included
// with include_tasks/import_tasks, in roles applied with
// include_role/import_role. A block is not a resource; its keywords are
// inherited by its tasks. Address: the play's, then a path:
//
//	play.P/tasks[i]              (also pre_tasks, post_tasks, handlers)
//	play.P/tasks[i]/block[j]     (also rescue[j], always[j]; nested blocks
//	                             continue the path)
//	play.P/tasks[i]/tasks[j]     a task of the file tasks[i] includes; when
//	                             the file name is only known at run time,
//	                             every candidate file is read (the files
//	                             matching its literal parts, or a loop's
//	                             items): play.P/tasks[i]/FILE/tasks[j]
//	play.P/role.R/tasks[i]       a task of role R applied by the play's roles
//	                             (role.R#2 when applied again with other
//	                             parameters); play.P/role.R/handlers[i] its
//	                             handlers
//	play.P/tasks[i]/role.R/tasks[j]   a role include_role/import_role applies
//	role.R/tasks[i]              a task of a role graded on its own
//
// Attributes:
//
//	name           the task's name, templates evaluated (absent when unnamed)
//	module         the module's short name: ansible.builtin.apt and apt
//	               are "apt", community.general.ufw is "ufw"
//	fqcn           the fully qualified name when written, or when the
//	               short name is an ansible.builtin module; else absent
//	args           the module's arguments as an object, templates
//	               evaluated: key=value text is split into keys (their
//	               values are strings, as written: "yes", "80"), and a
//	               free-form module's text (command, shell, raw, script,
//	               include_tasks, …) is args._raw_params, without the
//	               creates=, chdir=, … options it holds; the task's args
//	               keyword is merged in; "{{ omit }}" arguments are left out
//	creates, removes   from args, for command, shell and script
//	become, become_user, no_log, delegate_to
//	               the task's, else its innermost block's, include's or
//	               role entry's, else its play's; absent when none sets it
//	               (Ansible's default: false, none)
//	when           every condition that guards the task, as written, in
//	               order: its play's role entry's, its blocks' and
//	               includes', its own (a list of strings or bools)
//	tags           the task's tags and those it inherits, as written
//	notify, register, ignore_errors, run_once, loop, loop_control, with_*
//	(each as its own key: with_items, …), retries, delay, async, poll,
//	environment, check_mode, vars, listen, throttle, timeout,
//	delegate_facts, become_method, remote_user, connection,
//	any_errors_fatal, diff
//	               templates evaluated; notify is always a list
//	changed_when, failed_when, until
//	               as written: they are conditions, not values
//	role           the name of the role the task is in (absent in a play)
//	play           the address of its play (absent in a role graded alone)
//	section        pre_tasks, tasks, post_tasks or handlers
//	block, in      the address of the innermost enclosing block (the path
//	               of the block's own entry) and which part of it the task
//	               is in: "block", "rescue" or "always"; absent outside
//	file           the file that holds the task
//
// shell/Script (internal/source/shell), one per shell, command and raw
// task, Address "TASK/script", RunsIn "ansible", with an edge from the
// task (attribute "args"). Its text is the module's text with the known,
// printable values of templates put in; a template that is unknown, holds
// a secret or spans lines is left as a word the shell sees as an
// expansion, and in the commands' argv that word is unknown with the
// template as written. The script is located where the text starts (the
// line after "shell: |"). Shell is the shell task's executable, else sh.
// A command task's text is split into words as the command module splits
// it (its argv form is taken as is), and the script has no_shell = true:
// no shell runs it, so pipes and redirections in its text are plain
// arguments. A script task names a file: it is returned as a shell.Ref
// (RunsIn "ansible", Shell its executable), found as Ansible finds it, in
// the role's files/ directory, the role, the playbook's files/ directory,
// the playbook's directory.
//
// ansible/Role (KindRole), Address "…/role.R" (the tasks' prefix), one per
// role application, with name, found, path (its directory, absent when
// not found), and prodgrade_unexpanded = true when the role is not in the
// tree (installed from Galaxy or a collection when Ansible runs): its tasks
// are not graded, so absence rules may not conclude (Component.Unexpanded
// counts them).
//
// ansible/Vars (KindVars), one per variables file read: Address
// "vars:PATH" (PATH relative to the component's directory). Attributes:
// file, level ("role_defaults", "role_vars", "group_vars", "host_vars",
// "vars_files"), role, group or host (null when not applicable),
// vault_encrypted, and vars: the variables as written, a template being
// unknown with its text (it is resolved where a task uses it), a vault
// file's vars one hidden unknown.
//
// # Variables
//
// Templates are evaluated through Ansible's precedence, lowest first: role
// defaults (the task's own role's over other roles' of the play);
// inventory group_vars/all, then other groups' (a child group's over its
// parent's), then host_vars (each from the inventory file, the
// group_vars/host_vars next to it, then those next to the playbook); play
// vars; vars_files; role vars; block vars; task vars; role parameters. The
// inventory levels are resolved for the hosts a play targets: a variable
// they hold different values of is unknown; with no inventory, a variable
// a group_vars file of another group or a host_vars file sets is unknown.
// Variables set when Ansible runs are unknown wherever they are used, also
// before the task that sets them: set_fact, register, include_vars (the
// names in the file it loads, or in every file of the role's vars/ when
// the file is chosen at run time), vars_prompt, loop variables, facts and
// magic variables; a set_fact whose name is a template makes every
// variable nothing else defines unknown. Extra vars are not given. Jinja
// is evaluated in its simple forms only (jinja.go); anything else is
// unknown with its expression.
//
// Secrets: an Ansible Vault value (!vault, or a vault-encrypted file) is
// unknown, external and hidden (HiddenVault), never decrypted; a variable
// that a vault-encrypted vars file at a higher level might set is unknown
// the same way. A secret store lookup (aws_ssm, hashi_vault, aws_secret,
// …) and the env, file and password lookups are unknown and external. The
// literal value of a variable or argument named for a secret (password,
// token, api_key, …; internal/rules/secretname) is marked sensitive, and
// so is any value computed from it, so no output prints it.
//
// # Bounds
//
// Includes, imports and role dependencies are followed 16 deep, blocks
// and includes together 64; include cycles are noted and not followed
// again; a component holds at most 20,000 tasks; template evaluation is
// bounded in depth (32 variables), size (1 MiB strings) and steps, past
// which a value is unknown. YAML anchors and depth are bounded by the
// yaml pass.
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
