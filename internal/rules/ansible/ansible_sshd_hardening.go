package ansible

import (
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	src "github.com/prodgrade/prodgrade/internal/source/ansible"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-sshd-hardening",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Playbooks that manage sshd turn off password logins and root logins with a password (PasswordAuthentication no, PermitRootLogin no)",
		Why: "An SSH server that accepts passwords is brute-forced from the whole internet within minutes of " +
			"getting a public address, and one weak or reused password is a shell on the host; root with a " +
			"password is the first account tried. Keys (or certificates) and a named user who escalates with " +
			"sudo leave nothing to guess and an audit trail.",
		Fix: `- name: Turn off SSH password logins
  ansible.builtin.lineinfile:
    path: /etc/ssh/sshd_config
    regexp: "^#?{{ item.key }}\\s"
    line: "{{ item.key }} {{ item.value }}"
    validate: sshd -t -f %s
  loop:
    - { key: PasswordAuthentication, value: "no" }
    - { key: PermitRootLogin, value: "no" }
  notify: reload sshd`,
		References: []string{
			"https://man.openbsd.org/sshd_config",
			"https://github.com/dev-sec/ansible-collection-hardening/tree/master/roles/ssh_hardening",
		},
		Kinds:         playKinds,
		CrossResource: true,
		Check:         checkSSHD,
	})
}

// sshdSetting is what the play does to one sshd setting.
type sshdSetting struct {
	value  string          // lower-cased value written; "" when not written
	at     *infra.Resource // the task (or nil for a role's variable)
	where  string          // what wrote it, for messages
	loc    infra.Location
	unk    *infra.Value // set when the written value is unknown
	unkRes *infra.Resource
	unkArg string
}

func checkSSHD(c *rules.Check) {
	if localOnly(c.R) {
		return
	}
	hardening := sshHardeningRole(c.R)
	settings := map[string]*sshdSetting{}
	var opaque []string // templates and copied files that write sshd config
	touches := hardening != ""
	for _, t := range playTasks(c) {
		if hardening != "" {
			if r, _ := str(t.Attrs.Get("role")); strings.EqualFold(r, hardening) || strings.HasSuffix(strings.ToLower(hardening), "."+strings.ToLower(r)) {
				continue
			}
		}
		m := module(t)
		if !writesFiles[m] || !writesSSHD(t) {
			continue
		}
		touches = true
		if st, ok := str(arg(t, "state")); ok && st == "absent" {
			continue
		}
		argName := ""
		switch m {
		case "lineinfile":
			argName = "line"
		case "replace":
			argName = "replace"
		case "blockinfile":
			argName = "block"
		case "copy", "win_copy":
			argName = "content"
		}
		v := infra.NullValue()
		if argName != "" {
			v = arg(t, argName)
		}
		if v.IsNull() {
			// A template or a copied file: its text is not read here.
			s, _ := str(arg(t, "src"))
			opaque = append(opaque, m+" "+s+" ("+t.Address+")")
			continue
		}
		var texts []string
		if v.IsKnown() {
			s, _ := v.Str()
			texts = []string{s}
		} else if texts = renderLoop(t, v.Expr()); texts == nil {
			// Which setting does it write? Read the expression.
			matched := false
			for _, k := range []string{"passwordauthentication", "permitrootlogin"} {
				if strings.Contains(strings.ToLower(v.Expr()+" "+strText(arg(t, "regexp"))), k) {
					matched = true
					if settings[k] == nil {
						vv := v
						settings[k] = &sshdSetting{at: t, unk: &vv, unkRes: t, unkArg: "args." + argName}
					}
				}
			}
			if !matched {
				opaque = append(opaque, m+" "+v.Expr()+" ("+t.Address+")")
			}
			continue
		}
		for _, s := range texts {
			for k, val := range parseSSHD(s) {
				if settings[k] == nil {
					settings[k] = &sshdSetting{value: val, at: t, where: t.Address, loc: t.LocOf(v)}
				}
			}
		}
	}
	if !touches {
		return
	}
	if hardening != "" {
		hardeningSettings(c, hardening, settings)
	}
	var fails, unknowns []string
	var failLoc infra.Location
	var firstUnk *sshdSetting
	judge := func(key, name string, ok func(string) bool, dflt string) {
		s := settings[key]
		switch {
		case s != nil && s.unk != nil:
			unknowns = append(unknowns, name)
			if firstUnk == nil {
				firstUnk = s
			}
		case s != nil && s.value != "":
			if !ok(s.value) {
				fails = append(fails, name+" "+s.value+" ("+s.where+")")
				if failLoc.Line == 0 {
					failLoc = s.loc
				}
			}
		case len(opaque) > 0:
			unknowns = append(unknowns, name)
		case !ok(dflt):
			// Not written anywhere: sshd_config(5)'s default applies.
			fails = append(fails, name+" is not set and defaults to "+dflt)
		}
	}
	// sshd_config(5): PasswordAuthentication defaults to yes, PermitRootLogin
	// to prohibit-password (OpenSSH 7.0 and later).
	judge("passwordauthentication", "PasswordAuthentication", func(v string) bool { return v == "no" }, "yes")
	judge("permitrootlogin", "PermitRootLogin", func(v string) bool {
		return v == "no" || v == "prohibit-password" || v == "without-password" || v == "forced-commands-only"
	}, "prohibit-password")
	if len(fails) > 0 {
		if failLoc.Line == 0 {
			failLoc = c.R.Loc
		}
		c.FailAt(failLoc, "the play manages sshd but %s; set PasswordAuthentication no and PermitRootLogin no", strings.Join(fails, ", "))
		return
	}
	if len(unknowns) > 0 {
		if firstUnk != nil && firstUnk.unk != nil {
			c.UnknownIn(firstUnk.unkRes, firstUnk.unkArg, *firstUnk.unk)
			return
		}
		c.UnknownBecause(strings.Join(unknowns, " and ") + " may be set by " + strings.Join(opaque, ", ") +
			", whose text is not read: check it sets PasswordAuthentication no and PermitRootLogin no")
		return
	}
	how := hardening
	if s := settings["passwordauthentication"]; s != nil && s.where != "" {
		how = s.where
	}
	c.Pass("sshd takes no passwords and no root password logins (%s)", how)
}

