package ansible

import (
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// Jinja is evaluated only in the forms whose meaning is certain without
// running Ansible: a variable, an attribute or key of one, a literal, the
// filters default (d), lower, upper, bool, int, string, join and trim, and
// ~ or + between those. Everything else (tests, conditionals, arithmetic,
// lookups, other filters) is unknown with the expression as written.

// Bounds on what evaluating one component may cost: a variable may refer
// to others that refer to others, and a template may repeat a variable, so
// a few lines can describe an exponentially large string.
const (
	maxVarDepth  = 32      // nested variable references
	maxStringLen = 1 << 20 // bytes of one templated string
	evalBudget   = 2_000_000
)

// undefinedWhy is the reason given for a variable nothing defines.
const undefinedWhy = "is not defined in the playbook, its roles, inventory or vars files (extra vars or a fact known when Ansible runs?)"

// omitMarker stands for Ansible's omit: a parameter given "{{ omit }}" is
// left out of the module's arguments.
const omitMarker = "\x00prodgrade-omit\x00"

// result is an evaluated expression: a value, or undefined (which the
// default filter replaces).
type result struct {
	v       infra.Value
	defined bool
}

func defined(v infra.Value) result { return result{v: v, defined: true} }

// template evaluates a string that may hold Jinja. A string that is one
// {{ expression }} keeps the expression's type (a list stays a list), as
// Ansible's templating does; any other template is a string.
func (e *evaluator) template(s string, loc infra.Location) infra.Value {
	if isVault(s) {
		return vaultValue(loc)
	}
	if !strings.Contains(s, "{{") && !strings.Contains(s, "{%") && !strings.Contains(s, "{#") {
		return infra.StringValue(s).WithLoc(loc)
	}
	parts, ok := splitTemplate(s)
	if !ok {
		return infra.UnknownValue(s, "a Jinja statement or an unterminated {{ … }}, which prodgrade does not evaluate").WithLoc(loc)
	}
	if len(parts) == 1 && parts[0].expr {
		r := e.expr(parts[0].text, loc)
		if !r.defined {
			return infra.UnknownValue(s, undefined(r.v, parts[0].text)).WithLoc(loc)
		}
		v := r.v
		if !v.IsKnown() {
			// Say what was written, not only the variable that is unknown.
			u := infra.UnknownValue(s, v.Why()).WithExternal(v.IsExternal()).WithLoc(loc)
			if h := v.Hidden(); h != "" {
				u = u.WithHidden(h)
			}
			return u
		}
		if v.Loc.Line == 0 {
			v = v.WithLoc(loc)
		}
		return v
	}
	var b strings.Builder
	var hidden string
	external := false
	for _, p := range parts {
		if !p.expr {
			b.WriteString(p.text)
			continue
		}
		r := e.expr(p.text, loc)
		if !r.defined {
			return infra.UnknownValue(s, undefined(r.v, p.text)).WithLoc(loc)
		}
		if h := r.v.Hidden(); h != "" {
			hidden = h
		}
		external = external || r.v.IsExternal()
		str, ok := r.v.Str()
		if !ok || !r.v.IsKnown() {
			u := infra.UnknownValue(s, unknownWhy(r.v, p.text)).WithLoc(loc).WithExternal(external || r.v.IsExternal())
			if hidden != "" {
				u = u.WithHidden(hidden)
			}
			return u
		}
		if str == omitMarker {
			str = ""
		}
		b.WriteString(str)
		if b.Len() > maxStringLen {
			return infra.UnknownValue(s, "the templated string grows past 1 MiB").WithLoc(loc)
		}
	}
	out := infra.StringValue(b.String()).WithLoc(loc).WithExternal(external)
	if hidden != "" {
		out = out.WithHidden(hidden)
	}
	return out
}

// undefined explains an undefined result: the variable or key missing.
func undefined(v infra.Value, expr string) string {
	if v.Why() != "" {
		return v.Why()
	}
	return strings.TrimSpace(expr) + " " + undefinedWhy
}

// unknownWhy explains why part of a template is unknown.
func unknownWhy(v infra.Value, expr string) string {
	if !v.IsKnown() && v.Why() != "" {
		return v.Why()
	}
	return strings.TrimSpace(expr) + " is not a string"
}

// templatePart is literal text or the expression of a {{ … }}.
type templatePart struct {
	text string
	expr bool
}

// splitTemplate splits a string into text and {{ expressions }}; comments
// are dropped. ok is false for a {% statement %} or an unterminated {{.
func splitTemplate(s string) ([]templatePart, bool) {
	var parts []templatePart
	for s != "" {
		i := strings.Index(s, "{")
		for i >= 0 && i+1 < len(s) && s[i+1] != '{' && s[i+1] != '%' && s[i+1] != '#' {
			j := strings.Index(s[i+1:], "{")
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i < 0 || i+1 >= len(s) {
			parts = append(parts, templatePart{text: s})
			break
		}
		if i > 0 {
			parts = append(parts, templatePart{text: s[:i]})
		}
		switch s[i+1] {
		case '%':
			return nil, false
		case '#':
			end := strings.Index(s[i+2:], "#}")
			if end < 0 {
				return nil, false
			}
			s = s[i+2+end+2:]
		default:
			end := exprEnd(s[i+2:])
			if end < 0 {
				return nil, false
			}
			parts = append(parts, templatePart{text: s[i+2 : i+2+end], expr: true})
			s = s[i+2+end+2:]
		}
	}
	return parts, true
}

// exprEnd finds the }} that closes an expression, skipping quoted strings.
func exprEnd(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\'', '"':
			for i++; i < len(s) && s[i] != c; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case '}':
			if i+1 < len(s) && s[i+1] == '}' {
				return i
			}
		}
	}
	return -1
}

