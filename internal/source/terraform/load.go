package terraform

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// ComponentKind says how Terraform components are chosen, for the report.
const ComponentKind = "terraform root module"

// loader holds what all components of one scan share: parsed modules (a
// module called from many roots is parsed once), function tables, options.
type loader struct {
	opt Options

	mu      sync.Mutex
	modules map[string]*moduleEntry
	funcs   map[string]map[string]function.Function
	notes   []infra.Note

	// varFiles are the parsed --var-file and --var values, applied to every root.
	overrides []assignment
}

type moduleEntry struct {
	once sync.Once
	mod  *module
}

// assignment is one variable value from a tfvars file, --var or the environment.
type assignment struct {
	name string
	expr hcl.Expression // nil for raw strings (TF_VAR_, --var)
	raw  string
	rng  hcl.Range
}

// Load grades the Terraform configuration in dirs (directories holding .tf
// files). Each directory that no other scanned directory calls as a local
// module is a root module and becomes one component; the rest are graded
// through their callers.
func Load(dirs []string, opt Options) *Loaded {
	l := newLoader(opt)
	clean := make([]string, 0, len(dirs))
	seen := map[string]bool{}
	for _, d := range dirs {
		d = filepath.Clean(d)
		if !seen[d] {
			seen[d] = true
			clean = append(clean, d)
		}
	}
	sort.Strings(clean)
	parallel(len(clean), func(i int) { l.module(clean[i]) })

	called := map[string]bool{}
	for _, d := range clean {
		for _, b := range l.module(d).calls {
			if src := literalString(b.Body, "source"); isLocalSource(src) {
				called[absPath(filepath.Join(d, src))] = true
			}
		}
	}
	var roots []string
	for _, d := range clean {
		if !called[absPath(d)] {
			roots = append(roots, d)
		}
	}
	comps := make([]*infra.Component, len(roots))
	parallel(len(roots), func(i int) { comps[i] = l.component(roots[i], l.module(roots[i])) })
	return l.result(comps)
}

// LoadSource grades one Terraform file given as bytes (standard input), as a
// root module of its own. Module calls and file() resolve relative to the
// current directory.
func LoadSource(name string, src []byte, opt Options) *Loaded {
	l := newLoader(opt)
	m := newModule(".")
	m.parseSource(name, src)
	l.notes = append(l.notes, m.notes...)
	return l.result([]*infra.Component{l.component(".", m)})
}

func newLoader(opt Options) *loader {
	l := &loader{opt: opt, modules: map[string]*moduleEntry{}, funcs: map[string]map[string]function.Function{}}
	for _, f := range opt.VarFiles {
		as, notes := readVarFile(f)
		l.overrides = append(l.overrides, as...)
		l.notes = append(l.notes, notes...)
	}
	for _, kv := range opt.Vars {
		name, val, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(name) == "" {
			l.notes = append(l.notes, infra.Note{Kind: infra.NoteError, Message: fmt.Sprintf("--var %q: write it as name=value", kv)})
			continue
		}
		l.overrides = append(l.overrides, assignment{name: strings.TrimSpace(name), raw: val})
	}
	return l
}

func (l *loader) result(comps []*infra.Component) *Loaded {
	out := &Loaded{}
	for _, c := range comps {
		if c != nil {
			out.Components = append(out.Components, c)
		}
	}
	l.mu.Lock()
	out.Notes = append(out.Notes, l.notes...)
	l.mu.Unlock()
	sort.SliceStable(out.Notes, func(i, j int) bool {
		if out.Notes[i].File != out.Notes[j].File {
			return out.Notes[i].File < out.Notes[j].File
		}
		return out.Notes[i].Line < out.Notes[j].Line
	})
	return out
}

// module returns the parsed module in dir, parsing it on first use. Parse
// errors are reported once for the scan, not once per caller.
func (l *loader) module(dir string) *module {
	l.mu.Lock()
	e := l.modules[dir]
	if e == nil {
		e = &moduleEntry{}
		l.modules[dir] = e
	}
	l.mu.Unlock()
	e.once.Do(func() {
		e.mod = parseModule(dir)
		l.mu.Lock()
		l.notes = append(l.notes, e.mod.notes...)
		l.mu.Unlock()
	})
	return e.mod
}

func (l *loader) functions(dir string) map[string]function.Function {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.funcs[dir]
	if f == nil {
		f = functions(dir)
		l.funcs[dir] = f
	}
	return f
}

// componentLoader evaluates one root module and everything it calls.
type componentLoader struct {
	l       *loader
	comp    *infra.Component
	rootDir string
	// downloaded maps module keys ("vpc", "vpc.subnets") to directories
	// from .terraform/modules/modules.json, written by terraform init.
	downloaded map[string]string
}

