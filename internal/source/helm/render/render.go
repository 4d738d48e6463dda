// Package render renders one Helm chart as `helm template` would, with
// Helm's own Go packages, from files prodgrade read and sent: it is the
// heart of cmd/prodgrade-render, and the only package of prodgrade that
// imports Helm. (Helm's packages pull in much of client-go, whose
// initialisation would slow every prodgrade run down; see
// internal/source/helm, which runs prodgrade-render once per chart.)
//
// What is rendered, and how, is documented in internal/source/helm.
package render

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"helm.sh/helm/v4/pkg/chart/common"
	cutil "helm.sh/helm/v4/pkg/chart/common/util"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	"helm.sh/helm/v4/pkg/engine"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/helm/wire"
	"github.com/prodgrade/prodgrade/internal/source/yaml"
)

// defaultNamespace is the namespace of a release when none is given, as
// for `helm template`.
const defaultNamespace = "default"

// Render loads and renders the chart req sends. Whatever Helm's loader,
// value merging or engine do with hostile input, it returns: a panic in
// them is a note about this chart.
func Render(ctx context.Context, req *wire.Request) (resp *wire.Response) {
	defer func() {
		if p := recover(); p != nil {
			resp = &wire.Response{Notes: []wire.Note{{Kind: infra.NoteError, File: "Chart.yaml",
				Message: fmt.Sprintf("Helm failed on this chart (%v); it is not graded. Please report this with the chart", p)}}}
		}
	}()
	resp = &wire.Response{}
	user, err := parseUserValues(req.Values, req.Set)
	if err != nil {
		resp.Notes = []wire.Note{{Kind: infra.NoteError, Message: err.Error() + "; no chart is rendered"}}
		return resp
	}
	resp.Given = user.given
	r := newChartReader(newMemFS(req.Files))
	c := r.dirChart(".", false)
	resp.Notes = r.notes
	if c == nil {
		return resp
	}
	r.out.chart = c
	rel := &release{req: req, user: user, chart: r.out}
	rel.render(ctx, resp)
	resp.Notes = append(resp.Notes, rel.notes...)
	return resp
}

// release is one chart being rendered as a release: what it was given,
// and the notes about it.
type release struct {
	req       *wire.Request
	user      *userValues
	chart     *loaded
	name, ns  string
	notes     []wire.Note
	templates map[string]*common.File // Helm's template names → files
	// missing is set when a dependency is not vendored: templates that
	// fail then most likely call into it, and are not the chart's fault.
	missing bool
}

