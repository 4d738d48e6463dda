package terraform

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
)

// module is the parsed configuration of one directory of .tf files. It is
// immutable once parsed, so several callers (and components) share it.
type module struct {
	dir   string
	files map[string][]byte // file name → source, for expression text in unknowns

	variables []*hclsyntax.Block
	vars      []variable // declared variables with their types, parsed once
	locals    []*hclsyntax.Attribute
	resources []*hclsyntax.Block // resource and data blocks
	calls     []*hclsyntax.Block
	outputs   []*hclsyntax.Block
	settings  []*hclsyntax.Block // terraform blocks
	providers []*hclsyntax.Block

	// attrNames maps "type.name" of a resource (or "data.type.name") to the
	// attribute names the module reads from it, so its value in expressions
	// has those attributes even when they are not written (they are unknown).
	attrNames map[string]map[string]bool
	// nestedNames are attribute names read from inside a resource's
	// nested blocks (aws_eks_cluster.x.vpc_config[0].cluster_security_group_id).
	nestedNames map[string]map[string]bool
	// splatNames are attribute names read through splats and for expressions,
	// where the resource they belong to is not visible syntactically.
	splatNames map[string]bool

	notes []infra.Note
	// providerFuncs are provider-defined functions the module calls
	// (provider::aws::arn_parse): only the provider can run them.
	providerFuncs []string
	// lineMaps map the lines of .tf.json files, translated to native
	// syntax, back to their JSON lines.
	lineMaps map[string][]int
	refs     map[*hclsyntax.Body][]hcl.Traversal // references of each top-level block
}

func newModule(dir string) *module {
	return &module{dir: dir, files: map[string][]byte{}, attrNames: map[string]map[string]bool{}, nestedNames: map[string]map[string]bool{}, splatNames: map[string]bool{}, refs: map[*hclsyntax.Body][]hcl.Traversal{}, lineMaps: map[string][]int{}}
}

// parseModule reads every .tf file of dir. Files that cannot be read or parsed
// become error notes; what parsed is still used.
func parseModule(dir string, tree *confine.Tree) *module {
	m := newModule(dir)
	entries, err := tree.ReadDir(dir)
	if err != nil {
		m.notes = append(m.notes, infra.Note{Kind: infra.NoteError, File: dir, Message: fmt.Sprintf("cannot read directory: %v", err)})
		return m
	}
	var names, overrides []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() {
			continue
		}
		if !strings.HasSuffix(n, ".tf") && !strings.HasSuffix(n, ".tf.json") {
			continue
		}
		base := strings.TrimSuffix(strings.TrimSuffix(n, ".json"), ".tf")
		if base == "override" || strings.HasSuffix(base, "_override") {
			overrides = append(overrides, n)
			continue
		}
		names = append(names, n)
	}
	sort.Strings(names)
	parsed := make([]*parsedFile, len(names))
	parallel(len(names), func(i int) { parsed[i] = parseFile(tree, filepath.Join(dir, names[i])) })
	for _, pf := range parsed {
		m.add(pf)
	}
	sort.Strings(overrides)
	for _, n := range overrides {
		m.override(tree, filepath.Join(dir, n))
	}
	m.vars = m.variableDefs()
	m.checkReferences()
	return m
}

// parsedFile is one file read and parsed but not yet added to its module:
// the files of a module are parsed in parallel (a root module of 40,000
// resources holds hundreds of files), then added in name order.
type parsedFile struct {
	path  string
	src   []byte
	lines []int       // for .tf.json: the JSON line of each translated line
	note  *infra.Note // the file could not be read or translated
	deep  int         // the line where nesting is too deep, or 0
	text  bool        // false: NUL bytes or invalid UTF-8, not parsed
	body  *hclsyntax.Body
	diags hcl.Diagnostics
}