func (l *loader) component(dir string, m *module) (comp *infra.Component) {
	comp = &infra.Component{Name: dir, Path: dir, Kind: ComponentKind}
	c := &componentLoader{l: l, comp: comp, rootDir: dir, downloaded: readModulesJSON(dir)}
	defer func() {
		if p := recover(); p != nil {
			comp.Notes = append(comp.Notes, infra.Note{Kind: infra.NoteError, File: dir,
				Message: fmt.Sprintf("internal error while evaluating this module: %v; please report it", p)})
		}
	}()
	s := newScope(c, m, "", "", 0, c.rootVars(m))
	s.run()
	sort.SliceStable(comp.Resources, func(i, j int) bool { return comp.Resources[i].Address < comp.Resources[j].Address })
	return comp
}

func (c *componentLoader) emit(r *infra.Resource) { c.comp.Resources = append(c.comp.Resources, r) }

func (c *componentLoader) note(kind string, r hcl.Range, msg string) {
	c.comp.Notes = append(c.comp.Notes, infra.Note{Kind: kind, File: r.Filename, Line: r.Start.Line, Message: msg})
}

// addNotes is a hook for module-level notes; parse errors are already
// reported once by the loader, so nothing is repeated per component.
func (c *componentLoader) addNotes(*module) {}

// resolveModule finds the directory of a module call, or says why it cannot.
func (c *componentLoader) resolveModule(callerDir, source, key string) (dir, why string) {
	if source == "" {
		return "", "its source is not a literal string"
	}
	if isLocalSource(source) {
		d := filepath.Clean(filepath.Join(callerDir, source))
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			return "", fmt.Sprintf("source %q: directory %s not found", source, d)
		}
		return d, ""
	}
	if d, ok := c.downloaded[key]; ok {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d, ""
		}
	}
	return "", fmt.Sprintf("source %q is not on disk; run terraform init so .terraform/modules holds it, or scan a plan", source)
}

func readModulesJSON(root string) map[string]string {
	data, err := os.ReadFile(filepath.Join(root, ".terraform", "modules", "modules.json"))
	if err != nil {
		return nil
	}
	var mj struct {
		Modules []struct{ Key, Dir string }
	}
	if json.Unmarshal(data, &mj) != nil {
		return nil
	}
	out := map[string]string{}
	for _, m := range mj.Modules {
		if m.Key != "" {
			out[m.Key] = filepath.Join(root, filepath.FromSlash(m.Dir))
		}
	}
	return out
}

// variable is a declared input variable.
type variable struct {
	name     string
	typ      cty.Type
	defaults *typeexpr.Defaults
	def      cty.Value // NilVal when there is no default
	rng      hcl.Range
}

func (m *module) variableDefs() []variable {
	out := make([]variable, 0, len(m.variables))
	for _, b := range m.variables {
		v := variable{name: b.Labels[0], typ: cty.DynamicPseudoType, rng: b.DefRange()}
		if a := b.Body.Attributes["type"]; a != nil {
			if t, d, diags := typeexpr.TypeConstraintWithDefaults(a.Expr); !diags.HasErrors() {
				v.typ, v.defaults = t, d
			}
		}
		if a := b.Body.Attributes["default"]; a != nil {
			if d, diags := a.Expr.Value(nil); !diags.HasErrors() {
				v.def = d
			}
		}
		out = append(out, v)
	}
	return out
}

// convertVar applies a variable's type constraint (and optional attribute
// defaults), keeping the value's marks.
func convertVar(v variable, val cty.Value) (cty.Value, error) {
	plain, pvm := val.UnmarkDeepWithPaths()
	if v.defaults != nil {
		plain = v.defaults.Apply(plain)
	}
	out, err := convert.Convert(plain, v.typ)
	if err != nil {
		return cty.DynamicVal, err
	}
	return out.MarkWithPaths(pvm), nil
}

