package ansible

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-package-latest",
		Item:     checklist.Install,
		Severity: checklist.Medium,
		Title:    "Package tasks install a chosen version (state: present), not whatever is newest (state: latest)",
		Why: "state: latest upgrades the package every time the playbook runs: a configuration change or a new " +
			"server silently pulls a new major or minor release of the database, web server or runtime, " +
			"untested, on some hosts and not others. Upgrades belong in a deliberate change that pins the new version.",
		Fix: `- name: Install nginx
  ansible.builtin.apt:
    name: nginx=1.24.*
    state: present`,
		References: []string{
			"https://docs.ansible.com/ansible/latest/collections/ansible/builtin/package_module.html",
			"ansible-lint: package-latest",
		},
		Kinds: taskKinds,
		Check: func(c *rules.Check) {
			m := module(c.R)
			if !packageModules[m] {
				return
			}
			// As ansible-lint: latest with update_only/only_upgrade or
			// download_only is an upgrade task by design, not an install.
			for _, k := range []string{"update_only", "only_upgrade", "download_only"} {
				if b, _ := truthy(arg(c.R, k)); b {
					return
				}
			}
			st := arg(c.R, "state")
			if !st.IsKnown() {
				c.Unknown("args.state", st)
				return
			}
			// Every package module's state defaults to present.
			s, _ := str(st)
			switch s {
			case "latest":
				c.Fail("args.state", "%s installs with state: latest, upgrading on every run; use state: present and pin the version", m)
			case "absent", "removed":
				return
			default:
				c.Pass("%s installs with state %s", m, orDefault(s, "present (the default)"))
			}
		},
	})
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
