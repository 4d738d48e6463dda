package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/report"
)

// bucketTF is a root module whose gaps are known: the bucket has no
// versioning (aws-s3-versioning, medium) among others.
const bucketTF = `terraform {
  required_version = ">= 1.6"
}
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}
`

// tree writes files into a new temporary directory and returns it.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	writeFiles(t, root, files)
	return root
}

func scanJSON(t *testing.T, args ...string) (int, *report.Report, string) {
	t.Helper()
	code, out, errOut := prodgrade(t, "", append([]string{"scan", "--format", "json"}, args...)...)
	if code == 2 && out == "" {
		return code, nil, errOut
	}
	var r report.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("report: %v\n%s\n%s", err, out, errOut)
	}
	return code, &r, errOut
}

// The configuration file found above the scanned path decides the tier,
// the gate, waivers and attestations, end to end.
func TestConfigFileEndToEnd(t *testing.T) {
	root := tree(t, map[string]string{
		"infra/data/main.tf": bucketTF,
		".prodgrade.yaml": `version: 1
tier: relaxed
tiers:
  relaxed:
    fail_on: critical
  strict:
    fail_on: low
components:
  - name: data
    paths: [infra/data]
    owner: team-data
waivers:
  - rule: aws-s3-versioning
    resource: aws_s3_bucket.data
    reason: the bucket holds a cache that is rebuilt
    owner: alice
    expires: 2999-12-31
attestations:
  - {item: performance, component: data, evidence: "https://wiki.example.com/load", by: bob, date: 2026-01-01, expires: 2999-01-01}
`,
	})
	code, r, _ := scanJSON(t, filepath.Join(root, "infra", "data"))
	if code != 0 {
		t.Errorf("relaxed tier (fail_on critical): exit %d, want 0", code)
	}
	if len(r.Components) != 1 || r.Components[0].Name != "data" || r.Components[0].Tier != "relaxed" ||
		r.Components[0].Owner != "team-data" || r.Components[0].Kind != "terraform root module" {
		t.Fatalf("components: %+v", r.Components)
	}
	waived := 0
	for _, f := range r.Findings {
		if f.Rule == "aws-s3-versioning" {
			if f.Status != "waived" || !strings.HasSuffix(f.Waiver, ".prodgrade.yaml:13") {
				t.Errorf("versioning finding: %+v", f)
			}
			waived++
		}
	}
	if waived != 1 || len(r.Waivers) != 1 || r.Waivers[0].Status != "active" || r.Waivers[0].Matched != 1 {
		t.Errorf("waived %d, waivers %+v", waived, r.Waivers)
	}
	if r.Components[0].Verdicts["performance"] != "attested" && r.Components[0].Verdicts["performance"] != "gaps" {
		t.Errorf("performance: %s", r.Components[0].Verdicts["performance"])
	}
	if len(r.Attestations) != 1 || r.Attestations[0].Status != "valid" {
		t.Errorf("attestations: %+v", r.Attestations)
	}
	// --tier strict gates on every gap; --fail-on, given, wins over tiers.
	if code, _, _ := scanJSON(t, "--tier", "strict", filepath.Join(root, "infra", "data")); code != 1 {
		t.Errorf("--tier strict: exit %d, want 1", code)
	}
	if code, _, _ := scanJSON(t, "--fail-on", "low", filepath.Join(root, "infra", "data")); code != 1 {
		t.Errorf("--fail-on low: exit %d, want 1", code)
	}
	// The text report shows the tier and the waiver.
	_, out, _ := prodgrade(t, "", "scan", "--no-color", filepath.Join(root, "infra", "data"))
	for _, want := range []string{"TIER", "relaxed", "WAIVERS", "active   ", "alice, until 2999-12-31, 1 result", "ATTESTATIONS", "1 waived"} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
}

func TestExpiredWaiverGates(t *testing.T) {
	root := tree(t, map[string]string{
		"main.tf": bucketTF,
		"policy.yaml": `version: 1
waivers:
  - {rule: aws-s3-versioning, reason: r, owner: alice@example.com, expires: 2000-01-01}
`,
	})
	code, r, _ := scanJSON(t, "--config", filepath.Join(root, "policy.yaml"), "--fail-on", "medium", root)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	found := false
	for _, f := range r.Findings {
		if f.Rule == "aws-s3-versioning" {
			found = f.Status == "fail" && strings.Contains(f.Message, "by alice@example.com expired on 2000-01-01")
		}
	}
	if !found || r.Waivers[0].Status != "expired" {
		t.Errorf("expired waiver: findings %+v waivers %+v", r.Findings, r.Waivers)
	}
}