func (r *release) note(kind, file string, line int, format string, args ...any) {
	r.notes = append(r.notes, wire.Note{Kind: kind, File: file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// render renders the chart into resp: the templates that rendered
// something, in the order of their names.
func (r *release) render(ctx context.Context, resp *wire.Response) {
	c := r.chart.chart
	chartYAML := r.chart.chartFiles[c].path
	if c.Metadata.Type == "library" {
		return // only templates for other charts to include: nothing to render
	}
	r.name = cmpOr(r.req.ReleaseName, c.Name())
	r.ns = cmpOr(r.req.Namespace, defaultNamespace)
	resp.Release, resp.Namespace = r.name, r.ns
	r.missingDependencies(c)
	if kv := c.Metadata.KubeVersion; kv != "" {
		if have := common.DefaultCapabilities.KubeVersion.String(); !chartutil.IsCompatibleRange(kv, have) {
			r.note(infra.NoteCoverage, chartYAML, 0, "the chart requires Kubernetes %s; it is rendered for %s, Helm's default, which helm template would refuse", kv, have)
		}
	}

	vals, err := r.user.build()
	if err != nil {
		r.note(infra.NoteError, "", 0, "%v", err)
		return
	}
	if err := chartutil.ProcessDependencies(c, vals); err != nil {
		r.note(infra.NoteError, chartYAML, 0, "dependencies cannot be processed: %v; the chart is not rendered", err)
		return
	}
	r.templates = map[string]*common.File{}
	var index func(c *chart.Chart)
	index = func(c *chart.Chart) {
		for _, t := range c.Templates {
			r.templates[path.Join(c.ChartFullPath(), t.Name)] = t
		}
		for _, d := range c.Dependencies() {
			index(d)
		}
	}
	index(c)

	out, ok := r.renderTemplates(ctx, c)
	if !ok {
		return
	}
	resp.Rendered = true
	names := make([]string, 0, len(out))
	for name := range out {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if path.Base(name) == "NOTES.txt" || strings.TrimSpace(out[name]) == "" {
			continue
		}
		var src string
		if t := r.templates[name]; t != nil {
			src = string(t.Data)
		}
		resp.Templates = append(resp.Templates, wire.Template{Name: name, File: r.file(name), Source: src, Rendered: out[name]})
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// missingDependencies notes every dependency a chart lists in Chart.yaml
// that is not vendored in its charts/ directory, as `helm template` checks
// them (by name, whatever the conditions say), for the chart and for every
// vendored dependency.
func (r *release) missingDependencies(c *chart.Chart) {
	have := map[string]bool{}
	for _, d := range c.Dependencies() {
		have[d.Name()] = true
	}
	f := r.chart.chartFiles[c]
	for _, d := range c.Metadata.Dependencies {
		if d == nil || have[d.Name] {
			continue
		}
		from := ""
		if d.Repository != "" {
			from = " from " + d.Repository
		}
		r.missing = true
		r.note(infra.NoteCoverage, f.path, dependencyLine(f, d.Name),
			"dependency %s %s%s is listed in Chart.yaml but not vendored in charts/; its objects are not graded. Run `helm dependency build %s` to vendor it",
			d.Name, cmpOr(d.Version, "(any version)"), from, r.req.Dir)
	}
	for _, d := range c.Dependencies() {
		r.missingDependencies(d)
	}
}

// dependencyLine is the line of Chart.yaml that lists the dependency
// called name, or 0.
func dependencyLine(f chartFile, name string) int {
	if f.data == nil {
		return 0
	}
	docs, _ := yaml.Parse(f.path, f.data)
	if len(docs) == 0 {
		return 0
	}
	for _, d := range docs[0].Value.Get("dependencies").List() {
		if s, _ := d.Get("name").Str(); s == name {
			return int(d.Loc.Line)
		}
	}
	return 0
}

// renderTemplates renders every template as `helm template` would. Helm
// stops at the first template that fails; here that template is noted
// (at the file and line Helm names) and left out, and the rest rendered
// again, so one broken template does not hide the others.
func (r *release) renderTemplates(ctx context.Context, c *chart.Chart) (map[string]string, bool) {
	// NOTES.txt is text for a person, not a manifest: it is not rendered,
	// so an error in it cannot stop the manifests.
	for _, t := range slices.Clone(c.Templates) {
		if path.Base(t.Name) == "NOTES.txt" {
			removeTemplate(c, t)
		}
	}
	failed := map[string]bool{}
	for {
		vals, err := r.user.build()
		if err == nil {
			var top common.Values
			top, err = cutil.ToRenderValuesWithSchemaValidation(c, vals, common.ReleaseOptions{
				Name: r.name, Namespace: r.ns, Revision: 1, IsInstall: true,
			}, nil, true)
			if err != nil {
				r.note(infra.NoteError, r.chart.chartFiles[c].path, 0, "values cannot be merged: %v; the chart is not rendered", err)
				return nil, false
			}
			var out map[string]string
			if out, err = renderSafely(ctx, c, top); err == nil {
				return out, true
			}
		}
		if ctx.Err() != nil {
			return nil, false
		}
		name, line := r.failedTemplate(err.Error())
		if name == "" || failed[name] {
			r.note(infra.NoteError, r.chart.chartFiles[c].path, 0, "the chart does not render: %s; nothing of it is graded", oneLine(err.Error()))
			return nil, false
		}
		failed[name] = true
		t := r.templates[name]
		if r.missing {
			r.note(infra.NoteCoverage, r.file(name), line, "template does not render, most likely for the dependency that is not vendored (see Chart.yaml): %s; its objects are not graded", oneLine(err.Error()))
		} else {
			r.note(infra.NoteError, r.file(name), line, "template does not render: %s; its objects are not graded", oneLine(err.Error()))
		}
		removeTemplate(c, t)
	}
}

// renderSafely renders the chart; a panic in Helm's engine is an error.
// (Go's templates cannot be interrupted: prodgrade bounds the time a
// render takes by killing the renderer.)
func renderSafely(ctx context.Context, c *chart.Chart, vals common.Values) (out map[string]string, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("Helm failed (%v)", p)
		}
	}()
	var e engine.Engine // no cluster: lookup finds nothing; no DNS
	return e.RenderWithContext(ctx, c, vals)
}

// failedTemplate finds the template an error of Helm's rendering is
// about, and the line it names: the first "name:line" in the message,
// where name is one of the chart's templates.
func (r *release) failedTemplate(msg string) (string, int) {
	best, bestAt, line := "", len(msg)+1, 0
	for name := range r.templates {
		for from := 0; ; {
			i := strings.Index(msg[from:], name+":")
			if i < 0 {
				break
			}
			at := from + i
			end := at + len(name) + 1
			n := 0
			for end+n < len(msg) && msg[end+n] >= '0' && msg[end+n] <= '9' {
				n++
			}
			if n > 0 && (at < bestAt || at == bestAt && len(name) > len(best)) {
				best, bestAt = name, at
				line, _ = strconv.Atoi(msg[end : end+n])
			}
			if n > 0 {
				break
			}
			from = end
		}
	}
	return best, line
}

// removeTemplate leaves a template out of every chart of the tree that
// has it. Charts copied for aliases share their template slices, so each
// gets a new slice.
func removeTemplate(c *chart.Chart, t *common.File) {
	if slices.Contains(c.Templates, t) {
		c.Templates = slices.DeleteFunc(slices.Clone(c.Templates), func(x *common.File) bool { return x == t })
	}
	for _, d := range c.Dependencies() {
		removeTemplate(d, t)
	}
}

// file is where the template Helm calls name is, relative to the chart's
// directory: a path, or inside a dependency's archive.
func (r *release) file(name string) string {
	if f, ok := r.chart.templates[r.templates[name]]; ok {
		return f
	}
	return filepath.FromSlash(name)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
