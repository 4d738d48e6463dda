package ansible

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules/secretname"
)

// varDef is a variable as written: its value (templates not yet
// evaluated, as Ansible evaluates them lazily where they are used) and
// where it was written.
type varDef struct {
	v    infra.Value
	from string // "defaults/main.yml of role nginx", for messages
}

// layer is one level of Ansible's variable precedence.
type layer struct {
	vars map[string]varDef
	// unknown are names whose value at this level is not knowable: they
	// differ between the hosts a play targets.
	unknown map[string]string
	// opaque names a vault-encrypted file at this level: it may define
	// any variable, which is then not knowable.
	opaque string
	// anyWhy, when set, says that this level may define any variable
	// for another reason (a vars_files entry chosen when Ansible runs).
	anyWhy string
}

func newLayer() *layer { return &layer{vars: map[string]varDef{}} }

// set defines the variables of a mapping read from a file, marking the
// values of secret-named variables sensitive.
func (l *layer) set(m infra.Value, from string) {
	for _, f := range m.Fields() {
		l.vars[f.Name] = varDef{v: markSecret(f.Name, f.Value), from: from}
	}
}

// scope is what a template sees: layers, highest precedence first, and the
// magic variables Ansible sets (playbook_dir, role_path, role_name).
type scope struct {
	layers []*layer
	magic  map[string]infra.Value
}

// with returns a scope with l above every layer of s.
func (s *scope) with(l *layer) *scope {
	if l == nil || len(l.vars) == 0 && len(l.unknown) == 0 && l.opaque == "" && l.anyWhy == "" {
		return s
	}
	out := &scope{layers: make([]*layer, 0, len(s.layers)+1), magic: s.magic}
	out.layers = append(out.layers, l)
	out.layers = append(out.layers, s.layers...)
	return out
}

// below returns a scope with l under every layer of s.
func (s *scope) below(l *layer) *scope {
	if l == nil {
		return s
	}
	out := &scope{layers: append(append(make([]*layer, 0, len(s.layers)+1), s.layers...), l), magic: s.magic}
	return out
}

// withMagic returns a scope with magic variables added.
func (s *scope) withMagic(kv map[string]infra.Value) *scope {
	m := make(map[string]infra.Value, len(s.magic)+len(kv))
	for k, v := range s.magic {
		m[k] = v
	}
	for k, v := range kv {
		m[k] = v
	}
	return &scope{layers: s.layers, magic: m}
}

// evaluator evaluates templates in one scope.
type evaluator struct {
	sc *scope
	// runtime are variables set only when Ansible runs (set_fact,
	// register, include_vars, vars_prompt), each with why: they may
	// override any level, so a use of one is unknown wherever it is.
	runtime map[string]string
	stack   []string
	budget  *int
}

func (e *evaluator) spend() bool {
	if *e.budget <= 0 {
		return false
	}
	*e.budget--
	return true
}

// value evaluates every template inside v; strings that are "{{ omit }}"
// are left as the omit marker for the caller to drop.
func (e *evaluator) value(v infra.Value) infra.Value {
	var out infra.Value
	switch v.Kind() {
	case infra.String:
		s, _ := v.Str()
		out = e.template(s, v.Loc)
	case infra.List:
		items := make([]infra.Value, 0, v.Len())
		for _, x := range v.List() {
			x = e.value(x)
			if isOmit(x) {
				continue
			}
			items = append(items, x)
		}
		out = infra.ListValue(items).WithLoc(v.Loc)
	case infra.Object:
		fields := make([]infra.Field, 0, v.Len())
		for _, f := range v.Fields() {
			x := e.value(f.Value)
			if isOmit(x) {
				continue
			}
			fields = append(fields, infra.Field{Name: f.Name, Value: x})
		}
		out = infra.ObjectValue(fields).WithLoc(v.Loc)
	default:
		return v
	}
	if h := v.Hidden(); h != "" {
		out = out.WithHidden(h)
	}
	return out
}

func isOmit(v infra.Value) bool {
	s, ok := v.Str()
	return ok && v.IsKnown() && s == omitMarker
}

