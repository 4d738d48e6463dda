package ansible

import (
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-task-no-log",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Tasks that loop over secrets, or send them in HTTP headers, set no_log: true",
		Why: "Ansible masks the password arguments a module declares secret, but not the loop item: a task " +
			"looping over users with their passwords prints each item, password included, on every run " +
			"(\"changed: [web1] => (item={'name': 'app', 'password': '…'})\") into CI logs and AWX job output. " +
			"An Authorization header is not a secret argument to uri or get_url either, so it is shown with " +
			"the task's arguments in verbose runs and kept by callbacks that record results.",
		Fix: `- name: Create database users
  community.postgresql.postgresql_user:
    name: "{{ item.name }}"
    password: "{{ item.password }}"
  loop: "{{ db_users }}"
  no_log: true   # or loop_control: {label: "{{ item.name }}"}`,
		References: []string{
			"https://docs.ansible.com/ansible/latest/reference_appendices/logging.html#protecting-sensitive-data-with-no-log",
			"https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_loops.html#limiting-loop-output-with-label",
			"ansible-lint: no-log-password",
		},
		Kinds: taskKinds,
		Check: func(c *rules.Check) {
			leak := loopSecret(c.R)
			if l := c.R.Attrs.Get("loop_control").Field("label"); leak != "" && !l.IsNull() {
				// The label is printed instead of the item.
				c.Pass("%s, but loop_control.label replaces the item in the output", leak)
				return
			}
			if leak == "" {
				leak = headerSecret(c.R)
			}
			if leak == "" {
				return
			}
			nl := c.R.Attrs.Get("no_log")
			if !nl.IsKnown() {
				c.Unknown("no_log", nl)
				return
			}
			if b, ok := truthy(nl); ok && b {
				c.Pass("%s, and no_log is set", leak)
				return
			}
			if nl.IsNull() {
				// no_log defaults to false (playbook keywords).
				c.Fail("module", "%s, without no_log: true", leak)
				return
			}
			c.Fail("no_log", "%s, and no_log is false", leak)
		},
	})
}

// secretArg matches a module argument that holds a secret.
var secretArg = regexp.MustCompile(`(?i)(password|passwd|token|secret|api_?key|private_key)`)

// loopSecret says how a looping task prints a secret: a secret argument
// whose value comes from the loop item, printed as the item each
// iteration; "" when it does not.
func loopSecret(t *infra.Resource) string {
	loopVar := "item"
	if s, ok := str(t.Attrs.Get("loop_control").Field("loop_var")); ok && s != "" {
		loopVar = s
	}
	if !loops(t) {
		return ""
	}
	ref := regexp.MustCompile(`\b` + regexp.QuoteMeta(loopVar) + `\b`)
	for _, f := range t.Attrs.Get("args").Fields() {
		if !secretArg.MatchString(f.Name) || settingName("args."+f.Name) || f.Value.IsKnown() {
			continue
		}
		if ref.MatchString(f.Value.Expr()) {
			return f.Name + " comes from the loop item, which Ansible prints for every iteration"
		}
	}
	return ""
}

// loops reports a task with a loop (loop or a with_* lookup).
func loops(t *infra.Resource) bool {
	if !t.Attrs.Get("loop").IsNull() {
		return true
	}
	for _, f := range t.Attrs.Fields() {
		if strings.HasPrefix(f.Name, "with_") && !f.Value.IsNull() {
			return true
		}
	}
	return false
}

// headerSecret says which secret header an HTTP task sends: uri and
// get_url do not mask their headers argument.
func headerSecret(t *infra.Resource) string {
	switch module(t) {
	case "uri", "get_url", "win_uri", "win_get_url":
	default:
		return ""
	}
	for _, f := range arg(t, "headers").Fields() {
		n := strings.ToLower(f.Name)
		if n != "authorization" && n != "proxy-authorization" && !secretArg.MatchString(n) {
			continue
		}
		if s, ok := str(f.Value); ok && s == "" {
			continue
		}
		return "headers." + f.Name + " is sent by " + module(t) + ", which does not mask its headers"
	}
	return ""
}
