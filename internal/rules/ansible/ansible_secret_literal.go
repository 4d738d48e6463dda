package ansible

import (
	"fmt"
	"strings"
	"sync"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	src "github.com/prodgrade/prodgrade/internal/source/ansible"
)

// sensitiveLabel is what the loader marks a secret-named literal with; a
// vault value or a secret store lookup is hidden differently and unknown.
var sensitiveLabel = infra.NullValue().WithSensitive(true).Hidden()

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-secret-literal",
		Item:     checklist.Configure,
		Severity: checklist.Critical,
		Title:    "Passwords, keys and tokens come from Ansible Vault or a secret store, not literals in playbooks, vars or role defaults",
		Why: "A secret written in a playbook, group_vars or a role's defaults is in every clone of the " +
			"repository, every CI log of it and its whole git history; it cannot be rotated without a commit " +
			"and is usually the same in every environment. Encrypt it with Ansible Vault or look it up from " +
			"a secret store when the play runs.",
		Fix: `# group_vars/prod/vault.yml, encrypted with: ansible-vault encrypt group_vars/prod/vault.yml
vault_db_password: ...
# group_vars/prod/vars.yml
db_password: "{{ vault_db_password }}"
# or from a secret store:
db_password: "{{ lookup('amazon.aws.aws_secret', 'prod/db/password') }}"`,
		References: []string{
			"https://docs.ansible.com/ansible/latest/vault_guide/index.html",
		},
		Kinds: []string{src.KindVars, src.KindPlay, src.KindTask, src.KindHandler},
		Check: func(c *rules.Check) {
			idx := secretIndexOf(c)
			var found []secretLit
			switch c.R.Kind {
			case src.KindVars:
				if b, _ := c.R.Attrs.Get("vault_encrypted").Bool(); b {
					return
				}
				found = secretLiterals(c.R, "vars", c.R.Attrs.Get("vars"))
			case src.KindPlay:
				for _, s := range secretLiterals(c.R, "vars", c.R.Attrs.Get("vars")) {
					if !idx.vars[key(s.loc)] {
						found = append(found, s)
					}
				}
			default:
				for _, part := range []string{"args", "vars"} {
					for _, s := range secretLiterals(c.R, part, c.R.Attrs.Get(part)) {
						// Report a literal where it is written: once, on
						// the first task that uses it, unless a vars file
						// or a play's vars (reported there) holds it.
						k := key(s.loc)
						if !idx.vars[k] && !idx.plays[k] && idx.firstTask[k] == c.R {
							found = append(found, s)
						}
					}
				}
			}
			for _, s := range found {
				c.FailAt(s.loc, "%s is set to a literal value; encrypt it with Ansible Vault or look it up from a secret store", s.path)
			}
			if len(found) == 0 && secretsNotLiteral(c.R, c.R.Kind) {
				c.Pass("secret values come from Vault, lookups or variables")
			}
		},
	})
}

type secretLit struct {
	path string
	loc  infra.Location
}

func key(l infra.Location) string { return fmt.Sprintf("%s:%d", l.File, l.Line) }

// secretLiterals lists the secret-named values under v that are literal
// strings: known, non-empty, marked sensitive by the loader. A crypt hash
// (the user module's password) is not a plaintext secret.
func secretLiterals(r *infra.Resource, path string, v infra.Value) []secretLit {
	var out []secretLit
	seen := map[string]bool{}
	var walk func(v infra.Value, path string)
	walk = func(v infra.Value, path string) {
		switch v.Kind() {
		case infra.Object:
			for _, f := range v.Fields() {
				walk(f.Value, path+"."+f.Name)
			}
		case infra.List:
			for i, e := range v.List() {
				walk(e, fmt.Sprintf("%s[%d]", path, i))
			}
		case infra.String:
			s, _ := v.Str()
			if v.Hidden() != sensitiveLabel || notASecret(s) || settingName(path) {
				return
			}
			loc := r.LocOf(v)
			if loc.Line == 0 || seen[key(loc)] {
				return
			}
			seen[key(loc)] = true
			out = append(out, secretLit{path: strings.TrimPrefix(path, "vars."), loc: loc})
		}
	}
	walk(v, path)
	return out
}

