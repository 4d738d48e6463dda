package sidecar

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "prog")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SIDECAR_TEST", prog)
	if p, err := Find("prodgrade-nothing", "SIDECAR_TEST"); err != nil || p != prog {
		t.Errorf("named by the environment: %q %v", p, err)
	}
	t.Setenv("SIDECAR_TEST", filepath.Join(dir, "missing"))
	if _, err := Find("prodgrade-nothing", "SIDECAR_TEST"); err == nil || !strings.Contains(err.Error(), "SIDECAR_TEST=") {
		t.Errorf("a missing named program: %v", err)
	}
	t.Setenv("SIDECAR_TEST", "")
	t.Setenv("PATH", dir)
	if p, err := Find("prog", "SIDECAR_TEST"); err != nil || p != prog {
		t.Errorf("on PATH: %q %v", p, err)
	}
	var nf *NotFound
	if _, err := Find("prodgrade-nothing", "SIDECAR_TEST"); !errors.As(err, &nf) || nf.ExeDir == "" {
		t.Errorf("nowhere: %v", err)
	}
}
