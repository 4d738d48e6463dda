package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/report"
)

const (
	rtDB = `resource "aws_db_instance" "%s" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  backup_retention_period = %s
}
`
	rtBucket = `resource "aws_s3_bucket" "uploads" {
  bucket = "shop-uploads"
}
`
	rtDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1.0
`
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func db(name, retention string) string {
	return strings.NewReplacer("%s\" {", name+"\" {", "= %s\n", "= "+retention+"\n").Replace(rtDB)
}

func readBaseline(t *testing.T, path string) []report.BaselineEntry {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var b struct {
		Schema   string
		Findings []report.BaselineEntry
	}
	if err := json.Unmarshal(data, &b); err != nil || b.Schema != "prodgrade/baseline/v1" {
		t.Fatalf("baseline %s: %v, schema %q", path, err, b.Schema)
	}
	return b.Findings
}

// gapsListed is the part of a text report that lists gaps one by one.
func gapsListed(out string) string {
	_, s, _ := strings.Cut(out, "GAPS BY CHECKLIST ITEM")
	s, _, _ = strings.Cut(s, "In the baseline (not listed")
	return s
}

func TestBaselineRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "repo")
	base := filepath.Join(t.TempDir(), "baseline.json")
	writeFiles(t, dir, map[string]string{
		"infra/main.tf":  db("a", "0") + "\n" + db("b", "0"),
		"k8s/web.yaml":   rtDeployment,
		"infra/notes.md": "not scanned",
	})

	// Record today's gaps.
	code, out, errOut := prodgrade(t, "", "baseline", "-o", base, dir)
	if code != 0 || !strings.Contains(out, "Recorded ") || !strings.Contains(out, "prodgrade scan --baseline "+base) {
		t.Fatalf("baseline -o: exit %d\n%s%s", code, out, errOut)
	}
	entries := readBaseline(t, base)
	if len(entries) < 10 {
		t.Fatalf("the baseline holds %d entries; the code has more gaps than that", len(entries))
	}

	// Without the baseline the code fails; with it, it passes.
	if code, _, _ := prodgrade(t, "", "scan", dir); code != 1 {
		t.Fatalf("scan without the baseline: exit %d, want 1", code)
	}
	code, out, _ = prodgrade(t, "", "scan", "--baseline", base, dir)
	if code != 0 || strings.Contains(gapsListed(out), "aws_db_instance") {
		t.Fatalf("scan --baseline on the same code: exit %d, want 0 with no gap listed\n%s", code, out)
	}
	for _, want := range []string{"findings are in the baseline (" + base + "), none of its entries is fixed.", "No gap is new.",
		"In the baseline (not listed", "\n  Data backup          ", " in the baseline, "} {
		if !strings.Contains(out, want) {
			t.Errorf("scan --baseline output lacks %q:\n%s", want, out)
		}
	}

	// A new bad resource, with lines moved above the old ones: only its gaps are listed, and they gate.
	writeFiles(t, dir, map[string]string{"infra/main.tf": rtBucket + "\n" + db("a", "0") + "\n" + db("b", "0")})
	code, out, _ = prodgrade(t, "", "scan", "--baseline", base, dir)
	listed := gapsListed(out)
	if code != 1 || !strings.Contains(listed, "aws_s3_bucket.uploads") {
		t.Fatalf("a new gap: exit %d, want 1 listing aws_s3_bucket.uploads\n%s", code, out)
	}
	for _, old := range []string{"aws_db_instance.a", "aws_db_instance.b", "Deployment/shop/web"} {
		if strings.Contains(listed, old+"  ") {
			t.Errorf("a baselined gap of %s is listed as new:\n%s", old, listed)
		}
	}
	code, out, _ = prodgrade(t, "", "scan", "--format", "json", "--baseline", base, dir)
	var rep report.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 || rep.Baseline == nil {
		t.Fatalf("json: exit %d, %v, baseline %+v", code, err, rep.Baseline)
	}
	newGaps := 0
	for _, f := range rep.Findings {
		if f.Status == "fail" && !f.Baselined {
			newGaps++
			if f.Resource != "aws_s3_bucket.uploads" {
				t.Errorf("new gap on an old resource: %s %s %s", f.Rule, f.Resource, f.Message)
			}
		}
	}
	if rep.Baseline.New != newGaps || rep.Baseline.Known != len(entries) || len(rep.Baseline.Fixed) != 0 || rep.Baseline.File != base {
		t.Errorf("baseline comparison %+v; want %d new, %d known, none fixed", *rep.Baseline, newGaps, len(entries))
	}

	// Fix an old gap: the baseline entry is listed as fixed.
	writeFiles(t, dir, map[string]string{"infra/main.tf": rtBucket + "\n" + db("a", "14") + "\n" + db("b", "0")})
	code, out, _ = prodgrade(t, "", "scan", "--baseline", base, dir)
	if code != 1 || !strings.Contains(out, "1 of its entries is fixed: run prodgrade baseline --update "+base) ||
		!strings.Contains(out, "fixed  aws-rds-backup-retention  aws_db_instance.a  ") {
		t.Fatalf("a fixed gap: exit %d, want 1 and the entry listed as fixed\n%s", code, out)
	}

	// The ratchet: --update drops the fixed entry and adds none of the new gaps.
	code, out, errOut = prodgrade(t, "", "baseline", "--update", base, dir)
	if code != 0 || !strings.Contains(out, "dropped 1 fixed entry, kept "+itoa(len(entries)-1)) ||
		!strings.Contains(out, "fixed  aws-rds-backup-retention  aws_db_instance.a") ||
		!strings.Contains(out, "not in the baseline were not added") {
		t.Fatalf("baseline --update: exit %d\n%s%s", code, out, errOut)
	}
	updated := readBaseline(t, base)
	if len(updated) != len(entries)-1 {
		t.Errorf("%d entries after the update, want %d", len(updated), len(entries)-1)
	}
	for _, e := range updated {
		if e.Resource == "aws_s3_bucket.uploads" || e.Rule == "aws-rds-backup-retention" && e.Resource == "aws_db_instance.a" {
			t.Errorf("entry %+v is in the updated baseline", e)
		}
	}
	code, out, _ = prodgrade(t, "", "scan", "--baseline", base, dir)
	if code != 1 || !strings.Contains(out, "none of its entries is fixed") {
		t.Errorf("after the update: exit %d\n%s", code, out)
	}
	// Once the new gaps are gone too, the gate passes.
	if err := os.WriteFile(filepath.Join(dir, "infra/main.tf"), []byte(db("a", "14")+"\n"+db("b", "0")), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := prodgrade(t, "", "scan", "--baseline", base, dir); code != 0 {
		t.Errorf("without the new gaps: exit %d, want 0\n%s", code, out)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": db("a", "0")})
	reportFile := filepath.Join(dir, "report.json")
	if code, _, _ := prodgrade(t, "", "scan", "--format", "json", "-o", reportFile, dir); code != 1 {
		t.Fatalf("scan: exit %d", code)
	}
	missing := filepath.Join(dir, "missing.json")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"scan", "--baseline", missing, dir}, "--baseline: cannot read the baseline"},
		{[]string{"scan", "--baseline", reportFile, dir}, `is not a prodgrade baseline: its schema is "prodgrade/report/v1"`},
		{[]string{"baseline", dir}, "give -o FILE to record a baseline, or --update FILE"},
		{[]string{"baseline", "-o", missing, "--update", reportFile, dir}, "not both"},
		{[]string{"baseline", "--update", missing, dir}, "--update: cannot read the baseline"},
		{[]string{"baseline", "--update", reportFile, dir}, "not a prodgrade baseline"},
		{[]string{"baseline", "-o", filepath.Join(dir, "no-such-dir", "b.json"), dir}, "writing the baseline"},
	} {
		code, out, errOut := prodgrade(t, "", tc.args...)
		if code != 2 || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.args, code, out, errOut, tc.want)
		}
	}
}

func TestBaselineWithAnInputError(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "repo")
	base := filepath.Join(t.TempDir(), "baseline.json")
	writeFiles(t, dir, map[string]string{"a/main.tf": db("a", "0"), "b/main.tf": db("b", "0")})
	if code, out, errOut := prodgrade(t, "", "baseline", "-o", base, dir); code != 0 {
		t.Fatalf("baseline -o: exit %d\n%s%s", code, out, errOut)
	}
	before, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	// b/main.tf no longer parses: its entries must not be dropped as fixed.
	writeFiles(t, dir, map[string]string{"b/main.tf": "resource \"aws_db_instance\" \"b\" {\n  engine = = \"postgres\"\n}\n"})
	code, out, errOut := prodgrade(t, "", "baseline", "--update", base, dir)
	if code != 2 || !strings.Contains(errOut, "b/main.tf") || !strings.Contains(errOut, "not updated") {
		t.Errorf("--update with an input error: exit %d, want 2 naming the file\n%s%s", code, out, errOut)
	}
	if after, _ := os.ReadFile(base); string(after) != string(before) {
		t.Error("the baseline was changed although an input could not be read")
	}
	// Recording still works (with what the loader recovered of the
	// file), says that findings may be missing, and exits 2.
	partial := filepath.Join(t.TempDir(), "partial.json")
	code, out, errOut = prodgrade(t, "", "baseline", "-o", partial, dir)
	if code != 2 || !strings.Contains(errOut, "b/main.tf") || !strings.Contains(out, "may be missing from the baseline") {
		t.Errorf("-o with an input error: exit %d, want 2\n%s%s", code, out, errOut)
	}
	if len(readBaseline(t, partial)) == 0 {
		t.Error("nothing recorded beside the input that could not be read")
	}
}

func TestBaselineHelp(t *testing.T) {
	code, out, _ := prodgrade(t, "", "baseline", "--help")
	for _, want := range []string{"--update", "--output", "--var-file", "--helm-values", "ratchet", "Exit codes:"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("baseline --help: exit %d, no %q:\n%s", code, want, out)
		}
	}
	if _, out, _ := prodgrade(t, "", "scan", "--help"); !strings.Contains(out, "--baseline FILE") {
		t.Errorf("scan --help does not explain --baseline:\n%s", out)
	}
}