// parseFile reads and parses one file. It touches no module, so it may run
// on many files at once.
func parseFile(tree *confine.Tree, path string) (pf *parsedFile) {
	pf = &parsedFile{path: path}
	defer func() {
		// It may run on a goroutine of its own: a panic in the parser
		// must not end the process.
		if p := recover(); p != nil {
			pf = &parsedFile{path: path, note: &infra.Note{Kind: infra.NoteError, File: path,
				Message: fmt.Sprintf("internal error while parsing this file: %v; it is not graded; please report it", p)}}
		}
	}()
	src, err := tree.ReadSource(path)
	if err != nil {
		pf.note = &infra.Note{Kind: infra.NoteError, File: path, Message: fmt.Sprintf("cannot read file: %v", err)}
		return pf
	}
	if strings.HasSuffix(path, ".tf.json") {
		// Translated to native syntax; positions are mapped back to the JSON lines.
		if src, pf.lines, err = jsonToHCL(src); err != nil {
			pf.note = &infra.Note{Kind: infra.NoteError, File: path, Line: 1, Message: fmt.Sprintf("invalid Terraform JSON configuration: %v", err)}
			if je, ok := errors.AsType[*jsonError](err); ok {
				pf.note.Line = je.line
			}
			return pf
		}
	}
	pf.parse(src)
	return pf
}

// parse parses src, unless it is nested too deep for the parser's stack or
// is not text.
func (pf *parsedFile) parse(src []byte) {
	pf.src = src
	if pf.deep = tooDeep(src); pf.deep > 0 {
		return
	}
	// A binary file with a .tf name would give a parse error for nearly
	// every byte.
	if pf.text = bytes.IndexByte(src, 0) < 0 && utf8.Valid(src); !pf.text {
		return
	}
	pf.body, pf.diags = parseConfig(src, pf.path)
}

// pos converts a source range to a position, mapping lines of translated
// JSON configuration back to the JSON file (columns are then unknown).
// loc is the location of a source range, in its file.
func (m *module) loc(r hcl.Range) infra.Location {
	return infra.Location{File: r.Filename, Pos: m.pos(r)}
}

func (m *module) pos(r hcl.Range) infra.Pos {
	lines, ok := m.lineMaps[r.Filename]
	if !ok {
		return pos(r)
	}
	at := func(l int) int32 {
		if l >= 1 && l <= len(lines) {
			return int32(lines[l-1])
		}
		return 0
	}
	return infra.Pos{Line: at(r.Start.Line), EndLine: at(r.End.Line)}
}

// parseSource parses src as the file path and adds it to the module.
func (m *module) parseSource(path string, src []byte) {
	pf := &parsedFile{path: path}
	pf.parse(src)
	m.add(pf)
}

// add adds a parsed file to the module: its blocks, and notes for what
// could not be read or parsed.
func (m *module) add(pf *parsedFile) {
	path := pf.path
	if pf.note != nil {
		m.notes = append(m.notes, *pf.note)
		return
	}
	if pf.lines != nil {
		m.lineMaps[path] = pf.lines
	}
	m.files[path] = pf.src
	if pf.deep > 0 {
		m.notes = append(m.notes, depthNote(path, int(m.pos(hcl.Range{Filename: path, Start: hcl.Pos{Line: pf.deep}}).Line)))
		return
	}
	if !pf.text {
		m.notes = append(m.notes, infra.Note{Kind: infra.NoteError, File: path, Line: 1,
			Message: "not a text file (it holds NUL bytes or invalid UTF-8), so it is not parsed"})
		return
	}
	for _, d := range pf.diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		n := infra.Note{Kind: infra.NoteError, File: path, Message: diagText(d)}
		if d.Subject != nil {
			p := m.pos(*d.Subject)
			n.Line, n.Col = int(p.Line), int(p.Col)
		}
		m.notes = append(m.notes, n)
	}
	body := pf.body
	if body == nil {
		return
	}
	for _, b := range body.Blocks {
		switch b.Type {
		case "variable":
			if len(b.Labels) == 1 {
				m.variables = append(m.variables, b)
			}
		case "locals":
			m.locals = append(m.locals, sortedAttrs(b.Body)...)
		case "resource", "data":
			if len(b.Labels) == 2 {
				m.resources = append(m.resources, b)
			}
		case "module":
			if len(b.Labels) == 1 {
				m.calls = append(m.calls, b)
			}
		case "output":
			if len(b.Labels) == 1 {
				m.outputs = append(m.outputs, b)
			}
		case "terraform":
			m.settings = append(m.settings, b)
		case "provider":
			if len(b.Labels) == 1 {
				m.providers = append(m.providers, b)
			}
		}
	}
	for _, b := range body.Blocks {
		if b.Type != "check" { // a check block's scoped data sources are its own
			m.index(b)
		}
	}
}

