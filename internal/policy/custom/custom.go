// Package custom loads a team's own rules, written in Rego or CEL, and
// makes them rules.Rule values that run beside the built-in ones for one
// scan (rules.Options.Extra). They are never registered globally.
//
// A directory of custom rules mirrors the built-in rules' layout:
//
//	DIR/<rule-id>/rule.yaml             metadata, kinds, and the policy (rego: FILE or cel: EXPRESSION)
//	DIR/<rule-id>/policy.rego           a Rego policy, when rule.yaml names one
//	DIR/<rule-id>/testdata/<case>/…     fixtures: resources named pass…, fail…, unknown…, skip…
//
// Policies run in prodgrade-policy, a process of its own started once per
// scan that has custom rules: OPA and CEL would add 30 MB and their
// initialisation to every run of prodgrade (docs/custom-rules.md has the
// numbers). Each policy is compiled once, when Load is called.
package custom

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/policy/custom/wire"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// LoadError lists everything wrong with a directory of custom rules, each
// naming file:line, so that one run shows every mistake.
type LoadError struct{ Errors []string }

func (e *LoadError) Error() string {
	if len(e.Errors) == 1 {
		return "custom rules: " + e.Errors[0]
	}
	return "custom rules have errors:\n  " + strings.Join(e.Errors, "\n  ")
}

// Load reads every custom rule under dirs (DIR/<rule-id>/rule.yaml),
// compiles every policy once, and returns the rules, sorted by id. The
// rules' checks evaluate the compiled policies and are safe for concurrent
// use. The error is a *LoadError for mistakes in the rules, or says why
// the evaluator could not be run.
func Load(dirs ...string) ([]*rules.Rule, error) {
	ps, err := load(dirs)
	if err != nil {
		return nil, err
	}
	out := make([]*rules.Rule, len(ps))
	for i, p := range ps {
		out[i] = p.rule
	}
	return out, nil
}

// load is Load, returning where each rule was found too.
func load(dirs []string) ([]*parsed, error) {
	ps, err := parseDirs(dirs)
	if err != nil {
		return nil, err
	}
	policies := make([]wire.Policy, len(ps))
	for i, p := range ps {
		policies[i] = p.policy
	}
	ev, errs, err := startEvaluator(policies)
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, &LoadError{Errors: errs}
	}
	for i, p := range ps {
		p.rule.Check = checkFunc(ev, i, p)
	}
	return ps, nil
}

// parseDirs reads and checks every rule under dirs, sorted by id.
func parseDirs(dirs []string) ([]*parsed, error) {
	var (
		ps   []*parsed
		errs []string
		seen = map[string]string{}
	)
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", dir, err))
			continue
		}
		n := 0
		for _, e := range entries {
			ruleDir := filepath.Join(dir, e.Name())
			if !e.IsDir() {
				continue
			}
			if _, err := os.Stat(filepath.Join(ruleDir, RuleFile)); err != nil {
				continue
			}
			n++
			p, perrs := parseRule(ruleDir)
			errs = append(errs, perrs...)
			if p == nil {
				continue
			}
			if other, dup := seen[p.rule.ID]; dup {
				errs = append(errs, fmt.Sprintf("%s: rule %s is defined twice, also in %s", filepath.Join(ruleDir, RuleFile), p.rule.ID, other))
				continue
			}
			seen[p.rule.ID] = filepath.Join(ruleDir, RuleFile)
			ps = append(ps, p)
		}
		if n == 0 && err == nil {
			errs = append(errs, fmt.Sprintf("%s: no custom rules here; a rule is a directory %s/<rule-id>/%s", dir, dir, RuleFile))
		}
	}
	if len(errs) > 0 {
		return nil, &LoadError{Errors: errs}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].rule.ID < ps[j].rule.ID })
	return ps, nil
}

// maxMessage bounds a message a policy writes: it may quote values from
// scanned code, which is untrusted.
const maxMessage = 500

// checkFunc is the check of policy i: it settles the attributes the rule
// reads, sends the resource and its context to the evaluator, and records
// what the policy decided.
func checkFunc(ev *evaluator, i int, p *parsed) func(*rules.Check) {
	reads, related, message := p.spec.Reads, p.spec.Context, p.spec.Message
	if message == "" {
		message = "does not meet: " + p.rule.Title
	}
	return func(c *rules.Check) {
		// An unknown value the rule decides by is never guessed: the
		// result is unknown, with its expression, and the policy not run.
		for _, path := range reads {
			if v := c.R.Attrs.Get(path); !v.IsKnown() {
				c.Unknown(path, v)
				return
			}
		}
		in, shown := input(c, related)
		outcomes, err := ev.eval(i, in)
		if err != nil {
			c.UnknownBecause(fmt.Sprintf("custom rule %s could not be evaluated (%s): %s", p.rule.ID, p.policy.File, oneLine(err.Error())))
			return
		}
		for _, o := range outcomes {
			msg := scrub(o.Message, shown)
			switch o.Status {
			case "pass":
				c.Pass(msg)
			case "fail":
				if msg == "" {
					msg = message
				}
				c.Fail(o.Path, msg)
			case "unknown":
				if v := c.R.Attrs.Get(o.Path); o.Path != "" && !v.IsKnown() {
					c.Unknown(o.Path, v)
				} else {
					c.UnknownBecause(cmpOr(msg, "the policy could not decide"))
				}
			}
		}
	}
}