func TestInvalidConfigIsAUsageError(t *testing.T) {
	root := tree(t, map[string]string{
		"main.tf":         bucketTF,
		".prodgrade.yaml": "version: 1\nrules:\n  aws-s3-versionin: {enabled: false}\ntiers:\n  t: {fail_on: lowish}\n",
	})
	code, _, errOut := prodgrade(t, "", "scan", root)
	if code != 2 || !strings.Contains(errOut, ".prodgrade.yaml:3: rule \"aws-s3-versionin\" does not exist") ||
		!strings.Contains(errOut, ".prodgrade.yaml:5: at tiers.t.fail_on: value must be one of") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
	if code, _, errOut := prodgrade(t, "", "scan", "--tier", "gold", "--config", filepath.Join(root, "nope.yaml"), root); code != 2 || !strings.Contains(errOut, "nope.yaml") {
		t.Errorf("missing --config: exit %d, %s", code, errOut)
	}
}

// init lists what it finds; attest adds to the file it wrote; the scan
// then counts the item attested.
func TestInitThenAttest(t *testing.T) {
	root := tree(t, map[string]string{"infra/main.tf": bucketTF})
	code, out, errOut := prodgrade(t, "", "init", root)
	if code != 0 || !strings.Contains(out, "1 components") {
		t.Fatalf("init: %d %s %s", code, out, errOut)
	}
	cfg := filepath.Join(root, ".prodgrade.yaml")
	if code, _, errOut := prodgrade(t, "", "init", root); code != 2 || !strings.Contains(errOut, "--force") {
		t.Errorf("init over an existing file: %d %s", code, errOut)
	}
	code, _, errOut = prodgrade(t, "", "attest", "--config", cfg, "--item", "performance", "--component", "infra",
		"--evidence", "https://wiki.example.com/load", "--by", "alice", "--date", "2026-01-01", "--expires", "2999-01-01")
	if code != 0 {
		t.Fatalf("attest: %d %s", code, errOut)
	}
	if code, _, errOut := prodgrade(t, "", "attest", "--config", cfg, "--item", "speed", "--component", "infra", "--evidence", "x", "--by", "a"); code != 2 || !strings.Contains(errOut, "speed") {
		t.Errorf("attest of no item: %d %s", code, errOut)
	}
	_, r, errOut := scanJSON(t, filepath.Join(root, "infra"))
	if r == nil || len(r.Components) != 1 || r.Components[0].Name != "infra" || r.Components[0].Tier != "standard" ||
		len(r.Attestations) != 1 || r.Attestations[0].Status != "valid" {
		t.Fatalf("scan after init and attest: %+v %s", r, errOut)
	}
}

// A Terraform tag, a Kubernetes label and a Dockerfile LABEL naming the
// same component join a root module, an application and an image into one,
// with the configured owner.
func TestLabelsJoinAcrossFormats(t *testing.T) {
	root := tree(t, map[string]string{
		"infra/main.tf": `resource "aws_s3_bucket" "data" {
  bucket = "acme-payments"
  tags   = { "prodgrade.io/component" = "payments" }
}
`,
		"k8s/app.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: pay
  labels: {app: api, prodgrade.io/component: payments}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: "example/api:1.0"}]
`,
		"api/Dockerfile": "FROM alpine:3.20\nLABEL prodgrade.io/component=payments maintainer=\"team-pay\"\nCMD [\"sh\"]\n",
		"other/main.tf": `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}
`,
		".prodgrade.yaml": "version: 1\ncomponents:\n  - {name: payments, names: [nothing-else], owner: team-pay}\n",
	})
	_, r, errOut := scanJSON(t, root)
	if r == nil {
		t.Fatal(errOut)
	}
	var names []string
	for _, c := range r.Components {
		names = append(names, c.Name+" "+c.Kind+" "+c.Owner)
	}
	if len(r.Components) != 2 || r.Components[0].Name != "payments" || r.Components[0].Kind != report.DeclaredKind ||
		r.Components[0].Owner != "team-pay" || r.Components[0].Counts.Resources != 3 {
		t.Errorf("components: %q", names)
	}
}

// rules and explain know custom rules when given their directory.
func TestRulesAndExplainWithPolicy(t *testing.T) {
	code, out, errOut := prodgrade(t, "", "rules", "--policy", "../../examples/policies")
	if code != 0 || !strings.Contains(out, "custom-payments-pdb") || !strings.Contains(out, "aws-rds-backup-retention") {
		t.Errorf("rules --policy: %d %s %s", code, out, errOut)
	}
	code, out, errOut = prodgrade(t, "", "explain", "custom-rds-data-classification", "--policy", "../../examples/policies")
	if code != 0 || !strings.Contains(out, "RDS instances are tagged with their data classification") {
		t.Errorf("explain --policy: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := prodgrade(t, "", "explain", "custom-rds-data-classification"); code != 2 || !strings.Contains(errOut, "no rule") {
		t.Errorf("explain without --policy: %d %s", code, errOut)
	}
}