// Tokens of the expression subset.
type token struct {
	kind byte // 'i' identifier, 's' string, 'n' number, 'p' punctuation, 'x' anything else
	text string
	num  float64
}

func lex(s string) []token {
	var out []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			out = append(out, token{kind: 'i', text: s[i:j]})
			i = j
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' || s[j] == '_') {
				j++
			}
			f, err := strconv.ParseFloat(strings.ReplaceAll(s[i:j], "_", ""), 64)
			if err != nil {
				return append(out, token{kind: 'x', text: s[i:j]})
			}
			out = append(out, token{kind: 'n', text: s[i:j], num: f})
			i = j
		case c == '\'' || c == '"':
			var b strings.Builder
			j := i + 1
			for ; j < len(s) && s[j] != c; j++ {
				if s[j] == '\\' && j+1 < len(s) {
					j++
					switch s[j] {
					case 'n':
						b.WriteByte('\n')
					case 't':
						b.WriteByte('\t')
					default:
						b.WriteByte(s[j])
					}
					continue
				}
				b.WriteByte(s[j])
			}
			if j >= len(s) {
				return append(out, token{kind: 'x', text: s[i:]})
			}
			out = append(out, token{kind: 's', text: b.String()})
			i = j + 1
		case strings.IndexByte("|()[].,~+=", c) >= 0:
			if c == '=' && i+1 < len(s) && s[i+1] == '=' {
				return append(out, token{kind: 'x', text: "=="})
			}
			out = append(out, token{kind: 'p', text: s[i : i+1]})
			i++
		default:
			return append(out, token{kind: 'x', text: s[i : i+1]})
		}
	}
	return out
}

// parser evaluates tokens as it parses them.
type parser struct {
	e    *evaluator
	toks []token
	pos  int
	src  string
	loc  infra.Location
	// bad is set when the expression leaves the subset.
	bad string
}

func (p *parser) peek() token {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return token{}
}

func (p *parser) isP(s string) bool {
	t := p.peek()
	return t.kind == 'p' && t.text == s
}

func (p *parser) fail(why string) result {
	if p.bad == "" {
		p.bad = why
	}
	return defined(infra.UnknownValue(p.src, why))
}

