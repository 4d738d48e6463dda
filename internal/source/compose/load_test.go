package compose

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
)

// loadTree writes files into a temporary directory and loads it as a scan
// would: Match picks the files, the tree confines reads to the directory.
func loadTree(t *testing.T, files map[string]string, opts Options) (map[string]*infra.Component, []infra.Note, string) {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if Match(name) {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	for i, f := range opts.Files {
		opts.Files[i] = filepath.Join(dir, f)
	}
	in := &source.Input{Paths: []string{dir}, Files: paths, Tree: confine.New(dir), Workers: source.NewWorkers(0), Options: opts}
	comps := map[string]*infra.Component{}
	notes := source.Lookup("compose").Load(context.Background(), in, func(c *infra.Component) { comps[c.Name] = c })
	return comps, notes, dir
}

func resource(t *testing.T, c *infra.Component, addr string) *infra.Resource {
	t.Helper()
	if c == nil {
		t.Fatalf("no component")
	}
	for _, r := range c.Resources {
		if r.Address == addr || strings.HasSuffix(r.Address, addr) {
			return r
		}
	}
	var have []string
	for _, r := range c.Resources {
		have = append(have, r.Address)
	}
	t.Fatalf("%s has no %s; has %v", c.Name, addr, have)
	return nil
}

func TestOverrideAndPositions(t *testing.T) {
	comps, notes, _ := loadTree(t, map[string]string{
		"shop/compose.yaml": "services:\n  web:\n    image: shop/web:1.0\n    restart: always\n",
		"shop/compose.override.yaml": "services:\n  web:\n" +
			"    image: shop/web:1.1\n",
		"shop/docker-compose.prod.yml": "services:\n  web:\n    restart: unless-stopped\n",
	}, Options{})
	if len(notes) != 0 {
		t.Fatalf("notes: %+v", notes)
	}
	base := comps["shop"]
	if base == nil || len(comps) != 2 {
		t.Fatalf("components: %v", keys(comps))
	}
	web := resource(t, base, "services.web")
	img := web.Attrs.Get("image")
	if s, _ := img.Str(); s != "shop/web:1.1" {
		t.Errorf("image = %q, want the override's", s)
	}
	if !strings.HasSuffix(img.Loc.File, "compose.override.yaml") || img.Loc.Line != 3 {
		t.Errorf("image located at %s, want compose.override.yaml:3", img.Loc)
	}
	if r := web.Attrs.Get("restart"); !strings.HasSuffix(r.Loc.File, "shop/compose.yaml") || r.Loc.Line != 4 {
		t.Errorf("restart located at %s, want compose.yaml:4", r.Loc)
	}
	// The variant is merged over the main file, without the override.
	var prod *infra.Component
	for _, c := range comps {
		if strings.Contains(c.Kind, "docker-compose.prod.yml") {
			prod = c
		}
	}
	if prod == nil {
		t.Fatalf("no project for docker-compose.prod.yml: %v", keys(comps))
	}
	pw := resource(t, prod, "services.web")
	if s, _ := pw.Attrs.Get("restart").Str(); s != "unless-stopped" {
		t.Errorf("prod restart = %q", s)
	}
	if s, _ := pw.Attrs.Get("image").Str(); s != "shop/web:1.0" {
		t.Errorf("prod image = %q, want the main file's", s)
	}
}

func TestComposeFileOption(t *testing.T) {
	comps, notes, _ := loadTree(t, map[string]string{
		"compose.yaml":          "services:\n  web:\n    image: shop/web:1.0\n",
		"compose.override.yaml": "services:\n  web:\n    image: shop/web:dev\n",
		"compose.prod.yaml":     "services:\n  web:\n    image: shop/web:2.0\n",
	}, Options{Files: []string{"compose.yaml", "compose.prod.yaml"}})
	if len(notes) != 0 || len(comps) != 1 {
		t.Fatalf("components %v, notes %+v", keys(comps), notes)
	}
	for _, c := range comps {
		if s, _ := resource(t, c, "services.web").Attrs.Get("image").Str(); s != "shop/web:2.0" {
			t.Errorf("image = %q, want compose.prod.yaml's (the override is not part of an explicit set)", s)
		}
	}
}

func TestListEnvironmentPositions(t *testing.T) {
	comps, _, _ := loadTree(t, map[string]string{
		"compose.yaml": "services:\n  web:\n    image: nginx:1.25\n    environment:\n      - A=1\n      - SECRET_KEY=x\n" +
			"    ports:\n      - \"9000-9001:9000-9001\"\n      - \"127.0.0.1:5432:5432\"\n",
	}, Options{})
	for _, c := range comps {
		web := resource(t, c, "services.web")
		if l := web.Attrs.Get("environment.SECRET_KEY").Loc.Line; l != 6 {
			t.Errorf("SECRET_KEY located at line %d, want 6 (its list item)", l)
		}
		if l := web.Attrs.Get("ports[2]").Loc.Line; l != 9 {
			t.Errorf("the port after a range located at line %d, want 9", l)
		}
	}
}

func TestInterpolation(t *testing.T) {
	comps, notes, _ := loadTree(t, map[string]string{
		"app/.env": "TAG=2.4.1\n",
		"app/compose.yaml": "services:\n  api:\n    image: shop/api:${TAG}\n    environment:\n" +
			"      LEVEL: ${LEVEL:-info}\n      TOKEN: ${API_TOKEN}\n",
	}, Options{})
	if len(notes) != 0 {
		t.Fatalf("notes: %+v", notes)
	}
	api := resource(t, comps["app"], "services.api")
	if s, _ := api.Attrs.Get("image").Str(); s != "shop/api:2.4.1" {
		t.Errorf("image = %q, want .env's TAG", s)
	}
	if s, _ := api.Attrs.Get("environment.LEVEL").Str(); s != "info" {
		t.Errorf("LEVEL = %q, want the default", s)
	}
	tok := api.Attrs.Get("environment.TOKEN")
	if tok.IsKnown() || !strings.Contains(tok.Why(), "API_TOKEN") {
		t.Errorf("TOKEN = %v (%s), want unknown naming API_TOKEN", tok.Kind(), tok.Why())
	}
}

func TestUnsetVariableInTypedField(t *testing.T) {
	// "${PORT}:80" with PORT unset cannot be read with the mark; the
	// project is graded as Docker Compose runs it, with a note.
	comps, notes, _ := loadTree(t, map[string]string{
		"compose.yaml": "services:\n  web:\n    image: nginx:1.25\n    ports: [\"${PORT}:80\"]\n",
	}, Options{})
	if len(comps) != 1 || len(notes) != 1 || notes[0].Kind != infra.NoteCoverage {
		t.Fatalf("components %v, notes %+v", keys(comps), notes)
	}
}

func TestExtendsIncludeAndConfinement(t *testing.T) {
	comps, notes, _ := loadTree(t, map[string]string{
		"p/common.yaml":     "services:\n  base:\n    image: shop/base:1.0\n    read_only: true\n",
		"p/db/compose.yaml": "services:\n  db:\n    image: postgres:16.2\n",
		"p/compose.yaml":    "include: [db/compose.yaml]\nservices:\n  web:\n    extends: {file: common.yaml, service: base}\n    user: \"1000\"\n",
	}, Options{})
	var errs []infra.Note
	for _, n := range notes {
		if n.Kind == infra.NoteError {
			errs = append(errs, n)
		}
	}
	if len(errs) != 0 {
		t.Fatalf("notes: %+v", notes)
	}
	p := comps["p"]
	web := resource(t, p, "services.web")
	if b, _ := web.Attrs.Get("read_only").Bool(); !b {
		t.Error("web did not get read_only from the service it extends")
	}
	resource(t, p, "services.db") // from the include

	// An include that leaves the scanned tree is refused.
	_, notes, _ = loadTree(t, map[string]string{
		"q/compose.yaml": "include: [../../../../../../etc/compose.yaml]\nservices:\n  a:\n    image: nginx:1.25\n",
	}, Options{})
	if len(notes) == 0 || !strings.Contains(notes[0].Message, "outside the scanned tree") {
		t.Errorf("include outside the tree: notes %+v", notes)
	}
	// So is an include whose env_file, which the loader reads itself, does.
	comps, notes, _ = loadTree(t, map[string]string{
		"r/inc.yaml":     "services:\n  b:\n    image: \"alpine:${EVIL}\"\n",
		"r/compose.yaml": "include:\n  - path: inc.yaml\n    env_file: ../../../../../../etc/hostname\nservices:\n  a:\n    image: nginx:1.25\n",
	}, Options{})
	if len(comps) != 0 || len(notes) != 1 || notes[0].Line != 3 || !strings.Contains(notes[0].Message, "outside the scanned tree") {
		t.Errorf("include env_file outside the tree: components %v, notes %+v", keys(comps), notes)
	}
}

func TestProfiles(t *testing.T) {
	files := map[string]string{
		"compose.yaml": "services:\n  web:\n    image: nginx:1.25\n  debug:\n    image: busybox:1.36\n    profiles: [debug]\n",
	}
	all, _, _ := loadTree(t, files, Options{})
	if len(all) != 1 {
		t.Fatalf("components: %v", keys(all))
	}
	for _, c := range all {
		resource(t, c, "services.debug") // every profile by default
	}
	only, _, _ := loadTree(t, files, Options{Profiles: []string{"prod"}})
	for _, c := range only {
		for _, r := range c.Resources {
			if r.Address == "services.debug" {
				t.Error("--compose-profile prod still grades the debug service")
			}
		}
	}
}

func TestBuildLinksStage(t *testing.T) {
	comps, notes, _ := loadTree(t, map[string]string{
		"shop/compose.yaml": "services:\n  api:\n    build: {context: ./api, target: runtime}\n" +
			"  worker:\n    build: ./missing\n",
		"shop/api/Dockerfile": "FROM golang:1.22 AS build\nRUN go build -o /app .\n" +
			"FROM gcr.io/distroless/static:nonroot AS runtime\nCOPY --from=build /app /app\nUSER nonroot\n",
		"tools/Dockerfile": "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
	}, Options{})
	shop := comps["shop"]
	api := resource(t, shop, "services.api")
	var to string
	for _, r := range api.Refs {
		if r.How == infra.EdgeBuild {
			to = r.To
		}
	}
	if !strings.HasSuffix(to, "api/Dockerfile#runtime") {
		t.Errorf("api builds %q, want the runtime stage", to)
	}
	st := resource(t, shop, "api/Dockerfile#runtime")
	if !strings.HasPrefix(st.Loc.File, "/") && !strings.Contains(st.Loc.File, "shop/api/Dockerfile") {
		t.Errorf("stage located at %s", st.Loc)
	}
	// The Dockerfile no project builds is an image of its own.
	if comps["tools image"] == nil {
		t.Errorf("no component for tools/Dockerfile: %v", keys(comps))
	}
	if comps["api image"] != nil {
		t.Error("api/Dockerfile is graded twice: with its project and on its own")
	}
	var missing bool
	for _, n := range notes {
		missing = missing || strings.Contains(n.Message, "service worker builds from")
	}
	if !missing {
		t.Errorf("no note for the missing Dockerfile: %+v", notes)
	}
}

func TestStageBases(t *testing.T) {
	comps, _, _ := loadTree(t, map[string]string{
		"img/Dockerfile": "ARG VARIANT=alpine\nFROM golang:1.22-alpine AS build-alpine\nUSER 1000\n" +
			"FROM build-${VARIANT} AS final\nFROM ubuntu:24.04\nFROM stage-2\n",
	}, Options{})
	c := comps["img image"]
	final := resource(t, c, "#final")
	if s, _ := final.Attrs.Get("base_stage").Str(); s != "build-alpine" {
		t.Errorf("FROM build-${VARIANT} has base_stage %q, want build-alpine (expanded)", s)
	}
	if s, _ := final.Attrs.Get("user").Str(); s != "1000" {
		t.Errorf("user = %q, want 1000 inherited from the base stage", s)
	}
	// An unnamed stage cannot be named: FROM stage-2 is an image.
	last := resource(t, c, "#stage-3")
	if s, _ := last.Attrs.Get("image").Str(); s != "stage-2" || !last.Attrs.Get("base_stage").IsNull() {
		t.Errorf("FROM stage-2: image %q, base_stage %v", s, last.Attrs.Get("base_stage"))
	}
}

func TestInputErrors(t *testing.T) {
	_, notes, _ := loadTree(t, map[string]string{
		"a/compose.yaml": "services:\n  web:\n    image: nginx\n   bad: [\n",
		"b/Dockerfile":   "FROM alpine:3.20\nFOO bar\n",
		"c/compose.yaml": "services:\n  web:\n    image: nginx:1.25\n    image: nginx:1.26\n",
	}, Options{})
	lines := map[string]int{}
	for _, n := range notes {
		if n.Kind == infra.NoteError {
			lines[filepath.Base(filepath.Dir(n.File))] = n.Line
		}
	}
	if lines["a"] != 4 || lines["b"] != 2 || lines["c"] != 4 {
		t.Errorf("error lines = %v, want a:4 (bad YAML), b:2 (unknown instruction), c:4 (duplicate key); notes %+v", lines, notes)
	}
}

func keys(m map[string]*infra.Component) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
