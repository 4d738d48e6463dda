// Package engine compiles and evaluates custom policies written in Rego
// (OPA) and CEL. Only cmd/prodgrade-policy imports it: OPA and CEL add
// 30 MB to a binary and their package initialisation to every start, so
// prodgrade runs them in a process of their own, only when a scan has
// custom rules (see ../wire and docs/custom-rules.md).
package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/ext"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/prodgrade/prodgrade/internal/policy/custom/wire"
)

// Engine holds compiled policies. Eval is safe for concurrent use: a
// prepared Rego query and a CEL program are both read-only once built.
type Engine struct {
	policies []compiled
}

// compiled is one policy, ready to evaluate.
type compiled struct {
	rule string
	rego *rego.PreparedEvalQuery
	cel  cel.Program
}

// celCostLimit bounds one CEL evaluation (CEL's own cost units: about one
// per operation, more per element a comprehension visits), so that a
// policy looping over a huge component ends with an error, not a hang.
const celCostLimit = 10_000_000

// unsafeBuiltins are Rego built-ins a policy may not call: a scan never
// uses the network and never reads the environment.
var unsafeBuiltins = map[string]struct{}{
	"http.send": {}, "net.lookup_ip_addr": {}, "opa.runtime": {},
}

// Compile compiles every policy. errs are the compile errors, each
// starting with file:line; the Engine is nil when there are any.
func Compile(ctx context.Context, ps []wire.Policy) (*Engine, []string) {
	e := &Engine{policies: make([]compiled, len(ps))}
	var errs []string
	for i, p := range ps {
		c := compiled{rule: p.Rule}
		var err []string
		switch p.Lang {
		case wire.Rego:
			c.rego, err = compileRego(ctx, p)
		case wire.CEL:
			c.cel, err = compileCEL(p)
		default:
			err = []string{fmt.Sprintf("%s: rule %s: unknown policy language %q", p.File, p.Rule, p.Lang)}
		}
		errs = append(errs, err...)
		e.policies[i] = c
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return e, nil
}

func compileRego(ctx context.Context, p wire.Policy) (*rego.PreparedEvalQuery, []string) {
	mod, err := ast.ParseModuleWithOpts(p.File, p.Source, ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		return nil, regoErrors(p, err)
	}
	pq, err := rego.New(
		rego.Query(mod.Package.Path.String()),
		rego.ParsedModule(mod),
		rego.SetRegoVersion(ast.RegoV1),
		rego.StrictBuiltinErrors(true),
		rego.UnsafeBuiltins(unsafeBuiltins),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, regoErrors(p, err)
	}
	return &pq, nil
}

// regoErrors lists OPA's errors one per line; each already starts with
// file:line.
func regoErrors(p wire.Policy, err error) []string {
	var list ast.Errors
	if errors.As(err, &list) {
		out := make([]string, len(list))
		for i, e := range list {
			out[i] = e.Error()
			if e.Location == nil {
				out[i] = p.File + ": " + out[i]
			}
		}
		return out
	}
	return []string{fmt.Sprintf("%s: %v", p.File, err)}
}

func newCELEnv() (*cel.Env, error) {
	return cel.NewEnv(
		cel.Variable("resource", cel.DynType),
		cel.Variable("related", cel.ListType(cel.DynType)),
		cel.Variable("component", cel.DynType),
		ext.Strings(), ext.Sets(), ext.Lists(),
	)
}

func compileCEL(p wire.Policy) (cel.Program, []string) {
	env, err := newCELEnv()
	if err != nil {
		return nil, []string{fmt.Sprintf("%s: %v", p.File, err)}
	}
	ast, iss := env.Compile(p.Source)
	if iss != nil && iss.Err() != nil {
		var out []string
		for _, e := range iss.Errors() {
			line, col := e.Location.Line(), e.Location.Column()+1
			if line <= 1 {
				col += max(p.Col, 1) - 1
			} else {
				col += p.Indent
			}
			out = append(out, fmt.Sprintf("%s:%d:%d: rule %s: CEL: %s", p.File, max(p.Line, 1)+max(line, 1)-1, col, p.Rule, e.Message))
		}
		return nil, out
	}
	prg, err := env.Program(ast, cel.CostLimit(celCostLimit), cel.InterruptCheckFrequency(100))
	if err != nil {
		return nil, []string{fmt.Sprintf("%s:%d: rule %s: CEL: %v", p.File, p.Line, p.Rule, err)}
	}
	return prg, nil
}

// Eval evaluates policy i on a JSON input document ({"resource": …,
// "related": […], "component": …}).
func (e *Engine) Eval(ctx context.Context, i int, input []byte) ([]wire.Outcome, error) {
	if i < 0 || i >= len(e.policies) {
		return nil, fmt.Errorf("no policy %d", i)
	}
	var doc map[string]any
	if err := json.Unmarshal(input, &doc); err != nil {
		return nil, fmt.Errorf("reading the input: %v", err)
	}
	p := e.policies[i]
	if p.rego != nil {
		return evalRego(ctx, p.rego, doc)
	}
	return evalCEL(ctx, p.cel, doc)
}

// evalRego reads the package's fail, unknown and skip rules: skip true
// means the rule does not apply; each member of fail is a fail, else each
// member of unknown an unknown, else the resource passes.
func evalRego(ctx context.Context, pq *rego.PreparedEvalQuery, doc map[string]any) ([]wire.Outcome, error) {
	rs, err := pq.Eval(ctx, rego.EvalInput(doc))
	if err != nil {
		return nil, err
	}
	pkg := map[string]any{}
	if len(rs) > 0 && len(rs[0].Expressions) > 0 {
		m, ok := rs[0].Expressions[0].Value.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("the package is not a document of rules")
		}
		pkg = m
	}
	if skip, ok := pkg["skip"]; ok {
		b, isBool := skip.(bool)
		if !isBool {
			return nil, fmt.Errorf("skip is %T; define it as a boolean", skip)
		}
		if b {
			return nil, nil
		}
	}
	for _, s := range []string{"fail", "unknown"} {
		members, ok := pkg[s]
		if !ok {
			continue
		}
		list, ok := members.([]any)
		if !ok {
			return nil, fmt.Errorf("%s is %T; define it as a set: %s contains msg if { … }", s, members, s)
		}
		if len(list) == 0 {
			continue
		}
		var out []wire.Outcome
		for _, m := range list {
			o, err := outcome(s, m)
			if err != nil {
				return nil, err
			}
			out = append(out, o)
		}
		return out, nil
	}
	o := wire.Outcome{Status: "pass"}
	if m, ok := pkg["pass"].(string); ok {
		o.Message = m
	}
	return []wire.Outcome{o}, nil
}