// expr evaluates one {{ … }} expression.
func (e *evaluator) expr(src string, loc infra.Location) result {
	src = strings.TrimSpace(src)
	if !e.spend() {
		return defined(infra.UnknownValue(src, "evaluation stopped: the component's templates cost more than prodgrade allows"))
	}
	p := &parser{e: e, toks: lex(src), src: src, loc: loc}
	r := p.concat()
	if p.bad == "" && p.pos < len(p.toks) {
		p.fail("a Jinja expression prodgrade does not evaluate (" + describe(p.toks[p.pos]) + ")")
	}
	if p.bad != "" {
		if r.v.IsKnown() || !r.v.IsExternal() {
			return defined(infra.UnknownValue(src, p.bad))
		}
		return defined(infra.UnknownValue(src, r.v.Why()).WithExternal(true))
	}
	return r
}

func describe(t token) string {
	switch t.kind {
	case 'i':
		return "the word " + t.text
	case 's':
		return "a string where an operator was expected"
	}
	return t.text
}

// concat: filtered (("~" | "+") filtered)*
func (p *parser) concat() result {
	left := p.filtered()
	for p.bad == "" && (p.isP("~") || p.isP("+")) {
		op := p.peek().text
		p.pos++
		right := p.filtered()
		if p.bad != "" {
			return left
		}
		left = combine(op, left, right, p.src)
	}
	return left
}

// combine applies ~ (string concatenation) or + (concatenation or sum).
func combine(op string, a, b result, src string) result {
	for _, r := range []result{a, b} {
		if !r.defined {
			return result{v: infra.UnknownValue(src, "a variable "+undefinedWhy)}
		}
		if !r.v.IsKnown() {
			return defined(infra.UnknownValue(src, r.v.Why()).WithExternal(r.v.IsExternal()))
		}
	}
	hide := func(v infra.Value) infra.Value {
		if h := a.v.Hidden(); h != "" {
			return v.WithHidden(h)
		}
		if h := b.v.Hidden(); h != "" {
			return v.WithHidden(h)
		}
		return v
	}
	if op == "+" {
		x, okx := a.v.Number()
		y, oky := b.v.Number()
		switch {
		case a.v.Kind() == infra.Number && b.v.Kind() == infra.Number && okx && oky:
			return defined(hide(infra.NumberValue(x + y)))
		case a.v.Kind() == infra.List && b.v.Kind() == infra.List:
			items := append(append([]infra.Value{}, a.v.List()...), b.v.List()...)
			return defined(hide(infra.ListValue(items)))
		case a.v.Kind() != infra.String || b.v.Kind() != infra.String:
			return defined(infra.UnknownValue(src, "+ between a "+a.v.Kind().String()+" and a "+b.v.Kind().String()+" is not evaluated"))
		}
	}
	x, okx := a.v.Str()
	y, oky := b.v.Str()
	if !okx || !oky {
		return defined(infra.UnknownValue(src, "~ of a list or object is not evaluated"))
	}
	if len(x)+len(y) > maxStringLen {
		return defined(infra.UnknownValue(src, "the templated string grows past 1 MiB"))
	}
	return defined(hide(infra.StringValue(x + y).WithExternal(a.v.IsExternal() || b.v.IsExternal())))
}

// filtered: primary ("|" filter)*
func (p *parser) filtered() result {
	r := p.primary()
	for p.bad == "" && p.isP("|") {
		p.pos++
		t := p.peek()
		if t.kind != 'i' {
			return p.fail("a filter name is missing after |")
		}
		p.pos++
		// A filter may be namespaced (ansible.builtin.default).
		name := t.text
		for p.isP(".") && p.pos+1 < len(p.toks) && p.toks[p.pos+1].kind == 'i' {
			name += "." + p.toks[p.pos+1].text
			p.pos += 2
		}
		var args []result
		kw := map[string]result{}
		if p.isP("(") {
			p.pos++
			for p.bad == "" && !p.isP(")") {
				if t := p.peek(); t.kind == 'i' && p.pos+1 < len(p.toks) && p.toks[p.pos+1].kind == 'p' && p.toks[p.pos+1].text == "=" {
					p.pos += 2
					kw[t.text] = p.concat()
				} else {
					args = append(args, p.concat())
				}
				if p.isP(",") {
					p.pos++
				} else if !p.isP(")") {
					return p.fail("a filter's arguments are not closed")
				}
			}
			if p.bad != "" {
				return r
			}
			p.pos++
		}
		r = p.filter(name, r, args, kw)
	}
	return r
}

