package compose

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
)

// FuzzProject loads one compose.yaml (with a Dockerfile beside it that it
// may build) and looks only for panics and hangs: every input must end in
// components or notes.
func FuzzProject(f *testing.F) {
	for _, s := range []string{
		"services:\n  web:\n    image: nginx:${TAG:-1.25}\n    ports: [\"8080:80\"]\n",
		"services:\n  api:\n    build: {context: ., target: run}\n    depends_on: {db: {condition: service_healthy}}\n  db:\n    image: postgres:16\n",
		"x-base: &b\n  read_only: true\nservices:\n  a:\n    <<: *b\n    image: alpine\n    extends: {service: a}\n",
		"include: [other.yaml]\nservices: {}\n",
		"services:\n  a:\n    image: nginx\n    deploy: {resources: {limits: {cpus: \"${C}\", memory: 1x}}}\n",
		"name: \"\"\nservices: [1, 2]\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		dir := t.TempDir()
		file := filepath.Join(dir, "compose.yaml")
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		df := filepath.Join(dir, "Dockerfile")
		if err := os.WriteFile(df, []byte("FROM alpine:3.20 AS run\nUSER 1000\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		in := &source.Input{Paths: []string{dir}, Files: []string{file, df}, Tree: confine.New(dir), Workers: source.NewWorkers(1)}
		source.Lookup("compose").Load(context.Background(), in, func(*infra.Component) {})
	})
}
