package ansible

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/prodgrade/prodgrade/internal/confine"
)

// FuzzLoad looks for panics and hangs in loading a playbook, the tasks
// file it includes and a role's files, and checks that a text IsPlaybook
// accepts is loaded as a component.
func FuzzLoad(f *testing.F) {
	f.Add("- hosts: all\n  roles: [r]\n  tasks:\n    - include_tasks: t.yml\n    - shell: echo {{ x | default('y') }}\n",
		"- block:\n    - command: ls\n  rescue:\n    - include_tasks: t.yml\n", "v: \"{{ v }}\"\n")
	f.Add("- import_playbook: site.yml\n- hosts: \"{{ h }}\"\n  vars: {h: web}\n  tasks: [{set_fact: {\"{{ k }}\": 1}}]\n",
		"- include_role: {name: r, tasks_from: main}\n", "$ANSIBLE_VAULT;1.1;AES256\n00\n")
	f.Add("- hosts: all\n  vars_files: [t.yml]\n  tasks:\n    - action: shell \"{{ a ~ b }}\" creates=/x\n",
		"a: !vault |\n  $ANSIBLE_VAULT;1.1\n  00\nb: '{{ a | join(\"x\") }}'\n", "dependencies: [r]\n")
	f.Fuzz(func(t *testing.T, playbook, tasks, role string) {
		dir := t.TempDir()
		files := map[string]string{
			"site.yml":                  playbook,
			"t.yml":                     tasks,
			"roles/r/tasks/main.yml":    tasks,
			"roles/r/defaults/main.yml": role,
			"roles/r/meta/main.yml":     role,
			"group_vars/all.yml":        role,
		}
		var paths []string
		for p, text := range files {
			full := filepath.Join(dir, p)
			os.MkdirAll(filepath.Dir(full), 0o755)
			os.WriteFile(full, []byte(text), 0o644)
			paths = append(paths, full)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		comps, _, _, notes := Load(ctx, confine.New(dir), []string{dir}, paths)
		if ctx.Err() != nil {
			t.Fatalf("Load took more than 20s")
		}
		if !IsPlaybook([]byte(playbook)) {
			return
		}
		for _, c := range comps {
			if c.Name == filepath.Join(dir, "site.yml") {
				return
			}
		}
		t.Errorf("a playbook gave no component (notes %v)", notes)
	})
}
