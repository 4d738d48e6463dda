package terraform

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
	"github.com/prodgrade/prodgrade/internal/source/shell"
)

// ComponentKind says how Terraform components are chosen, for the report.
const ComponentKind = "terraform root module"

// loader holds what all components of one scan share: options, the
// variable values given on the command line, and the notes found so far.
type loader struct {
	opt     Options
	tree    *confine.Tree // every file read goes through it
	workers *source.Workers

	mu        sync.Mutex
	notes     []infra.Note
	noted     map[infra.Note]bool
	overrides []assignment // --var-file and --var values in order, applied to every root

	// shared holds modules called from several places in the scanned tree
	// (such as a repository's root module called by each of its examples):
	// they are parsed once. Every other module is parsed by the one component
	// that uses it and freed with it.
	shared map[string]*sharedModule
}

type sharedModule struct {
	once sync.Once
	mod  *module
}

// assignment is one variable value from a tfvars file, --var or the environment.
type assignment struct {
	name string
	expr hcl.Expression // nil for raw strings (TF_VAR_, --var)
	raw  string
	rng  hcl.Range
	// from is where a value given at run time came from (fromVarFlag,
	// fromVarFile, fromEnv); "" for variable files Terraform loads itself.
	from string
}

// Load loads the Terraform configuration in dirs (reading files inside
// them only) and returns every component at once, sorted by path: the
// simple form of the format's streaming Load, for tests and tools.
func Load(dirs []string, opt Options) *Loaded {
	var mu sync.Mutex
	out := &Loaded{}
	in := &source.Input{Tree: confine.New(dirs...), Workers: source.NewWorkers(0)}
	out.Notes = stream(context.Background(), dirs, opt, in, func(c *infra.Component) {
		mu.Lock()
		out.Components = append(out.Components, c)
		mu.Unlock()
	})
	sort.Slice(out.Components, func(i, j int) bool { return out.Components[i].Path < out.Components[j].Path })
	return out
}

// stream loads the Terraform configuration in dirs (directories holding .tf
// files). Each directory that no other scanned directory calls as a local
// module is a root module and becomes one component; the rest are loaded
// through their callers. Components are handed to emit as soon as each is
// evaluated, from several goroutines at once, so a caller that grades and
// drops them keeps memory bounded by the largest components, not the whole
// tree. It returns the notes about inputs that could not be read, sorted.
func stream(ctx context.Context, dirs []string, opt Options, in *source.Input, emit func(*infra.Component)) []infra.Note {
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
	l := newLoader(opt, in)
	calls := make([][]string, len(clean))
	l.workers.Each(ctx, len(clean), func(i int) { calls[i] = l.localCalls(clean[i]) })
	called := map[string]int{}
	for i, d := range clean {
		for _, src := range calls[i] {
			called[absPath(filepath.Join(d, src))]++
		}
	}
	var roots []string
	for _, d := range clean {
		if called[absPath(d)] == 0 {
			roots = append(roots, d)
		}
	}
	roots = append(roots, l.cycleRoots(clean, calls, roots)...)
	for dir, n := range called {
		if n > 1 {
			l.shared[dir] = &sharedModule{}
		}
	}
	l.workers.Each(ctx, len(roots), func(i int) {
		cctx, cancel := in.Limits.Context(ctx)
		defer cancel()
		c := l.newComponent(cctx, roots[i])
		emit(c.evaluate(c.module(roots[i])))
	})
	return l.sortedNotes()
}

// cycleRoots finds the directories no root module reaches: local modules
// that call each other (or themselves) with no caller outside the cycle.
// Without a root they would be dropped in silence and a CI gate would pass
// on nothing, so the first of each such group (in path order) is graded as
// a root, with a note naming the cycle.
func (l *loader) cycleRoots(clean []string, calls [][]string, roots []string) []string {
	index := make(map[string]int, len(clean))
	for i, d := range clean {
		index[absPath(d)] = i
	}
	reached := make([]bool, len(clean))
	var visit func(i int)
	visit = func(i int) {
		if reached[i] {
			return
		}
		reached[i] = true
		for _, src := range calls[i] {
			if j, ok := index[absPath(filepath.Join(clean[i], src))]; ok {
				visit(j)
			}
		}
	}
	for _, r := range roots {
		visit(index[absPath(r)])
	}
	var out []string
	for i, d := range clean {
		if reached[i] {
			continue
		}
		out = append(out, d)
		visit(i)
		l.addNotes([]infra.Note{{Kind: infra.NoteCoverage, File: d,
			Message: "no root module calls this directory, only a cycle of local module calls that leads back to it; it is graded as a root module"}})
	}
	return out
}

