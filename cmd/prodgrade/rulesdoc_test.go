package main

import (
	"flag"
	"os"
	"testing"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/rules.md from the rule registry")

// TestRulesDoc keeps docs/rules.md equal to `prodgrade rules --format
// markdown`, so the published catalog is the registry. After adding or
// changing a rule: go test ./cmd/prodgrade -run TestRulesDoc -update-docs
func TestRulesDoc(t *testing.T) {
	code, out, errOut := prodgrade(t, "", "rules", "--format", "markdown")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	const path = "../../docs/rules.md"
	if *updateDocs {
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != out {
		t.Errorf("docs/rules.md is not the rule registry's catalog; run: go test ./cmd/prodgrade -run TestRulesDoc -update-docs")
	}
}