// outcome reads one member of fail or unknown: a message, or an object
// with msg (or message) and an optional path.
func outcome(status string, m any) (wire.Outcome, error) {
	switch v := m.(type) {
	case string:
		return wire.Outcome{Status: status, Message: v}, nil
	case map[string]any:
		o := wire.Outcome{Status: status}
		msg, ok := v["msg"]
		if !ok {
			msg = v["message"]
		}
		o.Message, _ = msg.(string)
		if o.Message == "" {
			return o, fmt.Errorf("a member of %s has no msg string: %s", status, short(v))
		}
		if p, ok := v["path"]; ok {
			if o.Path, ok = p.(string); !ok {
				return o, fmt.Errorf("a member of %s has a path that is not a string: %s", status, short(v))
			}
		}
		return o, nil
	}
	return wire.Outcome{}, fmt.Errorf("a member of %s is neither a message nor an object with msg: %s", status, short(m))
}

// evalCEL reads the expression's value: a bool (true passes, false fails
// with the rule's message), an object {"status", "message", "path"}, or a
// list of such objects (empty: the rule does not apply).
func evalCEL(ctx context.Context, prg cel.Program, doc map[string]any) ([]wire.Outcome, error) {
	if doc["related"] == nil {
		doc["related"] = []any{}
	}
	val, _, err := prg.ContextEval(ctx, doc)
	if err != nil {
		return nil, err
	}
	native, err := val.ConvertToNative(reflect.TypeFor[*structpb.Value]())
	if err != nil {
		return nil, fmt.Errorf("the expression's value (%s) is not a bool, an object or a list: %v", val.Type().TypeName(), err)
	}
	switch v := native.(*structpb.Value).AsInterface().(type) {
	case bool:
		if v {
			return []wire.Outcome{{Status: "pass"}}, nil
		}
		return []wire.Outcome{{Status: "fail"}}, nil
	case map[string]any:
		o, err := celOutcome(v)
		if err != nil || o.Status == "skip" {
			return nil, err
		}
		return []wire.Outcome{o}, nil
	case []any:
		var out []wire.Outcome
		for _, m := range v {
			obj, ok := m.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("a member of the list is not an object: %s", short(m))
			}
			o, err := celOutcome(obj)
			if err != nil {
				return nil, err
			}
			if o.Status != "skip" {
				out = append(out, o)
			}
		}
		return out, nil
	default:
		return nil, fmt.Errorf("the expression's value is %s; return a bool, an object {status, message, path} or a list of them", short(v))
	}
}

func celOutcome(m map[string]any) (wire.Outcome, error) {
	var o wire.Outcome
	var ok bool
	if o.Status, ok = m["status"].(string); !ok {
		return o, fmt.Errorf("the object %s has no status string (pass, fail, unknown or skip)", short(m))
	}
	switch o.Status {
	case "pass", "fail", "unknown", "skip":
	default:
		return o, fmt.Errorf("status %q is not pass, fail, unknown or skip", o.Status)
	}
	if msg, has := m["message"]; has {
		if o.Message, ok = msg.(string); !ok {
			return o, fmt.Errorf("the message of %s is not a string", short(m))
		}
	}
	if p, has := m["path"]; has {
		if o.Path, ok = p.(string); !ok {
			return o, fmt.Errorf("the path of %s is not a string", short(m))
		}
	}
	return o, nil
}

// short shows a value in an error, cut to a readable length.
func short(v any) string {
	b, err := json.Marshal(v)
	s := string(b)
	if err != nil {
		s = fmt.Sprint(v)
	}
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return strings.ToValidUTF8(s, "?")
}
