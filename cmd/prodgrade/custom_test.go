package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/report"
)

const examplePolicies = "../../examples/policies"

func TestTestRules(t *testing.T) {
	code, out, errOut := prodgrade(t, "", "test-rules", examplePolicies)
	if code != 0 || !strings.Contains(out, "2 rules, 4 cases, 14 resources: ok") || errOut != "" {
		t.Errorf("the examples: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"custom-payments-pdb (../../examples/policies/custom-payments-pdb)",
		"ok    payments: Deployment/payments/fail-fraud: fail (no PodDisruptionBudget in namespace payments selects",
		"ok    elsewhere: Deployment/shop/skip-catalog: no result (skip)",
		"ok    tags: aws_db_instance.fail_unknown_class: fail (data-classification is \"top-secret\"",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("test-rules does not print %q:\n%s", want, out)
		}
	}

	// A rule whose fixture says pass where the rule fails: exit 1, saying which.
	dir := t.TempDir()
	write(t, dir, "custom-owner/rule.yaml", "id: custom-owner\nitem: provision\nseverity: low\ntitle: Databases have an owner tag\n"+
		"why: Nobody answers for a database without an owner.\nfix: 'tags = { owner = \"payments\" }'\nkinds: [aws_db_instance]\n"+
		"cel: has(resource.attrs.tags) && 'owner' in resource.attrs.tags\n")
	write(t, dir, "custom-owner/testdata/tags/main.tf", "resource \"aws_db_instance\" \"pass_team_only\" {\n  tags = { team = \"payments\" }\n}\n"+
		"resource \"aws_db_instance\" \"fail_none\" {}\n")
	code, out, _ = prodgrade(t, "", "test-rules", dir)
	if code != 1 || !strings.Contains(out, "FAIL  tags: aws_db_instance.pass_team_only: want pass, got fail") || !strings.Contains(out, "1 FAILED") {
		t.Errorf("a mismatch: exit %d\n%s", code, out)
	}

	// A policy that does not compile: exit 2, naming file:line.
	write(t, dir, "custom-owner/rule.yaml", "id: custom-owner\nitem: provision\nseverity: low\ntitle: t\nwhy: w\nfix: f\nkinds: [aws_db_instance]\nrego: policy.rego\n")
	write(t, dir, "custom-owner/policy.rego", "package owner\n\nfail contains msg if {\n  msg := sprintf(\"%s\", [input.resource.address]\n}\n")
	code, out, errOut = prodgrade(t, "", "test-rules", dir)
	if code != 2 || out != "" || !strings.Contains(errOut, filepath.Join(dir, "custom-owner/policy.rego")+":") {
		t.Errorf("a broken policy: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}

	if code, _, errOut := prodgrade(t, "", "test-rules"); code != 2 || !strings.Contains(errOut, "requires at least 1 arg") {
		t.Errorf("no directory: exit %d %s", code, errOut)
	}
}

func TestScanPolicy(t *testing.T) {
	fixture := examplePolicies + "/custom-rds-data-classification/testdata/tags"
	findings := func(args ...string) (int, []report.Finding) {
		t.Helper()
		code, out, errOut := prodgrade(t, "", append([]string{"scan", "--format", "json"}, args...)...)
		var rep report.Report
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errOut)
		}
		var custom []report.Finding
		for _, f := range rep.Findings {
			if strings.HasPrefix(f.Rule, "custom-") || strings.HasPrefix(f.Rule, "team-") {
				custom = append(custom, f)
			}
		}
		return code, custom
	}

	if _, fs := findings(fixture); len(fs) != 0 {
		t.Errorf("custom findings without --policy: %+v", fs)
	}

	// A second directory of rules, with --policy given twice.
	dir := t.TempDir()
	write(t, dir, "team-db-port/rule.yaml", "id: team-db-port\nitem: networking\nseverity: info\ntitle: Databases do not listen on the default port\n"+
		"why: Scanners try the default port first.\nfix: port = 15432\nkinds: [aws_db_instance]\n"+
		"cel: '{\"status\": \"fail\", \"path\": \"engine\", \"message\": \"engine \" + resource.attrs.engine + \" on its default port\"}'\n")
	code, fs := findings("--policy", examplePolicies, "--policy", dir, fixture)
	if code != 1 {
		t.Errorf("exit %d, want 1: the custom rule fails at severity medium", code)
	}
	got := map[string]report.Finding{}
	for _, f := range fs {
		got[f.Rule+" "+f.Resource] = f
	}
	f, ok := got["custom-rds-data-classification aws_db_instance.fail_unknown_class"]
	if !ok || f.Status != "fail" || f.Line != 37 || !strings.HasSuffix(f.File, "testdata/tags/main.tf") ||
		f.Item != "security" || !strings.Contains(f.Fix, "data-classification = \"confidential\"") {
		t.Errorf("the data-classification finding is not at the tag's line (37) with the fix: %+v", f)
	}
	if f, ok := got["team-db-port aws_db_instance.pass_confidential"]; !ok || f.Line != 5 || f.Message != "engine postgres on its default port" {
		t.Errorf("the second directory's rule: %+v", f)
	}
	if len(got) != 3+4 {
		t.Errorf("want 3 data-classification and 4 port findings, got %d: %v", len(got), got)
	}

	// A directory named twice is read once.
	if code, fs := findings("--policy", examplePolicies, "--policy", examplePolicies+"/", fixture); code != 1 || len(fs) != 3 {
		t.Errorf("the examples named twice: exit %d, %d findings", code, len(fs))
	}

	// The configuration file's policies, with --policy after them.
	conf := t.TempDir()
	abs, _ := filepath.Abs(examplePolicies)
	write(t, conf, ".prodgrade.yaml", "version: 1\npolicies: ["+abs+"]\n")
	data, _ := os.ReadFile(fixture + "/main.tf")
	write(t, conf, "main.tf", string(data))
	if code, fs := findings(conf); code != 1 || len(fs) != 3 {
		t.Errorf("policies from .prodgrade.yaml: exit %d, %d findings", code, len(fs))
	}
	if code, fs := findings("--policy", dir, conf); code != 1 || len(fs) != 3+4 {
		t.Errorf("policies from .prodgrade.yaml and --policy: exit %d, %d findings", code, len(fs))
	}

	// Mistakes are usage errors, before anything is scanned.
	copied := t.TempDir()
	rule, _ := os.ReadFile(filepath.Join(dir, "team-db-port", "rule.yaml"))
	write(t, copied, "team-db-port/rule.yaml", string(rule))
	for _, args := range [][]string{
		{"scan", "--policy", filepath.Join(dir, "nope"), fixture},
		{"scan", "--policy", dir, "--policy", copied, fixture}, // one rule id in two directories
	} {
		if code, out, errOut := prodgrade(t, "", args...); code != 2 || out != "" || !strings.HasPrefix(errOut, "prodgrade: custom rules") {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
