// Command prodgrade-policy evaluates custom rules (Rego and CEL policies)
// for prodgrade. prodgrade starts it once per scan that has custom rules
// and speaks internal/policy/custom/wire on its standard input and output:
// one Load (every policy compiled once), then Evals, answered concurrently.
// It is a program of its own so that scans without custom rules do not
// pay for initialising OPA and CEL.
//
// It reads no file and uses no network: the policies and the inputs come
// from prodgrade.
package main

import (
	"fmt"
	"os"

	"github.com/prodgrade/prodgrade/internal/policy/custom/engine"
)

func main() {
	if err := engine.Serve(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "prodgrade-policy:", err)
		os.Exit(2)
	}
}
