package ansible

import (
	"regexp"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	src "github.com/prodgrade/prodgrade/internal/source/ansible"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-command-changed-when",
		Item:     checklist.Configure,
		Severity: checklist.Low,
		Title:    "command and shell tasks say when they change something (creates, removes or changed_when)",
		Why: "Ansible cannot tell what a command did, so it reports every command task as changed on every " +
			"run: handlers it notifies fire each time, a dry run (--check) skips it, and a real drift is lost " +
			"among the false changes. creates/removes skip it once done; changed_when says what output means a change.",
		Fix: `- name: Initialise the database
  ansible.builtin.command: /usr/bin/postgresql-setup --initdb
  args:
    creates: /var/lib/pgsql/data/PG_VERSION
- name: Read the version
  ansible.builtin.command: nginx -v
  register: nginx_version
  changed_when: false`,
		References: []string{
			"https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_error_handling.html#defining-changed",
			"ansible-lint: no-changed-when",
		},
		// Handlers run only when notified: a handler's change is expected.
		Kinds: []string{src.KindTask},
		Check: func(c *rules.Check) {
			m := module(c.R)
			switch m {
			case "command", "shell", "raw":
			default:
				return
			}
			for _, k := range []string{"changed_when", "creates", "removes"} {
				if !c.R.Attrs.Get(k).IsNull() {
					c.Pass("%s sets %s", m, k)
					return
				}
			}
			// A command guarded by the result of an earlier check (when:
			// not data.stat.exists, when: out.rc != 0) runs only when there
			// is something to do: its change is a real one.
			for _, w := range c.R.Attrs.Get("when").List() {
				if s, ok := w.Str(); ok && guardsOnResult(s) {
					c.Pass("%s runs only when an earlier check says so (when: %s)", m, s)
					return
				}
			}
			// A fire-and-forget async task (poll: 0) reports no result to judge.
			if !c.R.Attrs.Get("async").IsNull() {
				if p, ok := c.R.Attrs.Get("poll").Number(); ok && p == 0 {
					return
				}
			}
			c.Fail("module", "%s task sets none of creates, removes or changed_when, so it reports a change on every run", m)
		},
	})
}

// resultTest matches a condition on a registered result: .stat.exists,
// .rc, .stdout, .changed, is changed/failed/skipped/succeeded.
var resultTest = regexp.MustCompile(`\.(stat\b|rc\b|stdout|stderr|changed\b|failed\b|results\b|matched\b|files\b)|\bis\s+(not\s+)?(changed|failed|skipped|succeeded|success|change|failure)\b`)

func guardsOnResult(cond string) bool { return resultTest.MatchString(cond) }
