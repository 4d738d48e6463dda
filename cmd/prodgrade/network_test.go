package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestScanNeverTouchesTheNetwork scans every bundled example (Terraform,
// plans, Kubernetes, Helm, Kustomize, Compose, Dockerfiles) under strace and
// fails on any Internet socket the scan or its Helm renderer opens: a scan
// is offline, whatever the scanned code names (module registries, remote
// bases, chart repositories). Without strace, or where ptrace is not
// allowed, the test is skipped, saying so.
func TestScanNeverTouchesTheNetwork(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; not in -short")
	}
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("strace is not installed, so opened sockets cannot be observed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "prodgrade")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	trace := filepath.Join(dir, "trace")
	cmd := exec.Command(strace, "-f", "-qq", "-e", "trace=socket,connect", "-o", trace,
		bin, "scan", "../../examples", "--format", "json", "-o", filepath.Join(dir, "report.json"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	if strings.Contains(stderr.String(), "ptrace") {
		t.Skipf("strace cannot trace here: %s", strings.TrimSpace(stderr.String()))
	}
	var exit *exec.ExitError
	if err != nil && (!errors.As(err, &exit) || exit.ExitCode() != 1) {
		t.Fatalf("scan of the examples: %v (want exit 0 or 1)\n%s", err, stderr.String())
	}
	data, err := os.ReadFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, "AF_INET") || strings.Contains(line, "AF_NETLINK") {
			t.Errorf("the scan opened a network socket: %s", line)
		}
	}
}