// checkReferences notes references to variables, locals, modules and data
// sources the module does not declare: Terraform rejects such a
// configuration, so the user should know that it is graded as it stands.
// Real repositories hold such directories on purpose (templates, files
// copied in at build time), so it is a coverage note, not an input error.
func (m *module) checkReferences() {
	declared := map[string]bool{}
	for _, b := range m.variables {
		declared["var."+b.Labels[0]] = true
	}
	for _, a := range m.locals {
		declared["local."+a.Name] = true
	}
	for _, b := range m.calls {
		declared["module."+b.Labels[0]] = true
	}
	for _, b := range m.resources {
		if b.Type == "data" {
			declared["data."+b.Labels[0]+"."+b.Labels[1]] = true
		}
	}
	reported := map[string]bool{}
	var bodies []*hclsyntax.Body
	for b := range m.refs {
		bodies = append(bodies, b)
	}
	sort.Slice(bodies, func(i, j int) bool {
		a, b := bodies[i].SrcRange, bodies[j].SrcRange
		return a.Filename < b.Filename || a.Filename == b.Filename && a.Start.Byte < b.Start.Byte
	})
	for _, b := range bodies {
		for _, t := range m.refs[b] {
			k := depKey(t)
			switch t.RootName() {
			case "var":
				if len(t) > 1 {
					if a, ok := t[1].(hcl.TraverseAttr); ok {
						k = "var." + a.Name
					}
				}
			case "local", "module", "data":
			default:
				continue
			}
			if k == "" || declared[k] || reported[k] {
				continue
			}
			reported[k] = true
			r := t.SourceRange()
			m.notes = append(m.notes, infra.Note{Kind: infra.NoteCoverage, File: r.Filename, Line: int(m.pos(r).Line),
				Message: fmt.Sprintf("reference to undeclared %s: Terraform rejects this configuration as it is (a template, or files added at build time?); what depends on it is unknown", k)})
		}
	}
}

// index walks a top-level block once, recording its references (for
// dependency order and evaluation contexts) and which attributes of
// resources the module reads. After parsing, a module is read-only and can
// be shared.
func (m *module) index(b *hclsyntax.Block) {
	var refs []hcl.Traversal
	hclsyntax.VisitAll(b.Body, func(n hclsyntax.Node) hcl.Diagnostics {
		switch e := n.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			refs = append(refs, e.Traversal)
			m.noteTraversal(e.Traversal)
		case *hclsyntax.RelativeTraversalExpr:
			for _, t := range e.Traversal {
				if a, ok := t.(hcl.TraverseAttr); ok {
					m.splatNames[a.Name] = true
				}
			}
		case *hclsyntax.FunctionCallExpr:
			if strings.HasPrefix(e.Name, "provider::") {
				m.providerFuncs = append(m.providerFuncs, e.Name)
			}
		}
		return nil
	})
	m.refs[b.Body] = refs
}

// override merges an override file (override.tf, *_override.tf) into the
// module as Terraform does: a block overrides the block of the same type
// and labels; its arguments replace the original's, and its nested blocks
// replace every original nested block of their type. Locals override by
// name; terraform blocks merge, the override's settings winning.
func (m *module) override(tree *confine.Tree, path string) {
	o := newModule(m.dir)
	o.add(parseFile(tree, path))
	for name, src := range o.files {
		m.files[name] = src
	}
	for name, lines := range o.lineMaps {
		m.lineMaps[name] = lines
	}
	m.notes = append(m.notes, o.notes...)
	merge := func(orig, over []*hclsyntax.Block) {
		for _, ob := range over {
			b := findBlock(orig, ob)
			if b == nil {
				m.notes = append(m.notes, infra.Note{Kind: infra.NoteError, File: path, Line: ob.DefRange().Start.Line,
					Message: fmt.Sprintf("override of %s %s has no original block to override (Terraform rejects this)", ob.Type, strings.Join(ob.Labels, "."))})
				continue
			}
			mergeBody(b.Body, ob.Body)
			m.index(b)
		}
	}
	merge(m.resources, o.resources)
	merge(m.variables, o.variables)
	merge(m.outputs, o.outputs)
	merge(m.calls, o.calls)
	merge(m.providers, o.providers)
	for _, ol := range o.locals {
		for i, l := range m.locals {
			if l.Name == ol.Name {
				m.locals[i] = ol
			}
		}
	}
	for _, b := range o.settings {
		m.settings = append(m.settings, b)
		m.index(b)
	}
}

