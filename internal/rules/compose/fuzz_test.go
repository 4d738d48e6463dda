package compose

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/source"
	_ "github.com/prodgrade/prodgrade/internal/source/compose" // the format under test
)

// FuzzRules loads a compose.yaml as a scan does and runs every rule on
// what it loads: no rule may panic or run away on any project.
func FuzzRules(f *testing.F) {
	for _, s := range []string{
		"services:\n  db:\n    image: postgres\n    ports: [\"5432:5432\"]\n    environment: [POSTGRES_PASSWORD=x]\n    volumes: [data:/var/lib/postgresql/data]\n  backup:\n    image: offen/docker-volume-backup:v2\n    volumes: [data:/backup/data:ro]\nvolumes: {data: {}}\n",
		"services:\n  web:\n    build: .\n    privileged: true\n    network_mode: host\n    cap_add: [ALL]\n    volumes: [/var/run/docker.sock:/var/run/docker.sock]\n    logging: {driver: json-file}\n    deploy: {replicas: 2, resources: {limits: {memory: 1x}}}\n    depends_on: [db]\n  db:\n    image: redis:7\n    healthcheck: {test: [NONE]}\n",
		"configs:\n  p:\n    content: |\n      scrape_configs: [{static_configs: [{targets: [\"web:80\"]}]}]\nservices:\n  prom:\n    image: prom/prometheus:v2\n    configs: [p]\n  web:\n    image: nginx:1.25\n",
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
		if err := os.WriteFile(df, []byte("FROM alpine:3.20\nHEALTHCHECK CMD true\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		in := &source.Input{Paths: []string{dir}, Files: []string{file, df}, Tree: confine.New(dir), Workers: source.NewWorkers(1)}
		source.Lookup("compose").Load(context.Background(), in, func(c *infra.Component) {
			rules.Run(c, infra.NewGraph(c.Resources))
		})
	})
}
