package helm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/loader/archive"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	"helm.sh/helm/v4/pkg/ignore"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/yaml"
)

// maxChartSize bounds the bytes one chart, its dependencies included, may
// hold: Helm's own bound on an unpacked chart archive.
var maxChartSize = archive.MaxDecompressedChartSize

// maxDirDepth bounds how deep a chart's directories are read, so that a
// maze of directories (or of links the tree allows) ends.
const maxDirDepth = 64

// loaded is a chart read from the tree, with where each of its parts came
// from, so that what Helm reports about it can point at files.
type loaded struct {
	chart *chart.Chart
	// templates are the files of every template of the chart and of its
	// dependencies: a path on disk, or inside an archive "a.tgz!/templates/x.yaml".
	templates map[*common.File]string
	// chartFiles are the Chart.yaml files of the chart and its
	// dependencies, with their text when it was read from disk.
	chartFiles map[*chart.Chart]chartFile
}

type chartFile struct {
	path string
	data []byte // nil for a chart inside an archive
}

// chartReader reads one chart, with its dependencies, through the tree.
type chartReader struct {
	ctx    context.Context
	tree   *confine.Tree
	budget int64 // bytes the chart may still read
	notes  []infra.Note
	out    *loaded
}

func readChart(ctx context.Context, tree *confine.Tree, dir string) (*loaded, []infra.Note) {
	r := newChartReader(ctx, tree)
	c := r.dirChart(dir, false)
	if c == nil {
		return nil, r.notes
	}
	r.out.chart = c
	return r.out, r.notes
}

func newChartReader(ctx context.Context, tree *confine.Tree) *chartReader {
	return &chartReader{ctx: ctx, tree: tree, budget: maxChartSize,
		out: &loaded{templates: map[*common.File]string{}, chartFiles: map[*chart.Chart]chartFile{}}}
}

