package helm

import (
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// TestLineMap checks, for each rendered line, the template line it is
// located at (1-based; 0 means the line is not checked).
func TestLineMap(t *testing.T) {
	for _, c := range []struct {
		name, tmpl, out string
		want            []int
	}{{
		name: "a range writes several documents",
		tmpl: `{{- range .Values.apps }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .name }}
spec:
  type: ClusterIP
{{- end }}
`,
		out: `---
apiVersion: v1
kind: Service
metadata:
  name: a
spec:
  type: ClusterIP
---
apiVersion: v1
kind: Service
metadata:
  name: b
spec:
  type: ClusterIP
`,
		want: []int{3, 3, 4, 5, 6, 7, 8, 3, 3, 4, 5, 6, 7, 8},
	}, {
		name: "a document written by an include",
		tmpl: "# a deployment\n{{ include \"common.deployment\" . }}\n",
		out:  "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 2\n",
		want: []int{2, 2, 2, 2},
	}, {
		name: "toYaml under a literal key, and keys after it",
		tmpl: `spec:
  resources:
    {{- toYaml .Values.resources | nindent 4 }}
  {{- with .Values.extra }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
  name: x
`,
		out:  "spec:\n  resources:\n    limits:\n      cpu: 1\n  paused: true\n  name: x\n",
		want: []int{1, 2, 3, 3, 5, 7},
	}, {
		name: "flow style and a key the template computes",
		tmpl: `metadata: {name: x, labels: {a: b}}
data:
  {{ .Values.key }}: value
  fixed: 1
`,
		out:  "metadata: {name: x, labels: {a: b}}\ndata:\n  computed: value\n  fixed: 1\n",
		want: []int{1, 2, 3, 4},
	}, {
		name: "the same key at other places",
		tmpl: `metadata:
  name: web
spec:
  containers:
  - name: app
    image: x
  - name: sidecar
    image: y
`,
		out:  "metadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: x\n  - name: sidecar\n    image: y\n",
		want: []int{1, 2, 3, 4, 5, 6, 7, 8},
	}, {
		name: "a key of a toYaml list is not found in an earlier item",
		tmpl: `containers:
  - name: app
    image: x
  {{- with .Values.sidecars }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
`,
		out:  "containers:\n  - name: app\n    image: x\n  - name: side\n    image: y\n",
		want: []int{1, 2, 3, 5, 5},
	}, {
		name: "quoted keys, literal list items, comments",
		tmpl: `metadata:
  annotations:
    # why
    "helm.sh/hook": test
    'x': y
args:
  - --verbose
  - "{{ .Values.arg }}"
`,
		out:  "metadata:\n  annotations:\n    \"helm.sh/hook\": test\n    'x': y\nargs:\n  - --verbose\n  - value\n",
		want: []int{1, 2, 4, 5, 6, 7, 8},
	}} {
		t.Run(c.name, func(t *testing.T) {
			m := newLineMap(c.tmpl, c.out)
			for i, want := range c.want {
				if want == 0 {
					continue
				}
				if got := m.pos(infra.Pos{Line: int32(i + 1)}).Line; int(got) != want {
					t.Errorf("rendered line %d (%q) is at template line %d, want %d", i+1, m.outText[i], got, want)
				}
			}
		})
	}
}

func TestLineMapColumns(t *testing.T) {
	m := newLineMap("spec:\n  replicas: {{ .Values.n }}\n  paused: false\n", "spec:\n  replicas: 3\n  paused: false\n")
	if p := m.pos(infra.Pos{Line: 2, Col: 13, EndLine: 2, EndCol: 14}); p != (infra.Pos{Line: 2, Col: 13}) {
		t.Errorf("a value an action writes: %+v, want its column without an end", p)
	}
	if p := m.pos(infra.Pos{Line: 3, Col: 11, EndLine: 3, EndCol: 16}); p != (infra.Pos{Line: 3, Col: 11, EndLine: 3, EndCol: 16}) {
		t.Errorf("a literal value: %+v, want its extent", p)
	}
	m = newLineMap("a:\n  {{- toYaml .Values.b | nindent 2 }}\n", "a:\n  c: 1\n")
	if p := m.pos(infra.Pos{Line: 2, Col: 6, EndLine: 2, EndCol: 7}); p != (infra.Pos{Line: 2}) {
		t.Errorf("a value toYaml writes: %+v, want the line only", p)
	}
}

// A template or output that is empty, or not YAML, maps without failing.
func TestLineMapDegenerate(t *testing.T) {
	for _, c := range [][2]string{{"", ""}, {"", "a: 1\n"}, {"a: 1\n", ""}, {"{{", "a: [\n"}, {"- - - a:", "- - - a: 1\n"}} {
		m := newLineMap(c[0], c[1])
		for line := int32(0); line < 4; line++ {
			m.pos(infra.Pos{Line: line, Col: 3, EndLine: line, EndCol: 9})
		}
	}
}
