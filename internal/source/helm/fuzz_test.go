package helm

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/helm/render"
	"github.com/prodgrade/prodgrade/internal/source/helm/wire"
)

// fuzzTemplate uses values in the ways charts do, so that arbitrary
// values.yaml reaches Helm's merging, the template functions, the YAML of
// the output and the line map.
const fuzzTemplate = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Values.name | default "x" | toString | trunc 63 }}
  labels:
    {{- toYaml .Values.labels | nindent 4 }}
spec:
  replicas: {{ .Values.replicas }}
  template:
    spec:
      containers:
        {{- range $i, $c := .Values.containers }}
        - name: c{{ $i }}
          image: {{ $c | toString | quote }}
        {{- end }}
      {{- with .Values.extra }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
---
{{ tpl (toString .Values.tpl) . }}
`

// unbounded matches input that makes Go templates loop or allocate by a
// count (until 99999999, range over a large integer, repeat): no template
// can be bounded from outside, so such input is left to the time limit
// and not fuzzed here.
var unbounded = regexp.MustCompile(`[0-9_]{5,}|0[xXoObB]|[eE][+-]?[0-9]|until|seq|repeat|range|\.inf|printf`)

// FuzzRender renders a chart (in this process) with arbitrary values.yaml and an arbitrary
// second template: whatever they hold, the format returns notes and
// components without panicking.
func FuzzRender(f *testing.F) {
	f.Add("replicas: 2\nlabels: {app: web}\ncontainers: [nginx, redis]\nextra: {nodeSelector: {a: b}}\n", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {{ .Release.Name }}}\n")
	f.Add("tpl: \"kind: {{ .Release.Name }}\"\nname: [1, 2]\n", "{{ required \"x\" .Values.missing }}")
	f.Add("labels: [a, {b: c}]\nreplicas: {a: 1}\n", "{{ include \"nope\" . }}")
	f.Add("a: &a [*a]\n", "{{- define \"x\" }}{{ include \"x\" . }}{{ end }}{{ include \"x\" . }}")
	f.Add("containers: {a: b}\nextra: \"- x\"\n", "{{ .Values.name.deep.er }}\n---\n{{ fail \"stop\" }}")
	f.Add("name: \"\\u0000\\t: \\\"\"\n", "a:\n  {{ .Values.name }}: b\n- c\n")
	f.Fuzz(func(t *testing.T, values, tmpl string) {
		if unbounded.MatchString(values) || unbounded.MatchString(tmpl) {
			t.Skip()
		}
		files := map[string]string{
			"Chart.yaml":             "apiVersion: v2\nname: fuzz\nversion: 0.1.0\n",
			"values.yaml":            values,
			"templates/deploy.yaml":  fuzzTemplate,
			"templates/fuzzed.yaml":  tmpl,
			"templates/_helpers.tpl": `{{ define "fuzz.name" }}{{ .Chart.Name }}{{ end }}`,
		}
		var fs []wire.File
		for name, text := range files {
			fs = append(fs, wire.File{Path: name, Data: []byte(text)})
		}
		fs = append(fs, wire.File{Path: ".", Dir: true}, wire.File{Path: "templates", Dir: true})
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		// As renderChart, with the renderer run in this process: starting
		// it would be most of the work.
		resp := render.Render(ctx, &wire.Request{Version: wire.Version, Dir: "c", Files: fs})
		comp := (&release{dir: "c", resp: resp}).component()
		if comp != nil {
			infra.ComponentGraph(comp)
		}
	})
}

// FuzzLineMap maps arbitrary output onto an arbitrary template.
func FuzzLineMap(f *testing.F) {
	f.Add(fuzzTemplate, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n  labels:\n    a: b\n")
	f.Add("a:\n  - b: {{ .x }}\n    c: d\n{{- range }}\n  - 'e': f\n", "a:\n  - b: 1\n    c: d\n  - 'e': f\n  - 'e': f\n")
	f.Add("{{ \"}}\" }}: x\n\"k\": v\n", "? [a]\n: b\n\"k\": v\n")
	f.Fuzz(func(t *testing.T, tmpl, out string) {
		m := newLineMap(tmpl, out)
		for line := int32(0); line <= int32(len(m.outText))+1; line++ {
			p := m.pos(infra.Pos{Line: line, Col: 2, EndLine: line, EndCol: 5})
			if line > 0 && (p.Line < 1 || int(p.Line) > max(len(m.tmplText), 1)) {
				t.Fatalf("line %d maps to %d, outside the template's %d lines", line, p.Line, len(m.tmplText))
			}
		}
	})
}