func (r *chartReader) note(kind, file string, line int, format string, args ...any) {
	r.notes = append(r.notes, infra.Note{Kind: kind, File: file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// dirChart loads the chart in dir and the dependencies vendored in its
// charts/ directory. A dependency that cannot be loaded is an error note
// and the chart is loaded without it; nil means the chart itself could not
// be loaded (the reason is noted). dep says the chart is a dependency.
func (r *chartReader) dirChart(dir string, dep bool) *chart.Chart {
	rules := ignore.Empty()
	ignoreFile := filepath.Join(dir, ignore.HelmIgnore)
	if data, err := r.tree.ReadSource(ignoreFile); err == nil {
		parsed, err := ignore.Parse(bytes.NewReader(data))
		if err != nil {
			r.note(infra.NoteError, ignoreFile, 0, "%v; fix the pattern (%s)", err, leftOut(dep))
			return nil
		}
		rules = parsed
	} else if !errors.Is(err, fs.ErrNotExist) {
		r.note(infra.NoteError, ignoreFile, 0, "cannot read: %v", err)
	}
	rules.AddDefaults()

	var files []*archive.BufferedFile
	var deps []string // entries of charts/, relative to dir
	visited := map[string]bool{}
	var walk func(rel string, depth int) bool
	walk = func(rel string, depth int) bool {
		full := filepath.Join(dir, filepath.FromSlash(rel))
		if real, err := r.tree.Resolve(full); err == nil {
			if visited[real] {
				return true // a link back to a directory already read
			}
			visited[real] = true
		}
		if depth > maxDirDepth {
			r.note(infra.NoteError, full, 0, "directories nest more than %d levels deep; what is deeper is not read", maxDirDepth)
			return true
		}
		entries, err := r.tree.ReadDir(full)
		if err != nil {
			r.note(infra.NoteError, full, 0, "cannot read directory: %v", err)
			return true
		}
		for _, e := range entries {
			if r.ctx.Err() != nil {
				return false
			}
			name := path.Join(rel, e.Name())
			p := filepath.Join(dir, filepath.FromSlash(name))
			if e.Name() == ".git" {
				continue // never read (confine refuses it too)
			}
			info, err := r.tree.Stat(p)
			if err != nil {
				r.note(infra.NoteError, p, 0, "chart file left out: %v", err)
				continue
			}
			if rules.Ignore(name, info) {
				continue
			}
			if info.IsDir() {
				if name == "charts" {
					deps = append(deps, r.depEntries(dir, rules)...)
					continue
				}
				if !walk(name, depth+1) {
					return false
				}
				continue
			}
			data, ok := r.read(p)
			if !ok {
				if r.budget < 0 {
					return false
				}
				continue
			}
			files = append(files, &archive.BufferedFile{Name: name, ModTime: info.ModTime(), Data: bytes.TrimPrefix(data, []byte("\ufeff"))})
		}
		return true
	}
	if !walk("", 0) || r.ctx.Err() != nil {
		return nil
	}
	return r.fromFiles(dir, files, deps, dep)
}

// leftOut says what becomes of a chart that cannot be loaded.
func leftOut(dep bool) string {
	if dep {
		return "the chart that depends on it is rendered without it"
	}
	return "the chart is not rendered"
}

// fromFiles loads the chart in dir from its files (those of charts/ left
// out) and adds the dependencies at deps, paths relative to dir.
func (r *chartReader) fromFiles(dir string, files []*archive.BufferedFile, deps []string, dep bool) *chart.Chart {
	var chartYAML []byte
	for _, f := range files {
		if f.Name == "Chart.yaml" {
			chartYAML = f.Data
		}
	}
	c, err := loader.LoadFiles(files)
	if err != nil {
		r.loadError(dir, files, err, dep)
		return nil
	}
	r.out.chartFiles[c] = chartFile{path: filepath.Join(dir, "Chart.yaml"), data: chartYAML}
	for _, t := range c.Templates {
		r.out.templates[t] = filepath.Join(dir, filepath.FromSlash(t.Name))
	}
	for _, rel := range deps {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		var sub *chart.Chart
		if strings.HasSuffix(rel, ".tgz") {
			sub = r.archiveChart(p)
		} else {
			sub = r.dirChart(p, true)
		}
		if r.budget < 0 || r.ctx.Err() != nil {
			return nil
		}
		if sub != nil {
			c.AddDependency(sub)
		}
	}
	return c
}

// depEntries lists the dependencies vendored in dir/charts, as Helm reads
// them: directories and .tgz archives, not those whose names start with
// "_" or ".".
func (r *chartReader) depEntries(dir string, rules *ignore.Rules) []string {
	charts := filepath.Join(dir, "charts")
	entries, err := r.tree.ReadDir(charts)
	if err != nil {
		r.note(infra.NoteError, charts, 0, "cannot read directory: %v", err)
		return nil
	}
	var out []string
	for _, e := range entries {
		if strings.IndexAny(e.Name(), "_.") == 0 {
			continue
		}
		name := "charts/" + e.Name()
		info, err := r.tree.Stat(filepath.Join(charts, e.Name()))
		if err != nil {
			r.note(infra.NoteError, filepath.Join(charts, e.Name()), 0, "dependency left out: %v", err)
			continue
		}
		if rules.Ignore(name, info) {
			continue
		}
		if info.IsDir() || strings.HasSuffix(e.Name(), ".tgz") {
			out = append(out, name)
		}
	}
	return out
}

// archiveChart loads a dependency packaged as a .tgz archive.
func (r *chartReader) archiveChart(p string) *chart.Chart {
	data, ok := r.read(p)
	if !ok {
		return nil
	}
	c, err := loader.LoadArchive(bytes.NewReader(data))
	if err != nil {
		r.note(infra.NoteError, p, 0, "dependency archive cannot be loaded: %v; %s", err, leftOut(true))
		return nil
	}
	var record func(c *chart.Chart, prefix string)
	record = func(c *chart.Chart, prefix string) {
		r.out.chartFiles[c] = chartFile{path: p + "!/" + prefix + "Chart.yaml"}
		for _, t := range c.Templates {
			r.out.templates[t] = p + "!/" + prefix + t.Name
		}
		for _, d := range c.Dependencies() {
			record(d, prefix+"charts/"+d.Name()+"/")
		}
	}
	record(c, "")
	return c
}

// read reads one file of a chart, counting it against the chart's budget.
func (r *chartReader) read(p string) ([]byte, bool) {
	data, err := r.tree.ReadSource(p)
	if err != nil {
		r.note(infra.NoteError, p, 0, "chart file left out: %v", err)
		return nil, false
	}
	r.budget -= int64(len(data))
	if r.budget < 0 {
		r.note(infra.NoteError, p, 0, "the chart holds more than the %s Helm allows; it is not rendered", confine.Size(maxChartSize))
		return nil, false
	}
	return data, true
}

// loadError notes why Helm could not load a chart: at the file it names,
// with the line of a YAML syntax error when the file does not parse.
func (r *chartReader) loadError(dir string, files []*archive.BufferedFile, err error, dep bool) {
	msg := err.Error()
	file := "Chart.yaml"
	if rest, ok := strings.CutPrefix(msg, "cannot load "); ok {
		if name, _, ok := strings.Cut(rest, ":"); ok {
			file = name
		}
	}
	line := 0
	for _, f := range files {
		if f.Name != file {
			continue
		}
		var ye *yaml.Error
		if _, perr := yaml.Parse(file, f.Data); errors.As(perr, &ye) {
			line, msg = ye.Line, "cannot load "+file+": "+ye.Msg
		}
	}
	r.note(infra.NoteError, filepath.Join(dir, filepath.FromSlash(file)), line, "%s; fix it (%s)", msg, leftOut(dep))
}
