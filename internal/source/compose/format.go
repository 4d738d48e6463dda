// Package compose is the input format for Docker Compose projects and
// Dockerfiles. The two are one format because one decides for the other:
// a Dockerfile that a Compose service builds is graded with that service,
// as part of its project, and only a Dockerfile no project builds is a
// component of its own.
//
// Compose files are loaded with the official compose-spec loader (merging,
// interpolation, extends, include and profiles as Docker Compose does
// them); positions come from reading the same files again with the
// position-keeping YAML pass. Resources of a project:
//
//	compose/Service  one per service; Attrs are the service as the loader
//	                 normalized it (compose-spec field names: image, build,
//	                 ports as objects, environment as a map, …)
//	compose/Volume, compose/Network, compose/Secret, compose/Config
//	                 the project's top-level definitions
//	dockerfile/Stage the stages of the Dockerfiles its services build
//
// Edges: a service → the stage it builds (EdgeBuild, at "build"), the named
// volumes it mounts (EdgeVolume), its networks, secrets and configs
// (EdgeName), and the services it depends on (EdgeDependsOn).
package compose

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
	"github.com/prodgrade/prodgrade/internal/source/dockerfile"
)

// Options are the compose format's options (scan.Options.FormatOptions["compose"]).
type Options struct {
	// Files, when set, are loaded as one project, in order, as
	// `docker compose -f a -f b` would.
	Files []string
	// Profiles are the profiles whose services are graded; empty grades
	// every service, whatever its profiles.
	Profiles []string
}

func init() {
	source.Register(&source.Format{
		Name:         "compose",
		Files:        "Docker Compose files and Dockerfiles",
		Match:        Match,
		StdinFormats: []string{"compose", "dockerfile"},
		Sniff:        sniff,
		Validate:     validate,
		Load:         load,
	})
}

// Match takes Compose files by their conventional names (compose.yaml,
// docker-compose.yml, and their .override and other variants) and
// Dockerfiles.
func Match(name string) bool {
	return isComposeFile(name) || dockerfile.IsDockerfile(name)
}

// isComposeFile reports compose.y[a]ml, docker-compose.y[a]ml and
// compose.<x>.y[a]ml, docker-compose.<x>.y[a]ml.
func isComposeFile(name string) bool {
	base := strings.ToLower(filepath.Base(name))
	ext := filepath.Ext(base)
	if ext != ".yml" && ext != ".yaml" {
		return false
	}
	stem := strings.TrimSuffix(base, ext)
	return stem == "compose" || stem == "docker-compose" ||
		strings.HasPrefix(stem, "compose.") || strings.HasPrefix(stem, "docker-compose.")
}

func validate(in *source.Input) error {
	opts, _ := in.Options.(Options)
	for _, f := range opts.Files {
		if _, err := in.Tree.Stat(f); err != nil {
			return fmt.Errorf("--compose-file %s: %w", f, err)
		}
	}
	return nil
}

// sniff rates standard input: a YAML document with a top-level services
// map and no apiVersion is a Compose file; text whose first instruction is
// FROM (or ARG, then FROM) is a Dockerfile.
func sniff(data []byte) int {
	if looksLikeDockerfile(data) {
		return 2
	}
	if bytes.Contains(data, []byte("apiVersion:")) {
		return 0
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		if bytes.HasPrefix(line, []byte("services:")) {
			return 2
		}
	}
	return 0
}

// looksLikeDockerfile reports text whose first instruction, past comments,
// blank lines and ARGs, is FROM.
func looksLikeDockerfile(data []byte) bool {
	for _, line := range bytes.Split(data, []byte("\n")) {
		l := bytes.TrimSpace(line)
		switch {
		case len(l) == 0 || l[0] == '#':
			continue
		case hasKeyword(l, "ARG"):
			continue
		default:
			return hasKeyword(l, "FROM")
		}
	}
	return false
}

func hasKeyword(line []byte, kw string) bool {
	return len(line) > len(kw) && bytes.EqualFold(line[:len(kw)], []byte(kw)) && (line[len(kw)] == ' ' || line[len(kw)] == '\t')
}

// load groups the files into projects, loads each, and emits the projects
// and then the Dockerfiles none of them builds.
func load(ctx context.Context, in *source.Input, emit func(*infra.Component)) []infra.Note {
	opts, _ := in.Options.(Options)
	var composeFiles, dockerfiles []string
	for _, f := range append(append([]string{}, in.Files...), in.Named...) {
		if dockerfile.IsDockerfile(f) {
			dockerfiles = append(dockerfiles, f)
		} else {
			composeFiles = append(composeFiles, f)
		}
	}
	l := &loaderState{in: in, opts: &opts, built: map[string]bool{}}
	projects := l.projects(composeFiles)
	if s := in.Stdin; s != nil {
		if s.Format == "dockerfile" || s.Format == "" && looksLikeDockerfile(s.Data) {
			dockerfiles = append(dockerfiles, s.Name)
			l.stdinDockerfile = s
		} else {
			projects = append(projects, project{dir: filepath.Dir(s.Name), files: []string{s.Name}, stdin: s})
		}
	}
	var notes []infra.Note
	comps := make([]*infra.Component, len(projects))
	projNotes := make([][]infra.Note, len(projects))
	in.Workers.Each(ctx, len(projects), func(i int) {
		comps[i], projNotes[i] = l.loadProject(ctx, projects[i])
	})
	for i, c := range comps {
		notes = append(notes, projNotes[i]...)
		if c != nil {
			emit(c)
		}
	}
	// Dockerfiles no project builds are images of their own.
	var alone []string
	for _, f := range dockerfiles {
		if !l.isBuilt(f) {
			alone = append(alone, f)
		}
	}
	dfComps := make([]*infra.Component, len(alone))
	dfNotes := make([][]infra.Note, len(alone))
	in.Workers.Each(ctx, len(alone), func(i int) {
		dfComps[i], dfNotes[i] = l.loadDockerfile(alone[i])
	})
	for i, c := range dfComps {
		notes = append(notes, dfNotes[i]...)
		if c != nil {
			emit(c)
		}
	}
	return notes
}