func strText(v infra.Value) string {
	s, _ := v.Str()
	if !v.IsKnown() {
		return v.Expr()
	}
	return s
}

// writesSSHD reports a task that writes the sshd configuration: its
// destination is sshd_config, or its destination is a variable whose value
// is not known (include_vars) and what it writes names sshd's login
// settings.
func writesSSHD(t *infra.Resource) bool {
	if isSSHDConfig(destPath(t)) {
		return true
	}
	for _, k := range []string{"dest", "path"} {
		if v := arg(t, k); !v.IsKnown() {
			tx := text(t)
			return strings.Contains(tx, "passwordauthentication") || strings.Contains(tx, "permitrootlogin")
		}
	}
	return false
}

// isSSHDConfig reports the sshd server configuration: sshd_config or a
// file of sshd_config.d (not ssh_config, the client's).
func isSSHDConfig(p string) bool {
	return p == "/etc/ssh/sshd_config" || strings.HasPrefix(p, "/etc/ssh/sshd_config.d/")
}

// parseSSHD reads the settings of sshd_config text, lower-cased, first
// value of each (sshd takes the first); settings inside a Match block are
// conditional and not read.
func parseSSHD(s string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(strings.Replace(line, "=", " ", 1))
		if len(f) < 2 {
			continue
		}
		k := strings.ToLower(f[0])
		if k == "match" {
			break
		}
		if _, ok := out[k]; !ok {
			out[k] = strings.ToLower(strings.Trim(f[1], `"'`))
		}
	}
	return out
}

// sshHardeningRole is the name of an SSH hardening role the play applies
// (dev-sec's ssh_hardening), "" for none.
func sshHardeningRole(play *infra.Resource) string {
	for _, r := range play.Attrs.Get("roles").List() {
		n, _ := str(r)
		l := strings.ToLower(n)
		if strings.Contains(l, "ssh_hardening") || strings.Contains(l, "ssh-hardening") {
			return n
		}
	}
	return ""
}

