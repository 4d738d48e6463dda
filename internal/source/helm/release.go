package helm

import (
	"path/filepath"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/helm/wire"
	"github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

// release is what the renderer made of one chart, being read into a
// component.
type release struct {
	dir   string
	opts  Options
	resp  *wire.Response
	notes []infra.Note
}

// component reads the objects the chart rendered into its component, or
// returns nil when it rendered none (the notes say why).
func (r *release) component() *infra.Component {
	if !r.resp.Rendered {
		return nil
	}
	var objs []*infra.Resource
	for _, t := range r.resp.Templates {
		objs = append(objs, r.objects(t)...)
	}
	if len(objs) == 0 {
		r.notes = append(r.notes, infra.Note{Kind: infra.NoteCoverage, File: filepath.Join(r.dir, "Chart.yaml"),
			Message: "the chart rendered no Kubernetes objects with these values; nothing of it is graded"})
		return nil
	}
	return kubernetes.Component(r.resp.Release, r.dir, ComponentKind, objs)
}

// ComponentKind is the kind of a chart's component: one release, named for
// the release, at the chart's directory.
const ComponentKind = "helm release (a chart rendered with its values)"

// objects reads the objects one template rendered, located in the
// template (see lineMap).
func (r *release) objects(t wire.Template) []*infra.Resource {
	file := filepath.Join(r.dir, t.File)
	lines := newLineMap(t.Source, t.Rendered)
	objs, notes := kubernetes.File(file, []byte(t.Rendered), r.resp.Namespace)
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
			o.Attrs = releaseNamespace(o.Attrs, r.resp.Namespace)
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
	return r.hide(v.WithLoc(loc))
}

// hide marks a rendered string that contains a value given at run time as
// hidden and external: it may be a secret passed on the command line, and
// it is not a literal written in the chart. Run-time values reach the
// output through any template function, so this is a containment test on
// the text (as given, or base64 encoded as Secret data is), not a trace.
// The renderer says which strings were given (wire.Response.Given).
func (r *release) hide(v infra.Value) infra.Value {
	s, ok := v.Str()
	if !ok || v.Kind() != infra.String {
		return v
	}
	for _, g := range r.resp.Given {
		if strings.Contains(s, g.Text) {
			return v.WithHidden(g.From).WithExternal(true)
		}
	}
	return v
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

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
