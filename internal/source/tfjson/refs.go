package tfjson

import (
	"sort"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// Configuration section of plan JSON.

type configDoc struct {
	ProviderConfig map[string]providerConfig `json:"provider_config"`
	RootModule     configMod                 `json:"root_module"`
}

type providerConfig struct {
	Name              string `json:"name"`
	FullName          string `json:"full_name"`
	Alias             string `json:"alias"`
	ModuleAddress     string `json:"module_address"`
	VersionConstraint string `json:"version_constraint"`
	Expressions       span   `json:"expressions"`
}

type configMod struct {
	Outputs     map[string]configOutput `json:"outputs"`
	Resources   []configResource        `json:"resources"`
	ModuleCalls map[string]*moduleCall  `json:"module_calls"`
}

type configOutput struct {
	Expression span `json:"expression"`
	Sensitive  bool `json:"sensitive"`
}

type configResource struct {
	Address           string `json:"address"`
	Mode              string `json:"mode"`
	Type              string `json:"type"`
	Name              string `json:"name"`
	Expressions       span   `json:"expressions"`
	CountExpression   span   `json:"count_expression"`
	ForEachExpression span   `json:"for_each_expression"`
}

type moduleCall struct {
	Source            string          `json:"source"`
	VersionConstraint string          `json:"version_constraint"`
	Expressions       map[string]span `json:"expressions"`
	CountExpression   span            `json:"count_expression"`
	ForEachExpression span            `json:"for_each_expression"`
	Module            configMod       `json:"module"`
}

// inst is one resource instance in the resolver's index.
type inst struct {
	addr string
	key  string // "[0]", `["logs"]` or ""
}

// resolver turns the references of configuration expressions into the
// addresses of resource instances, following module outputs and variables
// across module boundaries.
type resolver struct {
	// modules maps a configuration module path ("", "module.db") to its configuration.
	modules map[string]*configMod
	// instances maps a module instance address and a local resource address
	// ("aws_s3_bucket.b") to the instances present.
	instances map[string]map[string][]inst
	// children maps a module instance address and a call name to the
	// instances of that call ("module.queue[\"a\"]").
	children map[string]map[string][]string
	// memo caches var and module output resolutions per module instance;
	// an entry in progress is empty, which also cuts reference cycles.
	memo map[string][]string
	// sawLocal is set when a reference went through a local value, which
	// plan JSON does not record.
	sawLocal bool
}

func newResolver(root *configMod) *resolver {
	r := &resolver{
		modules:   map[string]*configMod{},
		instances: map[string]map[string][]inst{},
		children:  map[string]map[string][]string{},
		memo:      map[string][]string{},
	}
	var walk func(path string, m *configMod, depth int)
	walk = func(path string, m *configMod, depth int) {
		if m == nil || depth > 100 {
			return
		}
		r.modules[path] = m
		for name, c := range m.ModuleCalls {
			if c != nil {
				walk(join(path, "module."+name), &c.Module, depth+1)
			}
		}
	}
	walk("", root, 0)
	return r
}

// addInstance records a resource instance and the module instances it lives in.
func (r *resolver) addInstance(mod, local, addr, key string) {
	m := r.instances[mod]
	if m == nil {
		m = map[string][]inst{}
		r.instances[mod] = m
	}
	m[local] = append(m[local], inst{addr: addr, key: key})
	steps := splitModule(mod)
	for i := range steps {
		parent := joinModule(steps[:i], true)
		child := joinModule(steps[:i+1], true)
		c := r.children[parent]
		if c == nil {
			c = map[string][]string{}
			r.children[parent] = c
		}
		if !contains(c[steps[i].name], child) {
			c[steps[i].name] = append(c[steps[i].name], child)
		}
	}
}

func contains(l []string, s string) bool {
	for _, e := range l {
		if e == s {
			return true
		}
	}
	return false
}

// scope is where an expression is evaluated: a module instance, and for
// each.value the instance key and the for_each expression's references.
type scope struct {
	mod     string
	key     string
	forEach []string
	// sameKey narrows a reference without a key to the instance with key,
	// when there is one (set by resolveAll).
	sameKey bool
}

const maxDepth = 40

// resolveAll resolves a "references" list. Terraform lists every prefix of
// a traversal ("aws_sqs_queue.q[1].arn", "aws_sqs_queue.q[1]",
// "aws_sqs_queue.q"); the shorter ones are dropped in favour of the most
// specific, so q[1] does not become an edge to every instance of q.
func (r *resolver) resolveAll(refs []string, sc scope, depth int) []string {
	if depth > maxDepth {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	// x[count.index] and x[each.key] are listed as "x" and "count.index"
	// (or "each.key"): the instance of x with this object's own key is meant.
	sc.sameKey = sc.key != "" && (contains(refs, "count.index") || contains(refs, "each.key"))
	for _, ref := range refs {
		if extended(ref, refs) {
			continue
		}
		for _, a := range r.resolve(ref, sc, depth+1) {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	sort.Strings(out)
	return out
}

// extended reports whether another reference in refs continues ref.
func extended(ref string, refs []string) bool {
	for _, o := range refs {
		if len(o) > len(ref) && strings.HasPrefix(o, ref) && (o[len(ref)] == '.' || o[len(ref)] == '[') {
			return true
		}
	}
	return false
}

func (r *resolver) resolve(ref string, sc scope, depth int) []string {
	ts := parseTraversal(ref)
	if len(ts) < 2 || ts[0].name == "" || ts[1].name == "" {
		return nil
	}
	name := func(i int) string {
		if i < len(ts) {
			return ts[i].name
		}
		return ""
	}
	key := func(i int) string {
		if i < len(ts) {
			return ts[i].key
		}
		return ""
	}
	switch ts[0].name {
	case "var", "module":
		mk := ts[0].name + "\x00" + ref + "\x00" + sc.mod
		if res, ok := r.memo[mk]; ok {
			return res
		}
		r.memo[mk] = nil
		var res []string
		if ts[0].name == "var" {
			res = r.variable(ts[1].name, sc, depth)
		} else {
			i := 2
			k := key(i)
			if k != "" {
				i++
			}
			res = r.moduleOutput(sc.mod, ts[1].name, k, name(i), depth)
		}
		r.memo[mk] = res
		return res
	case "data":
		if len(ts) < 3 || ts[2].name == "" {
			return nil
		}
		return r.lookupIn(sc, "data."+ts[1].name+"."+ts[2].name, key(3))
	case "each":
		if ts[1].name != "value" || len(sc.forEach) == 0 {
			return nil
		}
		all := r.resolveAll(sc.forEach, scope{mod: sc.mod}, depth)
		if sc.key != "" {
			var mine []string
			for _, a := range all {
				if strings.HasSuffix(a, sc.key) {
					mine = append(mine, a)
				}
			}
			if len(mine) > 0 {
				return mine
			}
		}
		return all
	case "local":
		r.sawLocal = true
		return nil
	case "count", "path", "terraform", "self", "resource", "ephemeral":
		return nil
	}
	return r.lookupIn(sc, ts[0].name+"."+ts[1].name, key(2))
}

// lookupIn is lookup in a scope, narrowed to the scope's own key when the
// expression indexes by count.index or each.key.
func (r *resolver) lookupIn(sc scope, local, key string) []string {
	if key == "" && sc.sameKey {
		if mine := r.lookup(sc.mod, local, sc.key); len(mine) > 0 {
			return mine
		}
	}
	return r.lookup(sc.mod, local, key)
}

// lookup returns the instances of local in module instance mod, only the one
// with key when a key is given.
func (r *resolver) lookup(mod, local, key string) []string {
	var out []string
	for _, in := range r.instances[mod][local] {
		if key == "" || in.key == key {
			out = append(out, in.addr)
		}
	}
	return out
}

// moduleOutput resolves module.call[key].output from module instance mod:
// the resources the child's output expression references. With no output
// name, every output counts.
func (r *resolver) moduleOutput(mod, call, key, output string, depth int) []string {
	callCfg := r.modules[configModule(mod)]
	if callCfg == nil || callCfg.ModuleCalls[call] == nil {
		return nil
	}
	child := &callCfg.ModuleCalls[call].Module
	var outs []string
	if output != "" {
		outs = []string{output}
	} else {
		for o := range child.Outputs {
			outs = append(outs, o)
		}
		sort.Strings(outs)
	}
	var res []string
	for _, ci := range r.children[mod][call] {
		if key != "" && ci != join(mod, "module."+call+key) {
			continue
		}
		for _, o := range outs {
			oc, ok := child.Outputs[o]
			if !ok {
				continue
			}
			res = append(res, r.resolveAll(exprRefs(decodeAny(oc.Expression)), scope{mod: ci}, depth)...)
		}
	}
	return res
}

// variable resolves var.name inside module instance sc.mod to what the
// parent's module call passes for it.
func (r *resolver) variable(name string, sc scope, depth int) []string {
	steps := splitModule(sc.mod)
	if len(steps) == 0 {
		return nil
	}
	last := steps[len(steps)-1]
	parentCfg := r.modules[joinModule(steps[:len(steps)-1], false)]
	if parentCfg == nil || parentCfg.ModuleCalls[last.name] == nil {
		return nil
	}
	call := parentCfg.ModuleCalls[last.name]
	expr, ok := call.Expressions[name]
	if !ok {
		return nil
	}
	parent := scope{
		mod:     joinModule(steps[:len(steps)-1], true),
		key:     last.key,
		forEach: exprRefs(decodeAny(call.ForEachExpression)),
	}
	return r.resolveAll(exprRefs(decodeAny(expr)), parent, depth)
}

// exprRefs collects every reference in one expression.
func exprRefs(node any) []string {
	var out []string
	walkExprs(node, "", func(_ string, refs []string) { out = append(out, refs...) })
	return out
}

// walkBody is walkExprs for a block body whose members are never mistaken
// for an expression (a resource's top-level "expressions").
func walkBody(body any, fn func(path string, refs []string)) {
	m, ok := body.(map[string]any)
	if !ok {
		return
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		walkExprs(m[k], k, fn)
	}
}

// walkExprs calls fn with the attribute path and references of every
// expression in a block body (nested blocks give dotted paths).
func walkExprs(node any, path string, fn func(path string, refs []string)) {
	switch n := node.(type) {
	case map[string]any:
		if isExpr(n) {
			var refs []string
			if l, ok := n["references"].([]any); ok {
				for _, e := range l {
					if s, ok := e.(string); ok {
						refs = append(refs, s)
					}
				}
			}
			if len(refs) > 0 {
				fn(path, refs)
			}
			return
		}
		names := make([]string, 0, len(n))
		for k := range n {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			walkExprs(n[k], join(path, k), fn)
		}
	case []any:
		for _, e := range n {
			walkExprs(e, path, fn)
		}
	}
}

// refsOf builds the graph edges of one resource instance from its
// configuration block.
func (r *resolver) refsOf(addr string, sc scope, expressions any) []infra.Ref {
	var out []infra.Ref
	seen := map[infra.Ref]bool{}
	walkBody(expressions, func(path string, refs []string) {
		for _, to := range r.resolveAll(refs, sc, 0) {
			ref := infra.Ref{Attr: path, To: to}
			if to != addr && !seen[ref] {
				seen[ref] = true
				out = append(out, ref)
			}
		}
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].Attr != out[j].Attr {
			return out[i].Attr < out[j].Attr
		}
		return out[i].To < out[j].To
	})
	return out
}