// input is the document a policy sees, as JSON:
//
//	{"resource": R, "related": [R…], "component": {"name", "path", "kind"}}
//
// where R is {"kind", "address", "name", "namespace", "labels",
// "annotations", "module", "attrs", "referrers": [{"kind", "address"}]}
// and related holds the component's resources of the rule's context kinds
// (the graph's, so a namespace's shared objects count), sorted by address.
// shown lists the hidden strings the input holds, which no message may print.
func input(c *rules.Check, contextKinds []string) (_ []byte, shown []string) {
	var b bytes.Buffer
	w := &writer{b: &b}
	b.WriteString(`{"resource":`)
	w.resource(c.R, c.Graph)
	b.WriteString(`,"related":[`)
	if c.Graph != nil && len(contextKinds) > 0 {
		var rel []*infra.Resource
		for _, k := range contextKinds {
			for _, r := range c.Graph.OfKind(k) {
				if r != c.R {
					rel = append(rel, r)
				}
			}
		}
		sort.Slice(rel, func(i, j int) bool { return rel[i].Address < rel[j].Address })
		for i, r := range rel {
			if i > 0 {
				b.WriteByte(',')
			}
			w.resource(r, c.Graph)
		}
	}
	b.WriteString(`],"component":`)
	comp := map[string]string{}
	if c.Component != nil {
		comp = map[string]string{"name": c.Component.Name, "path": filepath.ToSlash(c.Component.Path), "kind": c.Component.Kind}
	}
	w.json(comp)
	b.WriteByte('}')
	return b.Bytes(), w.hidden
}

// writer writes resources as JSON.
type writer struct {
	b      *bytes.Buffer
	hidden []string
}

func (w *writer) json(v any) {
	data, _ := json.Marshal(v) // strings and maps of strings always marshal
	w.b.Write(data)
}

func (w *writer) resource(r *infra.Resource, g *infra.Graph) {
	b := w.b
	b.WriteString(`{"kind":`)
	w.json(r.Kind)
	b.WriteString(`,"address":`)
	w.json(r.Address)
	b.WriteString(`,"name":`)
	w.json(r.Name)
	b.WriteString(`,"namespace":`)
	w.json(r.Namespace)
	b.WriteString(`,"labels":`)
	w.json(orEmpty(r.Labels))
	b.WriteString(`,"annotations":`)
	w.json(orEmpty(r.Annotations))
	b.WriteString(`,"module":`)
	w.json(r.Module)
	b.WriteString(`,"attrs":`)
	w.value(r.Attrs, false)
	b.WriteString(`,"referrers":[`)
	if g != nil {
		for i, from := range g.AllReferrers(r) {
			if i > 0 {
				b.WriteByte(',')
			}
			w.json(map[string]string{"kind": from.Kind, "address": from.Address})
		}
	}
	b.WriteString(`]}`)
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// UnknownKey is the key of the object that stands for an unknown value in
// a policy's input: {"prodgrade_unknown": {"expr": "var.tags", "why": "…"}}.
const UnknownKey = "prodgrade_unknown"

// value writes a value as JSON. An unknown value is an object under
// UnknownKey, which no real attribute has, so a policy that tests for a
// string or a key never mistakes it for one. Hidden strings are passed as
// they are (a policy may need a tag given with --var) and recorded, so
// that messages never print them.
func (w *writer) value(v infra.Value, hidden bool) {
	b := w.b
	hidden = hidden || v.Hidden() != ""
	switch v.Kind() {
	case infra.Null:
		b.WriteString("null")
	case infra.Unknown:
		b.WriteString(`{"` + UnknownKey + `":`)
		w.json(map[string]string{"expr": v.Expr(), "why": v.Why()})
		b.WriteByte('}')
	case infra.Bool:
		x, _ := v.Bool()
		b.WriteString(strconv.FormatBool(x))
	case infra.Number:
		n, _ := v.Number()
		if math.IsInf(n, 0) || math.IsNaN(n) {
			b.WriteString("null")
			return
		}
		b.WriteString(strconv.FormatFloat(n, 'g', -1, 64))
	case infra.String:
		s, _ := v.Str()
		if hidden && s != "" && !slices.Contains(w.hidden, s) {
			w.hidden = append(w.hidden, s)
		}
		w.json(s)
	case infra.List:
		b.WriteByte('[')
		for i, e := range v.List() {
			if i > 0 {
				b.WriteByte(',')
			}
			w.value(e, hidden)
		}
		b.WriteByte(']')
	case infra.Object:
		b.WriteByte('{')
		for i, f := range v.Fields() {
			if i > 0 {
				b.WriteByte(',')
			}
			w.json(f.Name)
			b.WriteByte(':')
			w.value(f.Value, hidden)
		}
		b.WriteByte('}')
	}
}

// scrub replaces every hidden string the policy was shown by "(hidden)"
// — the whole message when it is one, else each of four characters or
// more inside it, as rules.Check does — and bounds its length.
func scrub(msg string, hidden []string) string {
	sort.Slice(hidden, func(i, j int) bool { return len(hidden[i]) > len(hidden[j]) })
	for _, h := range hidden {
		if msg == h || len(h) >= 4 && strings.Contains(msg, h) {
			msg = strings.ReplaceAll(msg, h, "(a hidden value, not shown)")
		}
	}
	if len(msg) > maxMessage {
		cut := maxMessage
		for cut > 0 && !utf8Start(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "…"
	}
	return msg
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