func findBlock(bs []*hclsyntax.Block, want *hclsyntax.Block) *hclsyntax.Block {
	key := blockKey(want)
	for _, b := range bs {
		if blockKey(b) == key {
			return b
		}
	}
	return nil
}

// blockKey identifies a top-level block: type and labels, plus the alias of
// a provider block.
func blockKey(b *hclsyntax.Block) string {
	k := b.Type + " " + strings.Join(b.Labels, " ")
	if b.Type == "provider" {
		k += " " + literalString(b.Body, "alias")
	}
	return k
}

func mergeBody(b, o *hclsyntax.Body) {
	for n, a := range o.Attributes {
		b.Attributes[n] = a
	}
	replaced := map[string]bool{}
	for _, ob := range o.Blocks {
		replaced[nestedType(ob)] = true
	}
	kept := make([]*hclsyntax.Block, 0, len(b.Blocks)+len(o.Blocks))
	for _, nb := range b.Blocks {
		if !replaced[nestedType(nb)] {
			kept = append(kept, nb)
		}
	}
	b.Blocks = append(kept, o.Blocks...)
}

// nestedType is a nested block's type; a dynamic block stands for its label.
func nestedType(b *hclsyntax.Block) string {
	if b.Type == "dynamic" && len(b.Labels) > 0 {
		return b.Labels[0]
	}
	return b.Type
}

// noteTraversal records which attribute a traversal reads from a resource or data source.
func (m *module) noteTraversal(t hcl.Traversal) {
	root := t.RootName()
	key, rest := "", hcl.Traversal(nil)
	switch root {
	case "var", "local", "module", "count", "each", "path", "terraform", "self":
		return
	case "data":
		if len(t) < 3 {
			return
		}
		typ, ok1 := t[1].(hcl.TraverseAttr)
		name, ok2 := t[2].(hcl.TraverseAttr)
		if !ok1 || !ok2 {
			return
		}
		key, rest = "data."+typ.Name+"."+name.Name, t[3:]
	default:
		if len(t) < 2 {
			return
		}
		name, ok := t[1].(hcl.TraverseAttr)
		if !ok {
			return
		}
		key, rest = root+"."+name.Name, t[2:]
	}
	if len(rest) > 0 {
		if _, ok := rest[0].(hcl.TraverseIndex); ok {
			rest = rest[1:]
		}
	}
	if len(rest) == 0 {
		return
	}
	if a, ok := rest[0].(hcl.TraverseAttr); ok {
		if m.attrNames[key] == nil {
			m.attrNames[key] = map[string]bool{}
		}
		m.attrNames[key][a.Name] = true
	}
	for _, t := range rest[1:] {
		if a, ok := t.(hcl.TraverseAttr); ok {
			if m.nestedNames[key] == nil {
				m.nestedNames[key] = map[string]bool{}
			}
			m.nestedNames[key][a.Name] = true
		}
	}
}

// sortedAttrs returns a body's attributes in source order, which is the order
// people read them and keeps evaluation deterministic.
func sortedAttrs(b *hclsyntax.Body) []*hclsyntax.Attribute {
	out := make([]*hclsyntax.Attribute, 0, len(b.Attributes))
	for _, a := range b.Attributes {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SrcRange.Start.Byte < out[j].SrcRange.Start.Byte })
	return out
}

func diagText(d *hcl.Diagnostic) string {
	if d.Detail == "" {
		return d.Summary
	}
	return d.Summary + ": " + d.Detail
}

// isLocalSource reports a module source that is a path on disk.
func isLocalSource(s string) bool {
	return strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || s == "." || s == ".."
}

// parallel runs f(0) … f(n-1) on up to GOMAXPROCS goroutines.
func parallel(n int, f func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}