func (p *parser) filter(name string, in result, args []result, kw map[string]result) result {
	short := name[strings.LastIndexByte(name, '.')+1:]
	arg := func(i int, key string) (result, bool) {
		if i < len(args) {
			return args[i], true
		}
		r, ok := kw[key]
		return r, ok
	}
	if short == "default" || short == "d" {
		def, ok := arg(0, "default_value")
		if !ok {
			def = defined(infra.StringValue(""))
		}
		useFalsy := false
		if b, ok := arg(1, "boolean"); ok {
			v, _ := b.v.Bool()
			if !b.v.IsKnown() {
				return defined(infra.UnknownValue(p.src, "the default filter's second argument is unknown"))
			}
			useFalsy = v
		}
		if !in.defined {
			return def
		}
		if useFalsy {
			if !in.v.IsKnown() {
				return in
			}
			if falsy(in.v) {
				return def
			}
		}
		return in
	}
	if short == "mandatory" {
		return in
	}
	if !in.defined {
		return result{v: in.v}
	}
	v := in.v
	if !v.IsKnown() {
		return in
	}
	keep := func(out infra.Value) result {
		if h := v.Hidden(); h != "" {
			out = out.WithHidden(h)
		}
		return defined(out.WithLoc(v.Loc).WithExternal(v.IsExternal()))
	}
	switch short {
	case "lower", "upper", "trim":
		s, ok := v.Str()
		if !ok {
			return p.fail("the " + short + " filter applied to a " + v.Kind().String())
		}
		switch short {
		case "lower":
			s = strings.ToLower(s)
		case "upper":
			s = strings.ToUpper(s)
		default:
			s = strings.TrimSpace(s)
		}
		return keep(infra.StringValue(s))
	case "string":
		s, ok := v.Str()
		if !ok {
			if v.IsNull() {
				return keep(infra.StringValue("None"))
			}
			return p.fail("the string filter applied to a " + v.Kind().String())
		}
		return keep(infra.StringValue(s))
	case "bool":
		// Ansible's bool filter: true for yes, on, 1, true (any case).
		if b, ok := v.Bool(); ok && v.Kind() == infra.Bool {
			return keep(infra.BoolValue(b))
		}
		if n, ok := v.Number(); ok && v.Kind() == infra.Number {
			return keep(infra.BoolValue(n == 1))
		}
		s, ok := v.Str()
		if !ok {
			return keep(infra.BoolValue(false))
		}
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "yes", "on", "1", "true":
			return keep(infra.BoolValue(true))
		}
		return keep(infra.BoolValue(false))
	case "int":
		if n, ok := v.Number(); ok && v.Kind() == infra.Number {
			return keep(infra.NumberValue(float64(int64(n))))
		}
		s, ok := v.Str()
		if !ok {
			return keep(infra.NumberValue(0))
		}
		if i, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
			return keep(infra.NumberValue(float64(i)))
		}
		if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			return keep(infra.NumberValue(float64(int64(f))))
		}
		return keep(infra.NumberValue(0))
	case "join":
		sep := ""
		if a, ok := arg(0, "d"); ok {
			s, ok := a.v.Str()
			if !ok || !a.v.IsKnown() {
				return p.fail("the join filter's separator is unknown")
			}
			sep = s
		}
		if v.Kind() != infra.List {
			return p.fail("the join filter applied to a " + v.Kind().String())
		}
		var parts []string
		for _, x := range v.List() {
			s, ok := x.Str()
			if !ok || !x.IsKnown() {
				return defined(infra.UnknownValue(p.src, "an element of the joined list is unknown"))
			}
			if h := x.Hidden(); h != "" {
				v = v.WithHidden(h)
			}
			parts = append(parts, s)
		}
		out := strings.Join(parts, sep)
		if len(out) > maxStringLen {
			return p.fail("the templated string grows past 1 MiB")
		}
		return keep(infra.StringValue(out))
	}
	return p.fail("the Jinja filter " + name + " is not evaluated")
}

