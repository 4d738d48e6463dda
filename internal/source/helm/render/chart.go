package render

import (
	"bytes"
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

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/helm/wire"
	"github.com/prodgrade/prodgrade/internal/source/yaml"
)

// loaded is a chart with where each of its parts came from, so that what
// Helm reports about it can point at files. Paths are relative to the
// chart's directory.
type loaded struct {
	chart *chart.Chart
	// templates are the files of every template of the chart and of its
	// dependencies: a path, or inside an archive "a.tgz!/templates/x.yaml".
	templates map[*common.File]string
	// chartFiles are the Chart.yaml files of the chart and its
	// dependencies, with their text when it was not inside an archive.
	chartFiles map[*chart.Chart]chartFile
}

type chartFile struct {
	path string
	data []byte // nil for a chart inside an archive
}

// chartReader loads one chart, with its dependencies, from the files
// prodgrade sent. It reads them as Helm reads a chart's directory:
// .helmignore applies, charts/ holds the dependencies.
type chartReader struct {
	fs    *memFS
	notes []wire.Note
	out   *loaded
}

func newChartReader(fsys *memFS) *chartReader {
	return &chartReader{fs: fsys,
		out: &loaded{templates: map[*common.File]string{}, chartFiles: map[*chart.Chart]chartFile{}}}
}

func (r *chartReader) note(kind, file string, line int, format string, args ...any) {
	r.notes = append(r.notes, wire.Note{Kind: kind, File: file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// dirChart loads the chart in dir and the dependencies vendored in its
// charts/ directory. A dependency that cannot be loaded is an error note
// and the chart is loaded without it; nil means the chart itself could not
// be loaded (the reason is noted). dep says the chart is a dependency.
func (r *chartReader) dirChart(dir string, dep bool) *chart.Chart {
	rules := ignore.Empty()
	ignoreFile := filepath.Join(dir, ignore.HelmIgnore)
	if data, err := r.fs.ReadSource(ignoreFile); err == nil {
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
	var walk func(rel string)
	walk = func(rel string) {
		full := filepath.Join(dir, filepath.FromSlash(rel))
		entries, err := r.fs.ReadDir(full)
		if err != nil {
			r.note(infra.NoteError, full, 0, "cannot read directory: %v", err)
			return
		}
		for _, e := range entries {
			name := path.Join(rel, e.Name())
			p := filepath.Join(dir, filepath.FromSlash(name))
			if e.Name() == ".git" {
				continue // never read (confine refuses it too)
			}
			info, err := r.fs.Stat(p)
			if err != nil {
				// A file .helmignore leaves out (a dangling link) is
				// not Helm's concern, as Helm does not follow it.
				if !rules.Ignore(name, fileInfo{&wire.File{Path: name}}) {
					r.note(infra.NoteError, p, 0, "chart file left out: %v", err)
				}
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
				walk(name)
				continue
			}
			data, ok := r.read(p)
			if !ok {
				continue
			}
			files = append(files, &archive.BufferedFile{Name: name, Data: bytes.TrimPrefix(data, []byte("\ufeff"))})
		}
	}
	walk("")
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
	entries, err := r.fs.ReadDir(charts)
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
		info, err := r.fs.Stat(filepath.Join(charts, e.Name()))
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

// read reads one file of a chart. (prodgrade bounded the chart's size
// when it read the files.)
func (r *chartReader) read(p string) ([]byte, bool) {
	data, err := r.fs.ReadSource(p)
	if err != nil {
		r.note(infra.NoteError, p, 0, "chart file left out: %v", err)
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
