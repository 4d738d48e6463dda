package ansible

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-ignore-errors",
		Item:     checklist.Configure,
		Severity: checklist.Low,
		Title:    "Tasks do not ignore their errors (ignore_errors: true); they say which failures are expected",
		Why: "ignore_errors: true carries on past any failure of the task — a package that did not install, a " +
			"service that did not start, a host that was unreachable — so the play reports success on a server " +
			"that is not set up. failed_when names the outcomes that really are fine.",
		Fix: `- name: Check whether the app is installed
  ansible.builtin.command: /opt/app/bin/app --version
  register: app_version
  changed_when: false
  failed_when: app_version.rc not in [0, 127] # 127: not installed yet`,
		References: []string{
			"https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_error_handling.html",
			"ansible-lint: ignore-errors",
		},
		Kinds: taskKinds,
		Check: func(c *rules.Check) {
			v := c.R.Attrs.Field("ignore_errors")
			if v.IsNull() {
				return
			}
			if !v.IsKnown() {
				// ansible_check_mode is true only under --check, where
				// nothing is changed: the idiom for tasks that cannot run there.
				if strings.Contains(v.Expr(), "ansible_check_mode") {
					c.Pass("ignore_errors holds only in check mode (%s)", v.Expr())
					return
				}
				c.Unknown("ignore_errors", v)
				return
			}
			b, ok := truthy(v)
			switch {
			case !ok || !b:
				c.Pass("ignore_errors is not set to true")
			case !c.R.Attrs.Field("register").IsNull():
				// As ansible-lint: a registered result is examined later
				// (when: result is failed), which handles the failure.
				c.Pass("ignore_errors is true, and the result is registered for a later task to examine")
			default:
				c.Fail("ignore_errors", "ignore_errors: true carries on past any failure of this task; use failed_when for the failures that are expected")
			}
		},
	})
}
