// Package evaltest lets a test binary be its own prodgrade-policy, so the
// tests of packages that load custom rules need no separate build. Call
// Init first thing in TestMain:
//
//	func TestMain(m *testing.M) { evaltest.Init(); os.Exit(m.Run()) }
package evaltest

import (
	"fmt"
	"os"

	"github.com/prodgrade/prodgrade/internal/policy/custom/engine"
)

// EvaluatorEnv and ServeEnv are custom's (a test in package custom checks
// they agree; this package cannot import custom, whose tests use it).
// custom.Load sets ServeEnv in the evaluator's environment only, so other
// processes the test binary starts (fuzz workers) stay test binaries.
const (
	EvaluatorEnv = "PRODGRADE_POLICY"
	ServeEnv     = "PRODGRADE_POLICY_SERVE"
)

// Init makes the running test binary the evaluator: started by a custom
// rule's Load, it serves the wire protocol and exits; otherwise it names
// itself in PRODGRADE_POLICY, unless that is set already (to test a built
// prodgrade-policy).
func Init() {
	if os.Getenv(ServeEnv) == "1" {
		if err := engine.Serve(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "prodgrade-policy (test binary):", err)
			os.Exit(2)
		}
		os.Exit(0)
	}
	if os.Getenv(EvaluatorEnv) != "" {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "evaltest:", err)
		os.Exit(1)
	}
	os.Setenv(EvaluatorEnv, exe)
}