// notASecret reports a value under a secret's name that holds none: empty,
// a crypt hash (the user module's password), or the markers of a locked
// account ("*", "!", "!!").
func notASecret(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || strings.Trim(s, "*!x") == "" || strings.HasPrefix(s, "!$") || isCryptHash(s)
}

// settingName reports a variable named for a setting about passwords, not
// for one: os_auth_pam_passwdqc_options, password_min_length.
func settingName(path string) bool {
	n := strings.ToLower(path[strings.LastIndexByte(path, '.')+1:])
	for _, w := range strings.FieldsFunc(n, func(r rune) bool { return r == '_' || r == '-' }) {
		switch w {
		case "option", "options", "opts", "policy", "length", "len", "complexity", "rounds", "regex", "pattern",
			"passwdqc", "pwquality", "min", "max", "age", "expire", "expiry", "expiration", "algorithm", "warn":
			return true
		}
	}
	return false
}

func isCryptHash(s string) bool {
	for _, p := range []string{"$1$", "$5$", "$6$", "$y$", "$2a$", "$2b$", "$2y$", "$argon2"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// secretsNotLiteral reports a resource holding secret-named values that
// are all unknown (a vault value, a lookup, a variable set at run time):
// the rule passes it. One with a literal reported elsewhere (a vars file,
// the play) or a crypt hash gets no result.
func secretsNotLiteral(r *infra.Resource, kind string) bool {
	parts := []string{"vars"}
	if kind == src.KindTask || kind == src.KindHandler {
		parts = []string{"args", "vars"}
	}
	found, literal := false, false
	var walk func(v infra.Value)
	walk = func(v infra.Value) {
		if v.IsSensitive() && v.Kind() != infra.List && v.Kind() != infra.Object {
			if v.IsKnown() && !v.IsNull() {
				literal = true
			} else if !v.IsKnown() {
				found = true
			}
			return
		}
		for _, e := range v.List() {
			walk(e)
		}
		for _, f := range v.Fields() {
			walk(f.Value)
		}
	}
	for _, p := range parts {
		walk(r.Attrs.Get(p))
	}
	return found && !literal
}

// secretIndex says where the component's secret literals are defined.
type secretIndex struct {
	vars, plays map[string]bool
	firstTask   map[string]*infra.Resource
}

var secretIndexes sync.Map // *infra.Graph → *secretIndex

func secretIndexOf(c *rules.Check) *secretIndex {
	if c.Graph == nil {
		return &secretIndex{vars: map[string]bool{}, plays: map[string]bool{}, firstTask: map[string]*infra.Resource{}}
	}
	if x, ok := secretIndexes.Load(c.Graph); ok {
		return x.(*secretIndex)
	}
	idx := &secretIndex{vars: map[string]bool{}, plays: map[string]bool{}, firstTask: map[string]*infra.Resource{}}
	for _, r := range c.Graph.Resources() {
		switch r.Kind {
		case src.KindVars:
			if b, _ := r.Attrs.Get("vault_encrypted").Bool(); !b {
				for _, s := range secretLiterals(r, "vars", r.Attrs.Get("vars")) {
					idx.vars[key(s.loc)] = true
				}
			}
		case src.KindPlay:
			for _, s := range secretLiterals(r, "vars", r.Attrs.Get("vars")) {
				idx.plays[key(s.loc)] = true
			}
		case src.KindTask, src.KindHandler:
			for _, part := range []string{"args", "vars"} {
				for _, s := range secretLiterals(r, part, r.Attrs.Get(part)) {
					if _, ok := idx.firstTask[key(s.loc)]; !ok {
						idx.firstTask[key(s.loc)] = r
					}
				}
			}
		}
	}
	x, _ := secretIndexes.LoadOrStore(c.Graph, idx)
	return x.(*secretIndex)
}