// mayCallModules reports whether src may declare a module block: a line
// starting with the word module followed by a label. Finding the root modules
// then needs only those files parsed; a match in a comment or a heredoc only
// costs a parse.
func mayCallModules(src []byte) bool {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("module"))
		if j < 0 {
			return false
		}
		at := i + j
		i = at + len("module")
		k := at
		for k > 0 && (src[k-1] == ' ' || src[k-1] == '\t') {
			k--
		}
		if k > 0 && src[k-1] != '\n' {
			continue
		}
		rest := src[i:]
		n := 0
		for n < len(rest) && (rest[n] == ' ' || rest[n] == '\t') {
			n++
		}
		if n > 0 && n < len(rest) && (rest[n] == '"' || rest[n] == '_' || unicode.IsLetter(rune(rest[n]))) {
			return true
		}
	}
}

// localCalls returns the local module sources called from the .tf files of dir.
func (l *loader) localCalls(dir string) []string {
	entries, err := l.tree.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") && !strings.HasSuffix(e.Name(), ".tf.json") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		src, err := l.tree.ReadSource(path)
		if err != nil || !mayCallModules(src) && !bytes.Contains(src, []byte(`"module"`)) {
			continue
		}
		if strings.HasSuffix(path, ".tf.json") {
			if src, _, err = jsonToHCL(src); err != nil {
				continue
			}
		}
		if tooDeep(src) > 0 {
			continue // reported when the module is parsed
		}
		body, _ := parseConfig(src, path)
		if body == nil {
			continue
		}
		for _, b := range body.Blocks {
			if b.Type == "module" {
				if s := literalString(b.Body, "source"); isLocalSource(s) {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// newLoader makes the loader for one scan.
func newLoader(opt Options, in *source.Input) *loader {
	l := &loader{opt: opt, tree: in.Tree, workers: in.Workers, noted: map[infra.Note]bool{}, shared: map[string]*sharedModule{}}
	for _, v := range opt.Vars {
		if v.File != "" {
			// The user's own file: read wherever it is, but its values are
			// hidden, as the code could route a secret it holds into a message.
			src, err := os.ReadFile(v.File)
			if err != nil {
				l.addNotes([]infra.Note{{Kind: infra.NoteError, File: v.File, Message: fmt.Sprintf("cannot read variable file: %v", err)}})
				continue
			}
			as, notes := parseVarFile(v.File, src, fromVarFile)
			l.overrides = append(l.overrides, as...)
			l.addNotes(notes)
			continue
		}
		name, val, ok := strings.Cut(v.Assign, "=")
		if !ok || strings.TrimSpace(name) == "" {
			l.addNotes([]infra.Note{{Kind: infra.NoteError, Message: fmt.Sprintf("--var %q: write it as name=value", v.Assign)}})
			continue
		}
		l.overrides = append(l.overrides, assignment{name: strings.TrimSpace(name), raw: val, from: fromVarFlag})
	}
	return l
}

// addNotes records notes about inputs once per scan, however many
// components read the same file.
func (l *loader) addNotes(ns []infra.Note) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, n := range ns {
		if !l.noted[n] {
			l.noted[n] = true
			l.notes = append(l.notes, n)
		}
	}
}

func (l *loader) sortedNotes() []infra.Note {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := slices.Clone(l.notes)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}

// componentLoader evaluates one root module and everything it calls. Its
// parsed modules live only as long as the component is being evaluated.
type componentLoader struct {
	// ctx ends when the scan is cancelled or the component's time is up;
	// evaluation then stops, and what was evaluated is still graded.
	ctx     context.Context
	limit   time.Duration
	l       *loader
	comp    *infra.Component
	rootDir string
	// downloaded maps module keys ("vpc", "vpc.subnets") to directories
	// from .terraform/modules/modules.json, written by terraform init.
	downloaded map[string]string
	modules    map[string]*module
	// instances counts the instances expanded so far, up to maxInstances
	// (see DefaultMaxInstances).
	instances    int64
	maxInstances int64
	stopNoted    bool
	budgetNoted  bool
	// fctx holds the functions, with file functions resolving paths
	// against the root module as Terraform does; every context descends from it.
	fctx *hcl.EvalContext
}

func (l *loader) newComponent(ctx context.Context, dir string) *componentLoader {
	limit := time.Duration(0)
	if d, ok := ctx.Deadline(); ok {
		limit = time.Until(d).Round(time.Second)
	}
	maxInst := l.opt.MaxInstances
	if maxInst <= 0 {
		maxInst = DefaultMaxInstances
	}
	return &componentLoader{
		ctx: ctx, limit: limit, maxInstances: maxInst,
		l: l, rootDir: dir, downloaded: l.readModulesJSON(dir),
		comp:    &infra.Component{Name: dir, Path: dir, Kind: ComponentKind, Tool: "Terraform"},
		modules: map[string]*module{}, fctx: dirFunctions(dir, l.tree),
	}
}

// module returns the parsed module in dir, parsing it on first use.
func (c *componentLoader) module(dir string) *module {
	m := c.modules[dir]
	if m != nil {
		return m
	}
	if sm := c.l.shared[absPath(dir)]; sm != nil {
		sm.once.Do(func() { sm.mod = parseModule(dir, c.l.tree) })
		m = sm.mod
	} else {
		m = parseModule(dir, c.l.tree)
	}
	c.modules[dir] = m
	c.l.addNotes(m.notes)
	for _, name := range m.providerFuncs {
		if _, ok := c.fctx.Functions[name]; !ok {
			c.fctx.Functions[name] = unknownFunc(name, cty.DynamicPseudoType)
		}
	}
	return m
}

// evaluate evaluates the root module m into the component.
func (c *componentLoader) evaluate(m *module) (out *infra.Component) {
	comp := c.comp
	defer func() {
		if p := recover(); p != nil {
			comp.Notes = append(comp.Notes, infra.Note{Kind: infra.NoteError, File: c.rootDir,
				Message: fmt.Sprintf("internal error while evaluating this module: %v; please report it", p)})
			out = comp // what was evaluated before is still graded
		}
	}()
	vars, locs := c.rootVars(m)
	s := newScope(c, m, "", "", 0, vars)
	s.inputLocs = locs
	s.run()
	comp.Resources = append(comp.Resources, shell.UserDataScripts(comp.Resources)...)
	sort.SliceStable(comp.Resources, func(i, j int) bool { return comp.Resources[i].Address < comp.Resources[j].Address })
	return comp
}

func (c *componentLoader) emit(r *infra.Resource) { c.comp.Resources = append(c.comp.Resources, r) }

// stopped reports that evaluation must stop, noting why once: the
// component's time limit, or the scan was cancelled.
func (c *componentLoader) stopped() bool {
	err := c.ctx.Err()
	if err == nil || c.stopNoted {
		return err != nil
	}
	c.stopNoted = true
	if errors.Is(err, context.DeadlineExceeded) {
		c.comp.Notes = append(c.comp.Notes, infra.Note{Kind: infra.NoteError, File: c.rootDir,
			Message: fmt.Sprintf("loading this module took longer than the %s limit and was stopped; what was evaluated before is graded, the rest is not", c.limit)})
	}
	return true
}

// resolveModule finds the directory of a module call, or says why it cannot.
func (c *componentLoader) resolveModule(callerDir, source, key string) (dir, why string) {
	if source == "" {
		return "", "its source is not a literal string"
	}
	if isLocalSource(source) {
		d := filepath.Clean(filepath.Join(callerDir, source))
		st, err := c.l.tree.Stat(d)
		if confine.IsRefused(err) {
			return "", fmt.Sprintf("source %q: %v; scan a directory that holds it, or allow it with --allow-read", source, err)
		}
		if err != nil || !st.IsDir() {
			return "", fmt.Sprintf("source %q: directory %s not found", source, d)
		}
		return d, ""
	}
	if d, ok := c.downloaded[key]; ok {
		st, err := c.l.tree.Stat(d)
		if confine.IsRefused(err) {
			return "", fmt.Sprintf("source %q: .terraform/modules/modules.json places it at %v", source, err)
		}
		if err == nil && st.IsDir() {
			return d, ""
		}
	}
	return "", fmt.Sprintf("source %q is not on disk; run terraform init so .terraform/modules holds it, or scan a plan", source)
}

func (l *loader) readModulesJSON(root string) map[string]string {
	data, err := l.tree.ReadSource(filepath.Join(root, ".terraform", "modules", "modules.json"))
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
	// notNull is nullable = false: a null input takes the default. By
	// default (nullable = true) a caller's null stays null.
	notNull bool
	// typed: the block has a type argument (type = any counts).
	typed bool
	// sensitive = true: the value is never printed.
	sensitive bool
}

// mark marks the value of a sensitive variable.
func (v variable) mark(val cty.Value) cty.Value {
	if v.sensitive {
		return val.Mark(hiddenMark{fromSensitive})
	}
	return val
}

// variableDefs reads the variable blocks; parseModule calls it once.
func (m *module) variableDefs() []variable {
	out := make([]variable, 0, len(m.variables))
	for _, b := range m.variables {
		v := variable{name: b.Labels[0], typ: cty.DynamicPseudoType, rng: b.DefRange()}
		if a := b.Body.Attributes["type"]; a != nil {
			if t, d, diags := typeexpr.TypeConstraintWithDefaults(a.Expr); !diags.HasErrors() {
				v.typ, v.defaults, v.typed = t, d, true
			}
		}
		if a := b.Body.Attributes["default"]; a != nil {
			if d, diags := a.Expr.Value(nil); !diags.HasErrors() {
				v.def = d
			}
		}
		if a := b.Body.Attributes["sensitive"]; a != nil {
			if n, diags := a.Expr.Value(nil); !diags.HasErrors() && n.Type() == cty.Bool && n.IsKnown() && !n.IsNull() {
				v.sensitive = n.True()
			}
		}
		if a := b.Body.Attributes["nullable"]; a != nil {
			if n, diags := a.Expr.Value(nil); !diags.HasErrors() && n.Type() == cty.Bool && n.IsKnown() && !n.IsNull() {
				v.notNull = n.False()
			}
		}
		out = append(out, v)
	}
	return out
}

// convertVar applies a variable's type constraint (and optional attribute
// defaults), keeping the value's marks.
func convertVar(v variable, val cty.Value) (cty.Value, error) {
	plain, pvm := val, []cty.PathValueMarks(nil)
	if val.ContainsMarked() {
		plain, pvm = val.UnmarkDeepWithPaths()
	}
	if v.defaults != nil {
		plain = v.defaults.Apply(plain)
	}
	out, err := convert.Convert(plain, v.typ)
	if err != nil {
		return cty.DynamicVal, err
	}
	return remark(out, pvm), nil
}

// remark puts marks back on a converted value. Conversion can change the
// shape of a path (an object's attribute becomes a map's key), so each path
// is refitted to the new value step by step, and one that still does not
// fit puts its marks on the whole value: a reason or an edge is never lost,
// at worst attached less precisely.
func remark(v cty.Value, pvm []cty.PathValueMarks) cty.Value {
	var whole []cty.ValueMarks
	var fitting []cty.PathValueMarks
	for _, pm := range pvm {
		if p, ok := refit(v, pm.Path); ok {
			fitting = append(fitting, cty.PathValueMarks{Path: p, Marks: pm.Marks})
		} else {
			whole = append(whole, pm.Marks)
		}
	}
	return v.MarkWithPaths(fitting).WithMarks(whole...)
}

// refit rewrites a path's attribute and key steps to match the value's types.
func refit(v cty.Value, p cty.Path) (cty.Path, bool) {
	out := make(cty.Path, 0, len(p))
	cur := v
	for _, step := range p {
		if !cur.IsKnown() || cur.IsNull() {
			return nil, false
		}
		ty := cur.Type()
		switch st := step.(type) {
		case cty.GetAttrStep:
			if ty.IsMapType() {
				step = cty.IndexStep{Key: cty.StringVal(st.Name)}
			}
		case cty.IndexStep:
			if ty.IsObjectType() && st.Key.Type() == cty.String {
				step = cty.GetAttrStep{Name: st.Key.AsString()}
			}
		}
		next, err := step.Apply(cur)
		if err != nil {
			return nil, false
		}
		out = append(out, step)
		cur = next
	}
	return out, true
}

// rootVars resolves the root module's variables with Terraform's precedence:
// default < TF_VAR_ environment < terraform.tfvars < terraform.tfvars.json <
// *.auto.tfvars(.json) in name order < --var-file and --var in order.
func (c *componentLoader) rootVars(m *module) (cty.Value, map[string]infra.Location) {
	defs := m.vars
	declared := map[string]bool{}
	for _, d := range defs {
		declared[d.name] = true
	}
	var assigns []assignment
	for _, kv := range c.l.opt.Env {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, "TF_VAR_") {
			assigns = append(assigns, assignment{name: strings.TrimPrefix(k, "TF_VAR_"), raw: v, from: fromEnv})
		}
	}
	for _, f := range c.l.autoVarFiles(m.dir) {
		src, err := c.l.tree.ReadSource(f)
		if err != nil {
			c.l.addNotes([]infra.Note{{Kind: infra.NoteError, File: f, Message: fmt.Sprintf("cannot read variable file: %v", err)}})
			continue
		}
		as, notes := parseVarFile(f, src, "")
		assigns = append(assigns, as...)
		c.l.addNotes(notes)
	}
	assigns = append(assigns, c.l.overrides...)

	values := map[string]cty.Value{}
	for _, d := range defs {
		if d.def != cty.NilVal {
			values[d.name] = d.def
		}
	}
	// locs: where a value from a variable file was written, for findings
	// about it (values from the environment or --var have no line).
	locs := map[string]infra.Location{}
	for _, a := range assigns {
		if !declared[a.name] {
			continue
		}
		values[a.name] = a.value(defOf(defs, a.name))
		if a.from != "" {
			values[a.name] = values[a.name].Mark(hiddenMark{a.from})
		}
		if a.expr != nil {
			r := a.expr.Range()
			locs[a.name] = infra.Location{File: r.Filename, Pos: pos(r)}
		} else {
			delete(locs, a.name)
		}
	}
	out := map[string]cty.Value{}
	for _, d := range defs {
		v, ok := values[d.name]
		if !ok {
			out[d.name] = cty.UnknownVal(d.typ).Mark(causeMark{fmt.Sprintf("var.%s has no value; pass it with --var %s=… or --var-file", d.name, d.name)})
			continue
		}
		if d.notNull && v.IsKnown() && v.IsNull() && d.def != cty.NilVal {
			v = d.def // nullable = false: null takes the default
		}
		cv, err := convertVar(d, v)
		if err != nil {
			c.comp.Notes = append(c.comp.Notes, infra.Note{Kind: infra.NoteError, File: d.rng.Filename, Line: int(m.pos(d.rng).Line),
				Message: fmt.Sprintf("var.%s: the value given does not match its type: %v", d.name, err)})
			cv = markedUnknown(fmt.Sprintf("var.%s has a value of the wrong type", d.name))
		}
		out[d.name] = d.mark(cv)
	}
	return cty.ObjectVal(out), locs
}

// childVars binds a module call's inputs to the child's variables.
func (c *componentLoader) childVars(child *module, inputs map[string]cty.Value, prefix string) cty.Value {
	out := map[string]cty.Value{}
	for _, d := range child.vars {
		v, ok := inputs[d.name]
		if !ok || (d.notNull && v.IsKnown() && v.IsNull() && d.def != cty.NilVal) {
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
		out[d.name] = d.mark(cv)
	}
	return cty.ObjectVal(out)
}

func defOf(defs []variable, name string) variable {
	for _, d := range defs {
		if d.name == name {
			return d
		}
	}
	return variable{typ: cty.DynamicPseudoType}
}

// value turns an assignment into a value. Raw strings (environment, --var)
// are taken literally for variables without a type or with a primitive one,
// and parsed as HCL for the others, as Terraform does.
func (a assignment) value(d variable) cty.Value {
	if a.expr != nil {
		v, diags := a.expr.Value(nil)
		if diags.HasErrors() {
			return markedUnknown(fmt.Sprintf("var.%s: %s", a.name, firstError(diags)))
		}
		return v
	}
	if !d.typed || d.typ.IsPrimitiveType() {
		return cty.StringVal(a.raw)
	}
	if tooDeep([]byte(a.raw)) > 0 {
		return markedUnknown(fmt.Sprintf("var.%s: nested more than %d levels deep, so it is not parsed", a.name, maxNesting))
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

// autoVarFiles lists the variable files Terraform loads by itself, in its order.
func (l *loader) autoVarFiles(dir string) []string {
	var files []string
	for _, n := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		if _, err := l.tree.Stat(filepath.Join(dir, n)); !errors.Is(err, fs.ErrNotExist) {
			files = append(files, filepath.Join(dir, n))
		}
	}
	entries, _ := l.tree.ReadDir(dir)
	var auto []string
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && (strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json")) {
			auto = append(auto, filepath.Join(dir, n))
		}
	}
	sort.Strings(auto)
	return append(files, auto...)
}

// parseVarFile parses a .tfvars (HCL) or .tfvars.json file; from says
// where its values came from (see assignment).
func parseVarFile(path string, src []byte, from string) ([]assignment, []infra.Note) {
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(path, ".json") {
		f, diags = hcljson.Parse(src, path)
	} else {
		if line := tooDeep(src); line > 0 {
			return nil, []infra.Note{depthNote(path, line)}
		}
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
		out = append(out, assignment{name: a.Name, expr: a.Expr, rng: a.Range, from: from})
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

// budget is how many more instances the component may expand.
func (c *componentLoader) budget() int64 { return c.maxInstances - c.instances }