// rootVars resolves the root module's variables with Terraform's precedence:
// default < TF_VAR_ environment < terraform.tfvars < terraform.tfvars.json <
// *.auto.tfvars(.json) in name order < --var-file and --var in order.
func (c *componentLoader) rootVars(m *module) cty.Value {
	defs := m.variableDefs()
	declared := map[string]bool{}
	for _, d := range defs {
		declared[d.name] = true
	}
	var assigns []assignment
	for _, kv := range c.l.opt.Env {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, "TF_VAR_") {
			assigns = append(assigns, assignment{name: strings.TrimPrefix(k, "TF_VAR_"), raw: v})
		}
	}
	for _, f := range autoVarFiles(m.dir) {
		as, notes := readVarFile(f)
		assigns = append(assigns, as...)
		c.comp.Notes = append(c.comp.Notes, notes...)
	}
	assigns = append(assigns, c.l.overrides...)

	values := map[string]cty.Value{}
	for _, d := range defs {
		if d.def != cty.NilVal {
			values[d.name] = d.def
		}
	}
	for _, a := range assigns {
		if !declared[a.name] {
			continue
		}
		values[a.name] = a.value(defType(defs, a.name))
	}
	out := map[string]cty.Value{}
	for _, d := range defs {
		v, ok := values[d.name]
		if !ok {
			out[d.name] = cty.UnknownVal(d.typ).Mark(causeMark{fmt.Sprintf("var.%s has no value; pass it with --var %s=… or --var-file", d.name, d.name)})
			continue
		}
		cv, err := convertVar(d, v)
		if err != nil {
			c.note(infra.NoteError, d.rng, fmt.Sprintf("var.%s: the value given does not match its type: %v", d.name, err))
			cv = markedUnknown(fmt.Sprintf("var.%s has a value of the wrong type", d.name))
		}
		out[d.name] = cv
	}
	return cty.ObjectVal(out)
}

// childVars binds a module call's inputs to the child's variables.
func (c *componentLoader) childVars(child *module, inputs map[string]cty.Value, prefix string) cty.Value {
	out := map[string]cty.Value{}
	for _, d := range child.variableDefs() {
		v, ok := inputs[d.name]
		if !ok || (v.IsKnown() && v.IsNull() && d.def != cty.NilVal) {
			if d.def == cty.NilVal {
				out[d.name] = cty.UnknownVal(d.typ).Mark(causeMark{fmt.Sprintf("var.%s of %s has no value", d.name, strings.TrimSuffix(prefix, "."))})
				continue
			}
			v = d.def
		}
		cv, err := convertVar(d, v)
		if err != nil {
			cv = markedUnknown(fmt.Sprintf("var.%s of %s: %v", d.name, strings.TrimSuffix(prefix, "."), err))
		}
		out[d.name] = cv
	}
	return cty.ObjectVal(out)
}

func defType(defs []variable, name string) cty.Type {
	for _, d := range defs {
		if d.name == name {
			return d.typ
		}
	}
	return cty.DynamicPseudoType
}

// value turns an assignment into a value. Raw strings (environment, --var)
// are taken literally for primitive types and parsed as HCL otherwise, as
// Terraform does.
func (a assignment) value(t cty.Type) cty.Value {
	if a.expr != nil {
		v, diags := a.expr.Value(nil)
		if diags.HasErrors() {
			return markedUnknown(fmt.Sprintf("var.%s: %s", a.name, firstError(diags)))
		}
		return v
	}
	if t.IsPrimitiveType() || t == cty.DynamicPseudoType && !looksLikeHCL(a.raw) {
		return cty.StringVal(a.raw)
	}
	expr, diags := hclsyntax.ParseExpression([]byte(a.raw), "--var "+a.name, hcl.InitialPos)
	if diags.HasErrors() {
		return cty.StringVal(a.raw)
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() {
		return cty.StringVal(a.raw)
	}
	return v
}

func looksLikeHCL(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "[") || strings.HasPrefix(s, "{")
}

// autoVarFiles lists the variable files Terraform loads by itself, in its order.
func autoVarFiles(dir string) []string {
	var files []string
	for _, n := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			files = append(files, filepath.Join(dir, n))
		}
	}
	entries, _ := os.ReadDir(dir)
	var auto []string
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && (strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json")) {
			auto = append(auto, filepath.Join(dir, n))
		}
	}
	sort.Strings(auto)
	return append(files, auto...)
}

// readVarFile parses a .tfvars (HCL) or .tfvars.json file.
func readVarFile(path string) ([]assignment, []infra.Note) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, []infra.Note{{Kind: infra.NoteError, File: path, Message: fmt.Sprintf("cannot read variable file: %v", err)}}
	}
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(path, ".json") {
		f, diags = hcljson.Parse(src, path)
	} else {
		f, diags = hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	}
	var notes []infra.Note
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			n := infra.Note{Kind: infra.NoteError, File: path, Message: diagText(d)}
			if d.Subject != nil {
				n.Line = d.Subject.Start.Line
			}
			notes = append(notes, n)
		}
	}
	if f == nil || f.Body == nil {
		return nil, notes
	}
	attrs, diags := f.Body.JustAttributes()
	for _, d := range diags {
		if d.Severity == hcl.DiagError && len(notes) == 0 {
			notes = append(notes, infra.Note{Kind: infra.NoteError, File: path, Message: diagText(d)})
		}
	}
	out := make([]assignment, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, assignment{name: a.Name, expr: a.Expr, rng: a.Range})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rng.Start.Byte < out[j].rng.Start.Byte })
	return out, notes
}

func absPath(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	return a
}

// parallel runs f(0..n-1) on GOMAXPROCS workers.
func parallel(n int, f func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
