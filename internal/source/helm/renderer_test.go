package helm

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// Without the renderer no chart is graded, and one note says so for the
// whole scan, not one per chart.
func TestRendererMissing(t *testing.T) {
	t.Setenv(RendererEnv, "")
	t.Setenv("PATH", "")
	comps, notes := scan(t, "testdata", Options{})
	if len(comps) != 0 {
		t.Errorf("components without a renderer: %+v", comps)
	}
	if len(notes) != 1 || notes[0].Kind != infra.NoteCoverage ||
		!strings.Contains(notes[0].Message, "prodgrade-render not found next to prodgrade or on PATH") {
		t.Errorf("notes = %+v, want one coverage note", notes)
	}
	// A test binary is built where go run builds a program.
	if !strings.Contains(notes[0].Message, "with go run") {
		t.Errorf("note = %q, want the advice for go run", notes[0].Message)
	}

	t.Setenv(RendererEnv, filepath.Join(t.TempDir(), "nope"))
	_, notes = scan(t, "testdata", Options{})
	if len(notes) != 1 || !strings.Contains(notes[0].Message, RendererEnv+"=") {
		t.Errorf("notes = %+v, want one naming %s", notes, RendererEnv)
	}
}

// A renderer that fails is an error of each chart, quoting what it said.
func TestRendererFails(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a shell script stands for the renderer")
	}
	exe := filepath.Join(t.TempDir(), "prodgrade-render")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\necho 'fatal error: stack overflow' >&2\nexit 2\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(RendererEnv, exe)
	comps, notes := scan(t, "testdata/web", Options{})
	if len(comps) != 0 {
		t.Errorf("components = %+v", comps)
	}
	if len(notes) != 1 || notes[0].Kind != infra.NoteError || notes[0].File != "testdata/web/Chart.yaml" ||
		!strings.Contains(notes[0].Message, "stack overflow") {
		t.Errorf("notes = %+v", notes)
	}
}

// A file .helmignore leaves out is not Helm's concern: that it cannot be
// read is no note.
func TestIgnoredUnreadable(t *testing.T) {
	root := t.TempDir()
	chart := filepath.Join(root, "c")
	writeFiles(t, chart, map[string]string{
		"Chart.yaml":        "apiVersion: v2\nname: c\nversion: 0.1.0\n",
		".helmignore":       "secret.yaml\n",
		"templates/ok.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n",
	})
	if err := os.Symlink(filepath.Join(t.TempDir(), "x"), filepath.Join(chart, "secret.yaml")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	comps, notes := scan(t, root, Options{})
	if len(comps) != 1 || len(notes) != 0 {
		t.Errorf("components %d, notes %+v", len(comps), notes)
	}
}