// variable looks a name up through the levels, highest first.
func (e *evaluator) variable(name string, loc infra.Location) result {
	if why, ok := e.runtime[name]; ok {
		return defined(infra.UnknownValue(name, why).WithPlainExpr())
	}
	for _, l := range e.sc.layers {
		if why, ok := l.unknown[name]; ok {
			return defined(infra.UnknownValue(name, why).WithPlainExpr())
		}
		if d, ok := l.vars[name]; ok {
			return e.resolve(name, d)
		}
		if l.opaque != "" {
			return defined(infra.UnknownValue(name, "may be set in the vault-encrypted file "+l.opaque+", which is never decrypted").
				WithHidden(HiddenVault).WithExternal(true))
		}
		if l.anyWhy != "" {
			return defined(infra.UnknownValue(name, name+" "+l.anyWhy).WithPlainExpr())
		}
	}
	if v, ok := e.sc.magic[name]; ok {
		return defined(v)
	}
	switch name {
	case "omit":
		return defined(infra.StringValue(omitMarker))
	case "inventory_hostname", "inventory_hostname_short", "groups", "group_names", "hostvars",
		"play_hosts", "ansible_play_hosts", "ansible_play_batch", "ansible_play_hosts_all",
		"ansible_facts", "ansible_env", "ansible_check_mode", "ansible_version", "inventory_dir",
		"inventory_file", "ansible_loop", "ansible_search_path", "ansible_parent_role_names", "vars":
		return defined(infra.UnknownValue(name, name+" is set by Ansible for each host when it runs").WithPlainExpr())
	}
	if strings.HasPrefix(name, "ansible_") || strings.HasPrefix(name, "facter_") || strings.HasPrefix(name, "ohai_") {
		return defined(infra.UnknownValue(name, name+" is a fact or connection variable, known when Ansible runs").WithPlainExpr())
	}
	if why, ok := e.runtime[dynamicKey]; ok {
		return defined(infra.UnknownValue(name, name+" "+why).WithPlainExpr())
	}
	return result{v: infra.UnknownValue(name, name+" "+undefinedWhy).WithPlainExpr()}
}

// dynamicKey, in an evaluator's runtime, says that a set_fact with a
// templated name may set any variable: one nothing else defines is then
// unknown rather than undefined.
const dynamicKey = "\x00set_fact"

// resolve evaluates a variable's value in the scope of the use.
func (e *evaluator) resolve(name string, d varDef) result {
	for _, s := range e.stack {
		if s == name {
			return defined(infra.UnknownValue(name, name+" refers to itself"))
		}
	}
	if len(e.stack) >= maxVarDepth {
		return defined(infra.UnknownValue(name, "variables refer to each other more than 32 levels deep"))
	}
	e.stack = append(e.stack, name)
	v := e.value(d.v)
	e.stack = e.stack[:len(e.stack)-1]
	return defined(v)
}

// isSecretName reports a variable or argument named for a secret (a
// password, a token), not for a reference to one or a switch about one.
func isSecretName(name string) bool {
	return secretname.Is(name) && !secretname.IsReference(name) && !secretname.IsSwitch(name)
}

// markSecret marks the value of a secret-named variable or argument
// sensitive, and every secret-named member inside it, so no output prints
// it.
func markSecret(name string, v infra.Value) infra.Value {
	if name != "" && isSecretName(name) && v.Hidden() == "" {
		v = v.WithSensitive(true)
	}
	switch v.Kind() {
	case infra.Object:
		fields := make([]infra.Field, 0, v.Len())
		changed := false
		for _, f := range v.Fields() {
			x := markSecret(f.Name, f.Value)
			changed = changed || x.Hidden() != f.Value.Hidden()
			fields = append(fields, infra.Field{Name: f.Name, Value: x})
		}
		if changed {
			h := v.Hidden()
			v = infra.ObjectValue(fields).WithLoc(v.Loc)
			if h != "" {
				v = v.WithHidden(h)
			}
		}
	case infra.String:
		if s, _ := v.Str(); isVault(s) {
			return vaultValue(v.Loc)
		}
	case infra.List:
		items := v.List()
		var out []infra.Value
		for i, x := range items {
			y := markSecret("", x)
			if y.Hidden() != x.Hidden() || y.Kind() != x.Kind() {
				if out == nil {
					out = append([]infra.Value{}, items...)
				}
				out[i] = y
			}
		}
		if out != nil {
			h := v.Hidden()
			v = infra.ListValue(out).WithLoc(v.Loc)
			if h != "" {
				v = v.WithHidden(h)
			}
		}
	}
	return v
}
