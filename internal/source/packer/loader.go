package packer

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/hclguard"
	"github.com/prodgrade/prodgrade/internal/source/shell"
)

// loader builds one component.
type loader struct {
	ctx  context.Context
	tree *confine.Tree
	dir  string
	// src holds every file read, so unknown values can show the
	// expression as written.
	src       map[string][]byte
	resources []*infra.Resource
	refs      []shell.Ref
	notes     []infra.Note
	hcl       *hclState
	stopped   bool
}

func newLoader(ctx context.Context, tree *confine.Tree, dir string) *loader {
	if ctx == nil {
		ctx = context.Background()
	}
	return &loader{ctx: ctx, tree: tree, dir: dir, src: map[string][]byte{}}
}

func (l *loader) note(kind, file string, line int, msg string) {
	l.notes = append(l.notes, infra.Note{Kind: kind, File: file, Line: line, Message: msg})
}

// diagNotes turns hcl's errors into input-error notes at their lines.
func (l *loader) diagNotes(diags hcl.Diagnostics) {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		n := infra.Note{Kind: infra.NoteError, Message: d.Summary}
		if d.Detail != "" {
			n.Message += ": " + d.Detail
		}
		if d.Subject != nil {
			n.File, n.Line, n.Col = d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column
		}
		l.notes = append(l.notes, n)
	}
}

// finish makes the component. Resources are sorted by address so output
// is deterministic whatever the file order.
func (l *loader) finish(path string) (*infra.Component, []shell.Ref, []infra.Note) {
	sort.SliceStable(l.resources, func(i, j int) bool { return l.resources[i].Address < l.resources[j].Address })
	c := &infra.Component{
		Name: path, Path: path, Kind: ComponentKind, Tool: "Packer",
		Resources: l.resources, Notes: l.notes,
	}
	return c, l.refs, l.notes
}

// read reads a configuration file through the tree, noting why not.
func (l *loader) read(path string) ([]byte, bool) {
	b, err := l.tree.ReadSource(path)
	if err != nil {
		l.note(infra.NoteError, path, 0, fmt.Sprintf("cannot be read: %v", err))
		return nil, false
	}
	l.src[path] = b
	return b, true
}

// parse reads and parses one HCL or HCL JSON file, refusing one nested too
// deep for the parser's recursion before parsing it.
func (l *loader) parse(path string) (hcl.Body, bool) {
	src, ok := l.read(path)
	if !ok {
		return nil, false
	}
	isJSON := strings.HasSuffix(path, ".json")
	deep := 0
	if isJSON {
		deep = jsonTooDeep(src)
	} else {
		deep = hclguard.TooDeep(src)
	}
	if deep > 0 {
		l.notes = append(l.notes, hclguard.DepthNote(path, deep))
		return nil, false
	}
	var f *hcl.File
	var diags hcl.Diagnostics
	if isJSON {
		f, diags = hcljson.Parse(src, path)
	} else {
		f, diags = hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	}
	if diags.HasErrors() || f == nil {
		l.diagNotes(diags)
		return nil, false
	}
	return f.Body, true
}

// jsonTooDeep is hclguard.TooDeep for JSON, whose strings may hold
// anything (a "#" does not start a comment): the line where arrays and
// objects nest deeper than hclguard.MaxNesting, or 0.
func jsonTooDeep(src []byte) int {
	depth, line := 0, 1
	inStr := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\n' {
			line++
		}
		if inStr {
			switch c {
			case '\\':
				i++
			case '"':
				inStr = false
			}
			continue
		}
		switch c {
		case '"':
			inStr = true
		case '[', '{':
			if depth++; depth > hclguard.MaxNesting {
				return line
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return 0
}

// Template files, by name.
func isTemplateFile(name string) bool {
	return strings.HasSuffix(name, ".pkr.hcl") || strings.HasSuffix(name, ".pkr.json")
}

func isAutoVarFile(name string) bool {
	return strings.HasSuffix(name, ".auto.pkrvars.hcl") || strings.HasSuffix(name, ".auto.pkrvars.json")
}

// templateFiles splits the files of a template directory into template
// files and automatically loaded variable files, each in lexical order
// (the order Packer reads them in). With no files given, dir is listed.
func (l *loader) templateFiles(files []string) (tmpl, auto []string) {
	if len(files) == 0 {
		entries, err := l.tree.ReadDir(l.dir)
		if err != nil {
			l.note(infra.NoteError, l.dir, 0, fmt.Sprintf("cannot be listed: %v", err))
			return nil, nil
		}
		for _, e := range entries {
			if !e.IsDir() {
				files = append(files, filepath.Join(l.dir, e.Name()))
			}
		}
	}
	for _, f := range files {
		switch base := filepath.Base(f); {
		case isAutoVarFile(base):
			auto = append(auto, f)
		case isTemplateFile(base):
			tmpl = append(tmpl, f)
		}
	}
	byBase := func(s []string) {
		sort.SliceStable(s, func(i, j int) bool { return filepath.Base(s[i]) < filepath.Base(s[j]) })
	}
	byBase(tmpl)
	byBase(auto)
	return tmpl, auto
}

// text is the source text of a range, for unknown values' expressions.
func (l *loader) text(r hcl.Range) string {
	src := l.src[r.Filename]
	if r.Start.Byte < 0 || r.End.Byte > len(src) || r.Start.Byte > r.End.Byte {
		return ""
	}
	s := string(src[r.Start.Byte:r.End.Byte])
	const most = 200
	if len(s) > most {
		s = s[:most] + "…"
	}
	return s
}

func loc(r hcl.Range) infra.Location {
	return infra.Location{File: r.Filename, Pos: infra.Pos{
		Line: int32(r.Start.Line), Col: int32(r.Start.Column),
		EndLine: int32(r.End.Line), EndCol: int32(r.End.Column),
	}}
}

// cancelled reports a cancelled scan, noting it once.
func (l *loader) cancelled() bool {
	if l.stopped {
		return true
	}
	if err := l.ctx.Err(); err != nil {
		l.stopped = true
		l.note(infra.NoteCoverage, l.dir, 0, "loading stopped: "+err.Error())
		return true
	}
	return false
}