// falsy is Jinja's (Python's) truth for a known value.
func falsy(v infra.Value) bool {
	switch v.Kind() {
	case infra.Null:
		return true
	case infra.Bool:
		b, _ := v.Bool()
		return !b
	case infra.Number:
		n, _ := v.Number()
		return n == 0
	case infra.String:
		s, _ := v.Str()
		return s == ""
	}
	return v.Len() == 0
}

// primary: literal | name trailer* | "(" concat ")" | "[" list "]" | lookup(…)
func (p *parser) primary() result {
	t := p.peek()
	switch t.kind {
	case 's':
		p.pos++
		return p.trailers(defined(infra.StringValue(t.text)))
	case 'n':
		p.pos++
		return defined(infra.NumberValue(t.num))
	case 'p':
		switch t.text {
		case "(":
			p.pos++
			r := p.concat()
			if !p.isP(")") {
				return p.fail("a parenthesis is not closed")
			}
			p.pos++
			return p.trailers(r)
		case "[":
			p.pos++
			var items []infra.Value
			for p.bad == "" && !p.isP("]") {
				r := p.concat()
				if !r.defined {
					return p.fail("a list element is not defined")
				}
				items = append(items, r.v)
				if p.isP(",") {
					p.pos++
				} else if !p.isP("]") {
					return p.fail("a list is not closed")
				}
			}
			if p.bad != "" {
				return defined(infra.Value{})
			}
			p.pos++
			return p.trailers(defined(infra.ListValue(items)))
		}
		return p.fail("a Jinja expression prodgrade does not evaluate (" + t.text + ")")
	case 'i':
		p.pos++
		switch t.text {
		case "true", "True":
			return defined(infra.BoolValue(true))
		case "false", "False":
			return defined(infra.BoolValue(false))
		case "none", "None":
			return defined(infra.NullValue())
		case "lookup", "query", "q":
			if p.isP("(") {
				return p.lookup(t.text)
			}
		}
		if p.isP("(") {
			return p.fail("the Jinja function " + t.text + "() is not evaluated")
		}
		return p.trailers(p.e.variable(t.text, p.loc))
	}
	if t.kind == 0 {
		return p.fail("an empty expression")
	}
	return p.fail("a Jinja expression prodgrade does not evaluate (" + t.text + ")")
}

// trailers applies .name and [key] to a value.
func (p *parser) trailers(r result) result {
	for p.bad == "" {
		var key result
		switch {
		case p.isP("."):
			p.pos++
			t := p.peek()
			if t.kind != 'i' && t.kind != 'n' {
				return p.fail("an attribute name is missing after .")
			}
			p.pos++
			key = defined(infra.StringValue(t.text))
			if t.kind == 'n' {
				key = defined(infra.NumberValue(t.num))
			}
		case p.isP("["):
			p.pos++
			key = p.concat()
			if !p.isP("]") {
				return p.fail("a subscript is not closed")
			}
			p.pos++
		case p.isP("("):
			return p.fail("a method call is not evaluated")
		default:
			return r
		}
		if !r.defined {
			continue // an attribute of an undefined variable is undefined
		}
		r = index(r, key, p.src)
	}
	return r
}

// index takes an attribute or key of a value; a missing one is undefined.
func index(r, key result, src string) result {
	v := r.v
	if !v.IsKnown() {
		return r
	}
	if !key.defined || !key.v.IsKnown() {
		return defined(infra.UnknownValue(src, "a subscript is unknown"))
	}
	switch v.Kind() {
	case infra.Object:
		k, _ := key.v.Str()
		if !v.Has(k) {
			return result{v: infra.UnknownValue(src, k+" is not a key of the value")}
		}
		out := v.Field(k)
		if h := v.Hidden(); h != "" {
			out = out.WithHidden(h)
		}
		return defined(out)
	case infra.List:
		n, ok := key.v.Number()
		if !ok {
			return result{v: infra.UnknownValue(src, "a list has no attribute")}
		}
		items := v.List()
		i := int(n)
		if i < 0 {
			i += len(items)
		}
		if i < 0 || i >= len(items) || float64(int(n)) != n {
			return result{v: infra.UnknownValue(src, "the index is out of range")}
		}
		return defined(items[i])
	}
	return result{v: infra.UnknownValue(src, "a "+v.Kind().String()+" has no attributes")}
}

