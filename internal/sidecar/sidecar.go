// Package sidecar finds the programs prodgrade starts only when a scan
// needs them — prodgrade-render for Helm charts, prodgrade-policy for
// custom rules — so that other scans do not pay for loading their
// libraries.
package sidecar

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// NotFound says a program is neither next to prodgrade nor on PATH.
type NotFound struct {
	Name string
	// ExeDir is the directory of the running executable ("" if unknown):
	// under go run it is a temporary build directory.
	ExeDir string
}

func (e *NotFound) Error() string { return e.Name + " is not next to prodgrade or on PATH" }

// Find looks for the program name (with ".exe" on Windows): at the path
// the environment variable env names, else next to the running
// executable, else on PATH.
func Find(name, env string) (string, error) {
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	if p := os.Getenv(env); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %v", env, p, err)
		}
		return p, nil
	}
	nf := &NotFound{Name: name}
	if exe, err := os.Executable(); err == nil {
		nf.ExeDir = filepath.Dir(exe)
		p := filepath.Join(nf.ExeDir, name)
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	return "", nf
}
