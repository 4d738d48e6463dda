package ansible

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
)

func TestIsPlaybook(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       bool
	}{
		{"playbook", "---\n# deploy\n- name: web\n  hosts: web\n  tasks:\n    - ping:\n", true},
		{"roles only", "- hosts: all\n  roles: [common]\n", true},
		{"imports", "- import_playbook: web.yml\n- ansible.builtin.import_playbook: db.yml\n", true},
		{"tasks file", "- name: install\n  apt: name=nginx\n- service: name=nginx state=started\n", false},
		{"old includes of tasks", "- include: install.yml\n- include: configure.yml\n", false},
		{"kubernetes", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n", false},
		{"kubernetes list", "apiVersion: v1\nkind: List\nitems:\n- kind: Service\n  hosts: x\n", false},
		{"compose", "services:\n  web:\n    image: nginx\n    ports: [\"80:80\"]\n", false},
		{"cloudformation", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n", false},
		{"hosts without tasks", "- hosts: all\n  vars: {a: 1}\n", false},
		{"list of strings", "- hosts\n- tasks\n", false},
		{"not yaml", "- hosts: [\n", false},
	} {
		if got := IsPlaybook([]byte(c.text)); got != c.want {
			t.Errorf("%s: IsPlaybook = %v, want %v", c.name, got, c.want)
		}
	}
}

// attr renders an attribute of a resource.
func attr(t *testing.T, c *infra.Component, addr, path string) string {
	t.Helper()
	return show(res(t, c, addr).Attrs.Get(path))
}

func TestRoles(t *testing.T) {
	l := load(t, map[string]string{
		"site.yml":                           "- hosts: web\n  roles:\n    - common\n    - role: shared\n    - missing\n  tasks:\n    - include_role:\n        name: common\n        tasks_from: extra\n",
		"roles/common/tasks/main.yml":        "- name: common task\n  debug: msg=hi\n",
		"roles/common/tasks/extra.yml":       "- name: extra task\n  debug: msg=extra\n",
		"roles/common/meta/main.yml":         "dependencies:\n  - role: base\n",
		"roles/base/tasks/main.yml":          "- name: base task\n  ping:\n",
		"ansible.cfg":                        "[defaults]\nroles_path = ./vendor/roles:~/.ansible/roles\n",
		"vendor/roles/shared/tasks/main.yml": "- name: shared task\n  ping:\n",
		"roles/unused/tasks/main.yml":        "- name: lonely\n  apt: name=htop\n",
		"roles/unused/handlers/main.yml":     "- name: restart\n  service: name=htop state=restarted\n",
	})
	c := l.comp(t, "site.yml")
	want := []string{
		"ansible/Play play.play 1",
		"ansible/Task play.play 1/role.base/tasks[0]",
		"ansible/Task play.play 1/role.common/tasks[0]",
		"ansible/Task play.play 1/role.shared/tasks[0]",
		"ansible/Task play.play 1/tasks[0]",
		"ansible/Task play.play 1/tasks[0]/role.common/tasks[0]",
	}
	got := addrs(c)
	for _, w := range want {
		if !strings.Contains(got, w+"\n") {
			t.Errorf("no %s; have:\n%s", w, got)
		}
	}
	if s := attr(t, c, "play.play 1/tasks[0]/role.common/tasks[0]", "name"); s != `"extra task"` {
		t.Errorf("tasks_from: %s", s)
	}
	if s := attr(t, c, "play.play 1/role.base/tasks[0]", "role"); s != `"base"` {
		t.Errorf("dependency's role: %s", s)
	}
	if s := attr(t, c, "play.play 1", "roles"); s != `["common", "shared", "missing"]` {
		t.Errorf("play roles: %s", s)
	}
	if s := attr(t, c, "play.play 1/role.missing", "found"); s != "false" {
		t.Errorf("missing role found = %s", s)
	}
	if c.Unexpanded != 1 {
		t.Errorf("Unexpanded = %d, want 1", c.Unexpanded)
	}
	notes := l.notesText()
	if !strings.Contains(notes, "coverage site.yml:5: role missing is not in the scanned tree") {
		t.Errorf("no note at the missing role's line:\n%s", notes)
	}
	// The unused role is graded on its own, the used ones only through the playbook.
	u := l.comp(t, "roles/unused")
	if u.Kind != ComponentRole || attr(t, u, "role.unused/tasks[0]", "module") != `"apt"` {
		t.Errorf("unused role: %s\n%s", u.Kind, addrs(u))
	}
	if res(t, u, "role.unused/handlers[0]").Kind != KindHandler {
		t.Errorf("role handler kind")
	}
	if len(l.comps) != 2 {
		t.Errorf("%d components, want 2", len(l.comps))
	}
	for _, f := range []string{"site.yml", "roles/common/meta/main.yml", "roles/unused/tasks/main.yml", "ansible.cfg"} {
		if !containsPath(l.claimed, filepath.Join(l.dir, f)) {
			t.Errorf("%s not claimed: %v", f, l.claimed)
		}
	}
}

func containsPath(list []string, p string) bool {
	for _, x := range list {
		if x == p {
			return true
		}
	}
	return false
}

// TestPrecedence walks Ansible's levels one by one: each variable is set
// at every level up to its own and must come from the highest.
func TestPrecedence(t *testing.T) {
	levels := []string{"role_defaults", "group_all", "group_web", "host_vars", "play_vars", "vars_files", "role_vars", "task_vars"}
	def := func(upto int) string {
		var b strings.Builder
		for i := 0; i <= upto; i++ {
			fmt.Fprintf(&b, "%s: %s\n", "v_"+levels[upto], levels[i])
		}
		return b.String()
	}
	// Every variable v_L is defined at level L and every level below it.
	at := func(level int) string {
		var b strings.Builder
		for v := level; v < len(levels); v++ {
			fmt.Fprintf(&b, "v_%s: %s\n", levels[v], levels[level])
		}
		return b.String()
	}
	_ = def
	indent := func(s, pre string) string {
		return pre + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n"+pre) + "\n"
	}
	var msg strings.Builder
	for _, lv := range levels {
		fmt.Fprintf(&msg, "%s={{ v_%s }} ", lv, lv)
	}
	l := load(t, map[string]string{
		"hosts":                       "[web]\nweb1\nweb2\n[db]\ndb1\n",
		"tox.ini":                     "[tox]\nenvlist = py3\n", // not an inventory: its "hosts" would differ
		"roles/app/defaults/main.yml": at(0),
		"group_vars/all.yml":          at(1) + "per_host: all\nper_group: all\n",
		"group_vars/web.yml":          at(2),
		"group_vars/db.yml":           "per_group: db\n",
		"host_vars/web1.yml":          at(3) + "per_host: web1\n",
		"host_vars/web2.yml":          at(3) + "per_host: web2\n",
		"vars/main.yml":               at(5),
		"roles/app/vars/main.yml":     at(6),
		"roles/app/tasks/main.yml": "- name: show\n  debug:\n    msg: \"" + msg.String() + "\"\n  vars:\n" + indent(at(7), "    ") +
			"- name: per host\n  debug:\n    msg: \"{{ per_host }} {{ per_group }}\"\n",
		"site.yml": "- hosts: web\n  vars:\n" + indent(at(4), "    ") + "  vars_files:\n    - vars/main.yml\n  roles:\n    - app\n" +
			"- hosts: web\n  vars_files:\n    - \"vars/{{ ansible_os_family }}.yml\"\n  tasks:\n    - debug: msg={{ v_role_defaults }}\n      vars:\n        late: 1\n",
	})
	c := l.comp(t, "site.yml")
	var want strings.Builder
	for _, lv := range levels {
		fmt.Fprintf(&want, "%s=%s ", lv, lv)
	}
	if got := attr(t, c, "play.play 1/role.app/tasks[0]", "args.msg"); got != `"`+want.String()+`"` {
		t.Errorf("precedence:\n got %s\nwant %q", got, want.String())
	}
	// per_host differs between web1 and web2: unknown. per_group is the
	// same for every web host (db's is not theirs).
	v := res(t, c, "play.play 1/role.app/tasks[1]").Attrs.Get("args.msg")
	if v.IsKnown() || !strings.Contains(v.Why(), "differs between the hosts") {
		t.Errorf("per-host value: %s (%s)", show(v), v.Why())
	}
	// A vars_files entry chosen at run time may set any variable there.
	if v := res(t, c, "play.play 2/tasks[0]").Attrs.Get("args.msg"); v.IsKnown() || !strings.Contains(v.Why(), "a file chosen when Ansible runs") {
		t.Errorf("vars_files chosen at run time: %s (%s)", show(v), v.Why())
	}
	if want := "coverage site.yml:13: vars_files entry vars/{{ ansible_os_family }}.yml is known only when Ansible runs: its variables are not read\n"; l.notesText() != want {
		t.Errorf("notes:\n%s", l.notesText())
	}
}

func TestValueLocation(t *testing.T) {
	l := load(t, map[string]string{
		"site.yml":           "- hosts: all\n  tasks:\n    - apt:\n        name: \"nginx={{ v }}\"\n    - service:\n        name: \"{{ svc }}\"\n",
		"group_vars/all.yml": "v: 1.24\nsvc: nginx\n",
	})
	c := l.comp(t, "site.yml")
	// A template is located where it is written; a plain reference where
	// the value is (the fix goes there).
	if loc := res(t, c, "play.play 1/tasks[0]").Attrs.Get("args.name").Loc; filepath.Base(loc.File) != "site.yml" || loc.Line != 4 {
		t.Errorf("template located at %s", loc)
	}
	if loc := res(t, c, "play.play 1/tasks[1]").Attrs.Get("args.name").Loc; filepath.Base(loc.File) != "all.yml" || loc.Line != 2 {
		t.Errorf("reference located at %s", loc)
	}
}

func TestVault(t *testing.T) {
	l := load(t, map[string]string{
		"site.yml": "- hosts: db\n  vars:\n    db_password: !vault |\n      $ANSIBLE_VAULT;1.1;AES256\n      62313365396662343061393464336163383764373764613633653634306231386433626436623361\n" +
			"    api_token: plain-text-token\n  tasks:\n    - user:\n        name: app\n        password: \"{{ db_password }}\"\n" +
			"    - uri:\n        url: https://x\n        headers:\n          Authorization: \"Bearer {{ api_token }}\"\n" +
			"    - debug:\n        msg: \"{{ admin_pass }}\"\n" +
			"    - postgresql_user:\n        name: app\n        password: \"{{ lookup('amazon.aws.aws_secret', 'db') }}\"\n",
		"group_vars/db/vault.yml": "$ANSIBLE_VAULT;1.1;AES256\n3831623930\n",
	})
	c := l.comp(t, "site.yml")
	pw := res(t, c, "play.play 1/tasks[0]").Attrs.Get("args.password")
	if pw.IsKnown() || pw.Hidden() != HiddenVault || !pw.IsExternal() {
		t.Errorf("vault value: %s hidden=%q external=%v", show(pw), pw.Hidden(), pw.IsExternal())
	}
	tok := res(t, c, "play.play 1/tasks[1]").Attrs.Get("args.headers.Authorization")
	if !tok.IsSensitive() || !tok.IsKnown() || tok.IsExternal() {
		t.Errorf("a literal token: %s sensitive=%v", show(tok), tok.IsSensitive())
	}
	// A variable nothing defines in clear text may be in the vault file.
	ap := res(t, c, "play.play 1/tasks[2]").Attrs.Get("args.msg")
	if ap.IsKnown() || ap.Hidden() != HiddenVault || !strings.Contains(ap.Why(), "vault") {
		t.Errorf("variable from vault file: %s (%s)", show(ap), ap.Why())
	}
	sm := res(t, c, "play.play 1/tasks[3]").Attrs.Get("args.password")
	if sm.IsKnown() || !sm.IsExternal() {
		t.Errorf("secrets manager lookup: %s external=%v", show(sm), sm.IsExternal())
	}
	vf := res(t, c, "vars:group_vars/db/vault.yml")
	if attr(t, c, vf.Address, "vault_encrypted") != "true" {
		t.Errorf("vault file: %s", show(vf.Attrs))
	}
	// The literal never reaches any rendering of any resource.
	for _, r := range c.Resources {
		if strings.Contains(show(r.Attrs), "plain-text-token") {
			t.Errorf("%s shows the token: %s", r.Address, show(r.Attrs))
		}
	}
}

func TestBlocks(t *testing.T) {
	l := load(t, map[string]string{
		"site.yml": `- hosts: all
  become: true
  tasks:
    - name: deploy
      block:
        - name: stop
          service: name=app state=stopped
        - block:
            - name: inner
              command: /bin/true
          when: inner_cond
      rescue:
        - name: rollback
          command: /usr/bin/rollback
      always:
        - name: start
          service: name=app state=started
      become_user: app
      when: outer_cond
      tags: [deploy]
      no_log: true
`,
	})
	c := l.comp(t, "site.yml")
	for addr, want := range map[string]string{
		"play.play 1/tasks[0]/block[0]":          `{become: true, become_user: "app", block: "play.play 1/tasks[0]", in: "block", no_log: true, tags: ["deploy"], when: ["outer_cond"]}`,
		"play.play 1/tasks[0]/block[1]/block[0]": `{become: true, become_user: "app", block: "play.play 1/tasks[0]/block[1]", in: "block", no_log: true, tags: ["deploy"], when: ["outer_cond", "inner_cond"]}`,
		"play.play 1/tasks[0]/rescue[0]":         `{become: true, become_user: "app", block: "play.play 1/tasks[0]", in: "rescue", no_log: true, tags: ["deploy"], when: ["outer_cond"]}`,
		"play.play 1/tasks[0]/always[0]":         `{become: true, become_user: "app", block: "play.play 1/tasks[0]", in: "always", no_log: true, tags: ["deploy"], when: ["outer_cond"]}`,
	} {
		r := res(t, c, addr)
		var fields []infra.Field
		for _, k := range []string{"become", "become_user", "block", "in", "no_log", "tags", "when"} {
			fields = append(fields, infra.Field{Name: k, Value: r.Attrs.Field(k)})
		}
		if got := show(infra.ObjectValue(fields)); got != want {
			t.Errorf("%s:\n got %s\nwant %s", addr, got, want)
		}
	}
	p := res(t, c, "play.play 1")
	if got := show(p.Attrs.Field("tasks")); !strings.Contains(got, `"play.play 1/tasks[0]/rescue[0]"`) {
		t.Errorf("play tasks: %s", got)
	}
}

func TestIncludes(t *testing.T) {
	deep := map[string]string{
		"site.yml":         "- hosts: all\n  tasks:\n    - include_tasks: a.yml\n    - import_tasks: setup-{{ ansible_os_family }}.yml\n    - include_tasks: \"{{ item }}\"\n      loop: [one.yml, two.yml]\n    - include_tasks: nope.yml\n",
		"a.yml":            "- name: in a\n  include_tasks: b.yml\n",
		"b.yml":            "- name: in b\n  include_tasks: a.yml\n",
		"setup-Debian.yml": "- apt: name=x\n",
		"setup-RedHat.yml": "- dnf: name=x\n",
		"one.yml":          "- debug: msg=\"{{ item }}\"\n",
		"two.yml":          "- ping:\n",
	}
	for i := 0; i < 30; i++ {
		deep[fmt.Sprintf("d%d.yml", i)] = fmt.Sprintf("- include_tasks: d%d.yml\n", i+1)
	}
	deep["deep.yml"] = "- hosts: all\n  tasks:\n    - include_tasks: d0.yml\n"
	l := load(t, deep)
	c := l.comp(t, "site.yml")
	for _, a := range []string{
		"play.play 1/tasks[0]/tasks[0]",
		"play.play 1/tasks[0]/tasks[0]/tasks[0]",
		"play.play 1/tasks[1]/setup-Debian.yml/tasks[0]",
		"play.play 1/tasks[1]/setup-RedHat.yml/tasks[0]",
		"play.play 1/tasks[2]/one.yml/tasks[0]",
		"play.play 1/tasks[2]/two.yml/tasks[0]",
	} {
		res(t, c, a)
	}
	if v := res(t, c, "play.play 1/tasks[2]/one.yml/tasks[0]").Attrs.Get("args.msg"); v.IsKnown() || !strings.Contains(v.Why(), "loop variable") {
		t.Errorf("loop variable in an included file: %s %s", show(v), v.Why())
	}
	notes := l.notesText()
	for _, w := range []string{
		"coverage b.yml:1: a.yml includes itself through a.yml → b.yml (an include cycle)",
		"coverage site.yml:4: import_tasks setup-{{ ansible_os_family }}.yml names a file known only when Ansible runs: the 2 files matching it are all graded",
		"error site.yml:7: include_tasks nope.yml: no such file",
		"coverage d15.yml:1: includes nest more than 16 deep: d16.yml is not followed",
	} {
		if !strings.Contains(notes, w) {
			t.Errorf("no note %q in:\n%s", w, notes)
		}
	}
}

func TestShellScripts(t *testing.T) {
	l := load(t, map[string]string{
		"site.yml": `- hosts: all
  vars:
    version: "1.2.3"
    db_password: s3cret
  tasks:
    - name: install
      shell: |
        set -e
        curl -fsSL https://get.example.com | sh -s -- {{ version }}
        echo {{ db_password }} | app-login
      args:
        creates: /usr/local/bin/app
    - name: run
      command: /usr/bin/app --flag "a | b" {{ unknown_var }}
    - raw: apt-get update
    - name: argv form
      command:
        argv: [/usr/bin/env, FOO=1, app]
    - ansible.builtin.script: scripts/bootstrap.sh --now
      args:
        executable: bash
    - name: in role
      include_role:
        name: r
`,
		"scripts/bootstrap.sh":   "#!/bin/sh\necho boot\n",
		"roles/r/tasks/main.yml": "- script: tool.sh\n- script: absent.sh\n",
		"roles/r/files/tool.sh":  "echo tool\n",
	})
	c := l.comp(t, "site.yml")
	sc := res(t, c, "play.play 1/tasks[0]/script")
	if sc.Loc.Line != 8 {
		t.Errorf("block scalar script at line %d, want 8", sc.Loc.Line)
	}
	cmds := sc.Attrs.Field("commands").List()
	var lines []string
	for _, cmd := range cmds {
		lines = append(lines, fmt.Sprintf("%d %s", cmd.Loc.Line, show(cmd.Field("argv"))))
	}
	want := []string{
		`8 ["set", "-e"]`,
		`9 ["curl", "-fsSL", "https://get.example.com"]`,
		`9 ["sh", "-s", "--", "1.2.3"]`,
		`10 ["echo", <hidden {{ db_password }}>]`,
		`10 ["app-login"]`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("shell commands:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if b, _ := sc.Attrs.Field("errexit").Bool(); !b {
		t.Errorf("set -e not seen")
	}
	task := res(t, c, "play.play 1/tasks[0]")
	if len(task.Refs) != 1 || task.Refs[0].To != sc.Address {
		t.Errorf("task refs: %v", task.Refs)
	}
	if got := show(task.Attrs.Field("creates")); got != `"/usr/local/bin/app"` {
		t.Errorf("creates: %s", got)
	}
	cmd := res(t, c, "play.play 1/tasks[1]/script")
	if got := show(cmd.Attrs.Field("commands")); got != `[{argv: ["/usr/bin/app", "--flag", "a | b", <{{ unknown_var }}>], cond: false, depth: 0, pipe_to: false, piped_from: false, stdout_to_file: false}]` {
		t.Errorf("command task: %s", got)
	}
	if cmd.Loc.Line != 14 || show(cmd.Attrs.Field("no_shell")) != "true" {
		t.Errorf("command task at %d, no_shell %s", cmd.Loc.Line, show(cmd.Attrs.Field("no_shell")))
	}
	if got := show(res(t, c, "play.play 1/tasks[3]/script").Attrs.Get("commands[0].argv")); got != `["/usr/bin/env", "FOO=1", "app"]` {
		t.Errorf("argv form: %s", got)
	}
	if res(t, c, "play.play 1/tasks[2]/script").Loc.Line != 15 {
		t.Errorf("raw task line")
	}
	var refs []string
	for _, r := range l.refs {
		refs = append(refs, l.rel(r.Path)+" from "+r.From+" shell="+r.Options.Shell+" runs_in="+r.Options.RunsIn)
	}
	if got := strings.Join(refs, "\n"); got != "scripts/bootstrap.sh from play.play 1/tasks[4] shell=bash runs_in=ansible\nroles/r/files/tool.sh from play.play 1/tasks[5]/role.r/tasks[0] shell= runs_in=ansible" {
		t.Errorf("refs:\n%s", got)
	}
	if !strings.Contains(l.notesText(), "coverage roles/r/tasks/main.yml:2: the script absent.sh is not in the scanned tree") {
		t.Errorf("notes:\n%s", l.notesText())
	}
}

func TestPlaybookImports(t *testing.T) {
	l := load(t, map[string]string{
		"site.yml": "- import_playbook: web.yml\n- import_playbook: site.yml\n- name: last\n  hosts: all\n  serial: \"30%\"\n  max_fail_percentage: 10\n  tasks: [{ping: }]\n",
		"web.yml":  "- name: web\n  hosts: web\n  serial: 1\n  tasks:\n    - ping:\n",
	})
	if len(l.comps) != 1 {
		t.Fatalf("%d components, want site.yml only", len(l.comps))
	}
	c := l.comp(t, "site.yml")
	if got := attr(t, c, "play.web", "serial"); got != "1" {
		t.Errorf("imported play: %s", got)
	}
	if got := attr(t, c, "play.last", "serial") + " " + attr(t, c, "play.last", "max_fail_percentage"); got != `"30%" 10` {
		t.Errorf("play attrs: %s", got)
	}
	if !strings.Contains(l.notesText(), "coverage site.yml:2: import_playbook site.yml imports a playbook that is already being imported") {
		t.Errorf("notes:\n%s", l.notesText())
	}
}

func TestModules(t *testing.T) {
	l := load(t, map[string]string{
		"site.yml": `- hosts: all
  tasks:
    - ansible.builtin.apt: name=nginx state=latest
    - community.general.ufw: {rule: allow, port: "22"}
    - action: yum name=httpd state=present
    - local_action:
        module: uri
        url: http://localhost
    - name: two modules
      apt: name=x
      yum: name=x
    - name: none
      when: x
    - get_url:
        url: https://x/y.tgz
        dest: /tmp/y.tgz
        validate_certs: "{{ certs | default(false) }}"
        force: "{{ omit }}"
`,
	})
	c := l.comp(t, "site.yml")
	for addr, want := range map[string]string{
		"play.play 1/tasks[0]": `"apt" "ansible.builtin.apt" {name: "nginx", state: "latest"}`,
		"play.play 1/tasks[1]": `"ufw" "community.general.ufw" {port: "22", rule: "allow"}`,
		"play.play 1/tasks[2]": `"yum" "ansible.builtin.yum" {name: "httpd", state: "present"}`,
		"play.play 1/tasks[3]": `"uri" "ansible.builtin.uri" {url: "http://localhost"}`,
		"play.play 1/tasks[6]": `"get_url" "ansible.builtin.get_url" {dest: "/tmp/y.tgz", url: "https://x/y.tgz", validate_certs: false}`,
	} {
		r := res(t, c, addr)
		got := show(r.Attrs.Field("module")) + " " + show(r.Attrs.Field("fqcn")) + " " + show(r.Attrs.Field("args"))
		if got != want {
			t.Errorf("%s: %s, want %s", addr, got, want)
		}
	}
	if got := attr(t, c, "play.play 1/tasks[3]", "delegate_to"); got != `"localhost"` {
		t.Errorf("local_action delegate_to: %s", got)
	}
	notes := l.notesText()
	for _, w := range []string{"error site.yml:9: the task names more than one module (apt, yum)", "error site.yml:12: the task names no module"} {
		if !strings.Contains(notes, w) {
			t.Errorf("no %q in:\n%s", w, notes)
		}
	}
}

func TestErrors(t *testing.T) {
	l := load(t, map[string]string{
		"site.yml":                  "- hosts: all\n  roles: [r]\n",
		"roles/r/tasks/main.yml":    "- name: ok\n  ping:\n- name: bad\n  debug: msg=\"x\n   foo: [\n",
		"roles/r/defaults/main.yml": "- not\n- a mapping\n",
		"broken.yml":                "- hosts: all\n  tasks:\n    - ping: {\n",
		"bomb.yml":                  "- hosts: all\n  vars:\n    a: &a [x, x, x, x, x, x, x, x, x, x]\n    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n  tasks:\n    - debug: msg=\"{{ g }}\"\n",
	})
	notes := l.notesText()
	for _, w := range []string{
		"error roles/r/tasks/main.yml:5: not valid YAML",
		"error roles/r/defaults/main.yml:1: a variables file must be a mapping",
		"error broken.yml:4: not valid YAML",
		"error bomb.yml:8: not valid YAML: too many alias expansions",
	} {
		if !strings.Contains(notes, w) {
			t.Errorf("no %q in:\n%s", w, notes)
		}
	}
}

func TestRoleCycle(t *testing.T) {
	l := load(t, map[string]string{
		"site.yml":               "- hosts: all\n  roles: [a]\n",
		"roles/a/tasks/main.yml": "- ping:\n",
		"roles/a/meta/main.yml":  "dependencies:\n  - {role: b, x: 1}\n  - {role: b, x: 2}\n",
		"roles/b/tasks/main.yml": "- ping:\n",
		"roles/b/meta/main.yml":  "dependencies:\n  - {role: a, y: 1}\n  - {role: a, y: 2}\n",
	})
	c := l.comp(t, "site.yml")
	if n := len(c.Resources); n > 20 {
		t.Errorf("%d resources from a cycle of two roles", n)
	}
	if !strings.Contains(l.notesText(), "role a depends on itself (a cycle of role dependencies)") {
		t.Errorf("notes:\n%s", l.notesText())
	}
}