// secretStores are lookup plugins that read a secret manager: their
// values are secrets managed outside the code, read when Ansible runs.
var secretStores = map[string]string{
	"aws_ssm":               "AWS SSM Parameter Store",
	"aws_secret":            "AWS Secrets Manager",
	"secretsmanager_secret": "AWS Secrets Manager",
	"hashi_vault":           "HashiCorp Vault",
	"vault_kv2_get":         "HashiCorp Vault",
	"vault_read":            "HashiCorp Vault",
	"azure_keyvault_secret": "Azure Key Vault",
	"gcp_secret_manager":    "Google Secret Manager",
	"onepassword":           "1Password",
	"onepassword_raw":       "1Password",
	"bitwarden":             "Bitwarden",
	"cyberarkpassword":      "CyberArk",
	"conjur_variable":       "CyberArk Conjur",
	"passwordstore":         "pass",
	"keyring":               "the system keyring",
}

// lookup reads lookup('plugin', …) and query(…): never run, always
// unknown; a secret store's and the controller's environment are
// external to the code.
func (p *parser) lookup(fn string) result {
	p.pos++ // (
	depth := 1
	first := ""
	if t := p.peek(); t.kind == 's' {
		first = t.text
	}
	for p.pos < len(p.toks) && depth > 0 {
		switch t := p.toks[p.pos]; {
		case t.kind == 'p' && (t.text == "(" || t.text == "["):
			depth++
		case t.kind == 'p' && (t.text == ")" || t.text == "]"):
			depth--
		case t.kind == 'x':
			return p.fail("a Jinja expression prodgrade does not evaluate (" + t.text + ")")
		}
		p.pos++
	}
	if depth > 0 {
		return p.fail(fn + "( is not closed")
	}
	plugin := first[strings.LastIndexByte(first, '.')+1:]
	switch {
	case secretStores[plugin] != "":
		return defined(infra.UnknownValue(p.src, "read from "+secretStores[plugin]+" when Ansible runs").WithExternal(true))
	case plugin == "env":
		return defined(infra.UnknownValue(p.src, "an environment variable of the machine that runs Ansible").WithExternal(true))
	case plugin == "password":
		return defined(infra.UnknownValue(p.src, "a password the password lookup generates or reads when Ansible runs").WithExternal(true))
	case plugin == "file" || plugin == "template" || plugin == "pipe" || plugin == "url":
		return defined(infra.UnknownValue(p.src, "read by the "+plugin+" lookup when Ansible runs").WithExternal(true))
	case plugin == "":
		return defined(infra.UnknownValue(p.src, fn+" of a plugin named by an expression"))
	}
	return defined(infra.UnknownValue(p.src, "the "+plugin+" lookup runs when Ansible runs"))
}

// isVault reports text Ansible Vault encrypted.
func isVault(s string) bool {
	return strings.HasPrefix(strings.TrimLeft(s, " \t\r\n"), "$ANSIBLE_VAULT;")
}

// vaultValue stands for a value encrypted with Ansible Vault: a secret
// managed correctly, kept out of every output, never decrypted.
func vaultValue(loc infra.Location) infra.Value {
	return infra.UnknownValue("!vault", "encrypted with Ansible Vault; decrypted only when Ansible runs").
		WithHidden(HiddenVault).WithExternal(true).WithLoc(loc)
}

// HiddenVault is what a value encrypted with Ansible Vault says of its
// origin (infra.Value.Hidden).
const HiddenVault = "an Ansible Vault value"
