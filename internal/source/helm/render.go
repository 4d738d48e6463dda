package helm

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
	"github.com/prodgrade/prodgrade/internal/source/kubernetes"
	"github.com/prodgrade/prodgrade/internal/source/yaml"
)

// release is one chart being rendered as a release: what it was given,
// and the notes about it.
type release struct {
	dir       string
	opts      Options
	user      *userValues
	chart     *loaded
	name, ns  string
	notes     []infra.Note
	templates map[string]*common.File // Helm's template names → files
}

func (r *release) note(kind, file string, line int, format string, args ...any) {
	r.notes = append(r.notes, infra.Note{Kind: kind, File: file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// render renders the chart and returns its component, or nil when it
// rendered no object (the notes say why).
func (r *release) render(ctx context.Context) *infra.Component {
	c := r.chart.chart
	chartYAML := r.chart.chartFiles[c].path
	if c.Metadata.Type == "library" {
		return nil // only templates for other charts to include: nothing to render
	}
	r.name = cmpOr(r.opts.ReleaseName, c.Name())
	r.ns = cmpOr(r.opts.Namespace, defaultNamespace)
	r.missingDependencies(c)
	if kv := c.Metadata.KubeVersion; kv != "" {
		if have := common.DefaultCapabilities.KubeVersion.String(); !chartutil.IsCompatibleRange(kv, have) {
			r.note(infra.NoteCoverage, chartYAML, 0, "the chart requires Kubernetes %s; it is rendered for %s, Helm's default, which helm template would refuse", kv, have)
		}
	}

	vals, err := r.user.build()
	if err != nil {
		r.note(infra.NoteError, "", 0, "%v", err)
		return nil
	}
	if err := chartutil.ProcessDependencies(c, vals); err != nil {
		r.note(infra.NoteError, chartYAML, 0, "dependencies cannot be processed: %v; the chart is not rendered", err)
		return nil
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
		return nil
	}
	var objs []*infra.Resource
	names := make([]string, 0, len(out))
	for name := range out {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if path.Base(name) == "NOTES.txt" || strings.TrimSpace(out[name]) == "" {
			continue
		}
		objs = append(objs, r.objects(name, out[name])...)
	}
	if len(objs) == 0 {
		r.note(infra.NoteCoverage, chartYAML, 0, "the chart rendered no Kubernetes objects with these values; nothing of it is graded")
		return nil
	}
	kind := fmt.Sprintf("helm release %s of chart %s", r.name, r.dir)
	return kubernetes.Component(r.name, r.dir, kind, objs)
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
		r.note(infra.NoteCoverage, f.path, dependencyLine(f, d.Name),
			"dependency %s %s%s is listed in Chart.yaml but not vendored in charts/; its objects are not graded. Run `helm dependency build %s` to vendor it",
			d.Name, cmpOr(d.Version, "(any version)"), from, r.dir)
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
			if out, err = renderCtx(ctx, c, top); err == nil {
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
		r.note(infra.NoteError, r.file(name), line, "template does not render: %s; its objects are not graded", oneLine(err.Error()))
		removeTemplate(c, t)
	}
}

// renderCtx renders the chart, giving up when ctx is done. Go's templates
// cannot be interrupted: a render given up on runs on in its goroutine
// until it ends, and its result is dropped.
func renderCtx(ctx context.Context, c *chart.Chart, vals common.Values) (map[string]string, error) {
	type result struct {
		out map[string]string
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: fmt.Errorf("Helm failed (%v)", p)}
			}
		}()
		var e engine.Engine // no cluster: lookup finds nothing; no DNS
		out, err := e.RenderWithContext(ctx, c, vals)
		done <- result{out, err}
	}()
	select {
	case res := <-done:
		return res.out, res.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
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

// file is where the template Helm calls name is: a path on disk, or inside
// a dependency's archive.
func (r *release) file(name string) string {
	if f, ok := r.chart.templates[r.templates[name]]; ok {
		return f
	}
	return filepath.Join(r.dir, filepath.FromSlash(name))
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// objects reads the objects one template rendered, located in the
// template (see lineMap).
func (r *release) objects(name, rendered string) []*infra.Resource {
	file := r.file(name)
	var tmpl string
	if t := r.templates[name]; t != nil {
		tmpl = string(t.Data)
	}
	lines := newLineMap(tmpl, rendered)
	objs, notes := kubernetes.File(file, []byte(rendered), r.ns)
	for _, n := range notes {
		if n.Line > 0 {
			n.Line, n.Col = int(lines.pos(infra.Pos{Line: int32(n.Line)}).Line), 0
		}
		n.Message = "rendered: " + n.Message
		r.notes = append(r.notes, n)
	}
	out := objs[:0]
	for _, o := range objs {
		if isTestHook(o) {
			continue
		}
		o.Loc = o.Loc.At(lines.pos(o.Loc.Pos))
		o.Attrs = r.relocate(o.Attrs, file, lines)
		if r.opts.Namespace == "" {
			o.Attrs = releaseNamespace(o.Attrs, r.ns)
		}
		out = append(out, o)
	}
	return out
}

// isTestHook reports an object `helm test` creates, not `helm install`.
func isTestHook(o *infra.Resource) bool {
	for h := range strings.SplitSeq(o.Annotations["helm.sh/hook"], ",") {
		if strings.HasPrefix(strings.TrimSpace(h), "test") {
			return true
		}
	}
	return false
}

// relocate moves every location of a rendered value to the template, and
// hides what was given at run time.
func (r *release) relocate(v infra.Value, file string, lines *lineMap) infra.Value {
	loc := v.Loc
	if loc.File == file {
		loc = infra.Location{File: file, Pos: lines.pos(loc.Pos)}
	}
	switch v.Kind() {
	case infra.Object:
		fields := make([]infra.Field, 0, v.Len())
		for _, f := range v.Fields() {
			fields = append(fields, infra.Field{Name: f.Name, Value: r.relocate(f.Value, file, lines)})
		}
		return keepMarks(infra.ObjectValue(fields).WithLoc(loc), v)
	case infra.List:
		items := make([]infra.Value, 0, v.Len())
		for _, x := range v.List() {
			items = append(items, r.relocate(x, file, lines))
		}
		return keepMarks(infra.ListValue(items).WithLoc(loc), v)
	}
	return r.user.hide(v.WithLoc(loc))
}

// keepMarks gives a rebuilt collection the marks of the one it replaces.
// (WithExternal(false) would clear its members' marks too.)
func keepMarks(v, old infra.Value) infra.Value {
	v = v.WithHidden(old.Hidden())
	if old.IsExternal() {
		v = v.WithExternal(true)
	}
	return v
}

// releaseNamespace drops metadata.namespace where it is the release's
// namespace and the user did not name one: a chart that writes
// namespace: {{ .Release.Namespace }} means "wherever it is installed"
// (helm install --namespace), as an object that names none does; the
// "default" a render without --helm-namespace puts there is not the
// chart's choice.
func releaseNamespace(obj infra.Value, ns string) infra.Value {
	meta := obj.Get("metadata")
	if s, _ := meta.Get("namespace").Str(); s != ns {
		return obj
	}
	var mf []infra.Field
	for _, f := range meta.Fields() {
		if f.Name != "namespace" {
			mf = append(mf, f)
		}
	}
	fields := make([]infra.Field, 0, obj.Len())
	for _, f := range obj.Fields() {
		if f.Name == "metadata" {
			f.Value = infra.ObjectValue(mf).WithLoc(meta.Loc)
		}
		fields = append(fields, f)
	}
	return infra.ObjectValue(fields).WithLoc(obj.Loc)
}