// hardeningSettings reads dev-sec ssh_hardening's variables where the
// playbook sets them (play vars, vars files, group_vars), else its
// defaults: ssh_permit_root_login "no", ssh_server_password_login false.
func hardeningSettings(c *rules.Check, role string, settings map[string]*sshdSetting) {
	lookup := func(name string) (infra.Value, *infra.Resource) {
		if v := c.R.Attrs.Get("vars").Field(name); !v.IsNull() {
			return v, c.R
		}
		for _, r := range c.Graph.OfKind(src.KindVars) {
			if lvl, _ := str(r.Attrs.Get("level")); lvl == "role_defaults" {
				continue
			}
			if v := r.Attrs.Get("vars").Field(name); !v.IsNull() {
				return v, r
			}
		}
		return infra.NullValue(), nil
	}
	if settings["permitrootlogin"] == nil {
		s := &sshdSetting{value: "no", where: "role " + role + " default", loc: c.R.Loc}
		if v, r := lookup("ssh_permit_root_login"); r != nil {
			if !v.IsKnown() {
				s = &sshdSetting{unk: &v, unkRes: r, unkArg: "vars.ssh_permit_root_login"}
			} else if b, ok := truthy(v); ok {
				s.value, s.where, s.loc = map[bool]string{true: "yes", false: "no"}[b], "ssh_permit_root_login in "+r.Address, r.LocOf(v)
			} else if x, ok := str(v); ok {
				s.value, s.where, s.loc = strings.ToLower(x), "ssh_permit_root_login in "+r.Address, r.LocOf(v)
			}
		}
		settings["permitrootlogin"] = s
	}
	if settings["passwordauthentication"] == nil {
		s := &sshdSetting{value: "no", where: "role " + role + " default", loc: c.R.Loc}
		if v, r := lookup("ssh_server_password_login"); r != nil {
			if !v.IsKnown() {
				s = &sshdSetting{unk: &v, unkRes: r, unkArg: "vars.ssh_server_password_login"}
			} else if b, ok := truthy(v); ok {
				s.value, s.where, s.loc = map[bool]string{true: "yes", false: "no"}[b], "ssh_server_password_login in "+r.Address, r.LocOf(v)
			}
		}
		settings["passwordauthentication"] = s
	}
}

// itemRef is a loop item reference in a template: {{ item }},
// {{ item.key }}, {{ item['key'] }}.
var itemRef = regexp.MustCompile(`\{\{-?\s*item(?:\.(\w+)|\[['"](\w+)['"]\])?\s*-?\}\}`)

// renderLoop renders expr, a text whose only templates are references to
// the loop item, once per item of the task's known loop; nil when that
// cannot be done.
func renderLoop(t *infra.Resource, expr string) []string {
	var items []infra.Value
	for _, k := range []string{"loop", "with_items", "with_list"} {
		if v := t.Attrs.Get(k); v.Kind() == infra.List {
			items = v.List()
			break
		}
	}
	if items == nil || !itemRef.MatchString(expr) {
		return nil
	}
	rest := itemRef.ReplaceAllString(expr, "")
	if strings.Contains(rest, "{{") || strings.Contains(rest, "{%") {
		return nil
	}
	var out []string
	for _, it := range items {
		ok := true
		s := itemRef.ReplaceAllStringFunc(expr, func(m string) string {
			sub := itemRef.FindStringSubmatch(m)
			f := sub[1] + sub[2]
			v := it
			if f != "" {
				v = it.Field(f)
			}
			if x, isStr := str(v); isStr {
				return x
			}
			if b, isBool := v.Bool(); isBool && v.IsKnown() {
				return map[bool]string{true: "yes", false: "no"}[b]
			}
			ok = false
			return ""
		})
		if !ok {
			return nil
		}
		out = append(out, s)
	}
	return out
}
