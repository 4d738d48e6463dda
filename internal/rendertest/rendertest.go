// Package rendertest builds prodgrade-render for the tests of packages
// that scan Helm charts. Use it from TestMain:
//
//	func TestMain(m *testing.M) { rendertest.Main(m) }
package rendertest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/prodgrade/prodgrade/internal/source/helm"
)

// Main builds cmd/prodgrade-render into a temporary directory, names it in
// PRODGRADE_RENDER and runs the tests. When PRODGRADE_RENDER is set
// already, that renderer is used. Without the go command the package's
// tests are skipped, saying so: they need the renderer.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if os.Getenv(helm.RendererEnv) != "" {
		return m.Run()
	}
	if _, err := exec.LookPath("go"); err != nil {
		fmt.Fprintln(os.Stderr, "SKIP: these tests render Helm charts with prodgrade-render, and there is no go command to build it:", err)
		return 0
	}
	dir, err := os.MkdirTemp("", "prodgrade-render")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	exe := filepath.Join(dir, "prodgrade-render")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	cmd := exec.Command("go", "build", "-o", exe, "github.com/prodgrade/prodgrade/cmd/prodgrade-render")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building prodgrade-render for the tests:", err)
		return 1
	}
	os.Setenv(helm.RendererEnv, exe)
	return m.Run()
}
