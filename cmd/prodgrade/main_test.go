package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/report"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// prodgrade runs the command line in-process and returns the exit code and output.
func prodgrade(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb, []string{"PATH=/usr/bin"})
	return code, out.String(), errb.String()
}

func TestVersion(t *testing.T) {
	if code, out, _ := prodgrade(t, "", "version"); code != 0 || !strings.HasPrefix(out, "prodgrade dev (go") {
		t.Errorf("version: %d %q", code, out)
	}
	if code, out, _ := prodgrade(t, "", "--version"); code != 0 || out != "prodgrade dev\n" {
		t.Errorf("--version: %d %q", code, out)
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"scan", "--help"}, {"rules", "--help"}, {"explain", "--help"}} {
		code, out, _ := prodgrade(t, "", args...)
		if code != 0 || !strings.Contains(out, "Usage:") || !strings.Contains(out, "prodgrade") {
			t.Errorf("%v: %d %q", args, code, out)
		}
	}
	if _, out, _ := prodgrade(t, "", "scan", "--help"); !strings.Contains(out, "Exit codes:") || !strings.Contains(out, "--fail-on") {
		t.Errorf("scan --help does not explain exit codes and flags:\n%s", out)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"scan", "testdata/does-not-exist"},
		{"scan", "--format", "xml", "testdata/good"},
		{"scan", "--fail-on", "severe", "testdata/good"},
		{"scan", "--var", "novalue", "testdata/good"},
		{"scan", "--var-file", "testdata/missing.tfvars", "testdata/good"},
		{"scan", "--input-format", "yaml", "-"},
		{"scan", "--max-read-size", "3XB", "testdata/good"},
		{"scan", "--allow-read", "testdata/nope", "testdata/good"},
		{"scan", "--no-such-flag"},
		{"rules", "--item", "uptime"},
		{"rules", "--platform", "gcp"},
		{"explain"},
		{"explain", "no-such-rule"},
		{"frobnicate"},
	} {
		code, out, errOut := prodgrade(t, "", args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if out != "" || !strings.HasPrefix(errOut, "prodgrade: ") {
			t.Errorf("%v: want the error on stderr only; stdout %q, stderr %q", args, out, errOut)
		}
	}
}

func TestScanExitCodes(t *testing.T) {
	// Nothing in testdata/good is covered by a rule.
	if code, out, _ := prodgrade(t, "", "scan", "testdata/good"); code != 0 || !strings.Contains(out, "testdata/good") {
		t.Errorf("good: exit %d, want 0\n%s", code, out)
	}

	// A file that does not parse: exit 2, reported with file:line, the rest still graded.
	code, out, _ := prodgrade(t, "", "scan", "testdata/bad", "testdata/good")
	if code != 2 {
		t.Errorf("bad: exit %d, want 2", code)
	}
	if !strings.Contains(out, "error    testdata/bad/main.tf:4  ") {
		t.Errorf("bad file not reported with file:line:\n%s", out)
	}
	if !strings.Contains(out, "\ntestdata/good ") {
		t.Errorf("good component not graded next to the bad one:\n%s", out)
	}

	// The same through standard input.
	bad, err := os.ReadFile("testdata/bad/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	if code, out, _ := prodgrade(t, string(bad), "scan", "-", "--input-format", "terraform"); code != 2 || !strings.Contains(out, "<stdin>:4") {
		t.Errorf("stdin: exit %d, want 2 and <stdin>:4\n%s", code, out)
	}

	// The first-try example has gaps once rules are registered.
	if len(rules.All()) == 0 {
		t.Log("no rules registered yet: skipping the exit-1 check")
		return
	}
	first := filepath.Join("..", "..", "examples", "first-try")
	if code, out, _ := prodgrade(t, "", "scan", first); code != 1 {
		t.Errorf("first-try: exit %d, want 1\n%s", code, out)
	}
	if code, _, _ := prodgrade(t, "", "scan", "--fail-on", "none", first); code != 0 {
		t.Errorf("first-try --fail-on none: exit %d, want 0", code)
	}
}

func TestScanJSONToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.json")
	code, stdout, stderr := prodgrade(t, "", "scan", "--format", "json", "--output", out, "testdata/bad")
	if code != 2 || stdout != "" || !strings.Contains(stderr, "report written to") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Schema     string
		Tool       struct{ Version string }
		Components []struct{ Verdicts map[string]string }
		Findings   []struct{ Severity, File string }
		Notes      []struct {
			Kind, File string
			Line       int
		}
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Schema != report.Schema || rep.Tool.Version != "dev" || len(rep.Components) != 1 || len(rep.Components[0].Verdicts) != 12 {
		t.Errorf("report = %+v", rep)
	}
	if len(rep.Notes) == 0 || rep.Notes[0].Kind != "error" || rep.Notes[0].File != "testdata/bad/main.tf" || rep.Notes[0].Line != 4 {
		t.Errorf("notes = %+v", rep.Notes)
	}
}

func TestRulesAndExplain(t *testing.T) {
	code, out, _ := prodgrade(t, "", "rules", "--format", "json")
	if code != 0 {
		t.Fatalf("rules --format json: exit %d", code)
	}
	// checklist.Severity has no UnmarshalText, so decode into plain strings.
	var cat struct {
		Schema string
		Rules  []struct{ ID, Title, Severity string }
	}
	if err := json.Unmarshal([]byte(out), &cat); err != nil {
		t.Fatal(err)
	}
	if cat.Schema != report.CatalogSchema || len(cat.Rules) != len(rules.All()) {
		t.Errorf("catalog: schema %q, %d rules, want %d", cat.Schema, len(cat.Rules), len(rules.All()))
	}
	if code, _, _ := prodgrade(t, "", "rules", "--item", "backup", "--platform", "aws"); code != 0 {
		t.Errorf("rules with filters: exit %d", code)
	}
	if len(cat.Rules) == 0 {
		t.Log("no rules registered yet: skipping explain checks")
		return
	}
	r := cat.Rules[0]
	code, out, _ = prodgrade(t, "", "explain", r.ID)
	if code != 0 || !strings.Contains(out, r.Title) || !strings.Contains(out, "Why it matters") || !strings.Contains(out, "How to fix") {
		t.Errorf("explain %s: exit %d\n%s", r.ID, code, out)
	}
	typo := r.ID[:len(r.ID)-1] + "x"
	if code, _, errOut := prodgrade(t, "", "explain", typo); code != 2 || !strings.Contains(errOut, "did you mean") {
		t.Errorf("explain %s: exit %d, stderr %q", typo, code, errOut)
	}
}

// decodeReport reads a JSON report's findings and notes.
func decodeReport(t *testing.T, out string) (findings []map[string]any, notes []map[string]any, comps []map[string]any) {
	t.Helper()
	var r struct {
		Components []map[string]any
		Findings   []map[string]any
		Notes      []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	return r.Findings, r.Notes, r.Components
}

func TestScanPlan(t *testing.T) {
	const dir, plan = "../../internal/source/tfjson/testdata/src/settles", "../../internal/source/tfjson/testdata/settles.plan.json"
	// HCL alone leaves the variables unknown; the plan settles them and
	// findings still point at the .tf file.
	_, out, _ := prodgrade(t, "", "scan", "--format", "json", dir)
	hcl, _, _ := decodeReport(t, out)
	code, out, _ := prodgrade(t, "", "scan", "--format", "json", "--plan", plan, dir)
	planned, _, comps := decodeReport(t, out)
	if code != 1 {
		t.Errorf("exit code %d, want 1 (the fixture has gaps)", code)
	}
	unknown := func(fs []map[string]any) (n int) {
		for _, f := range fs {
			if f["status"] == "unknown" {
				n++
			}
		}
		return n
	}
	if unknown(hcl) == 0 || unknown(planned) != 0 {
		t.Errorf("unknowns: HCL %d (want some), plan %d (want 0)", unknown(hcl), unknown(planned))
	}
	for _, f := range planned {
		if !strings.HasSuffix(f["file"].(string), "main.tf") || f["line"].(float64) == 0 {
			t.Errorf("finding not at the .tf source: %v", f)
		}
	}
	if len(comps) != 1 || !strings.Contains(comps[0]["kind"].(string), "plan") {
		t.Errorf("the component must say it was graded from the plan: %v", comps)
	}

	// The same plan as a path of its own is graded at plan addresses.
	code, out, _ = prodgrade(t, "", "scan", "--format", "json", plan)
	own, _, comps := decodeReport(t, out)
	if code != 1 || len(comps) != 1 || len(own) == 0 {
		t.Errorf("plan as a path: code %d, %d components, %d findings", code, len(comps), len(own))
	}

	// Windows-style UTF-16 and standard input read the same.
	code, out, _ = prodgrade(t, "", "scan", "--format", "json", "../../internal/source/tfjson/testdata/basic.plan.utf16le.json")
	utf16, _, _ := decodeReport(t, out)
	data, err := os.ReadFile("../../internal/source/tfjson/testdata/basic.plan.json")
	if err != nil {
		t.Fatal(err)
	}
	code2, out2, _ := prodgrade(t, string(data), "scan", "--format", "json", "-")
	stdin, _, _ := decodeReport(t, out2)
	if code != code2 || len(utf16) != len(stdin) || len(stdin) == 0 {
		t.Errorf("UTF-16 file (%d, %d findings) and stdin (%d, %d findings) differ", code, len(utf16), code2, len(stdin))
	}
}

func TestScanCorruptPlan(t *testing.T) {
	code, out, _ := prodgrade(t, "", "scan", "--format", "json", "../../internal/source/tfjson/testdata/corrupt.plan.json", "testdata/good")
	_, notes, comps := decodeReport(t, out)
	if code != 2 {
		t.Errorf("exit code %d, want 2", code)
	}
	found := false
	for _, n := range notes {
		if n["kind"] == "error" && strings.HasSuffix(n["file"].(string), "corrupt.plan.json") && n["line"].(float64) > 0 {
			found = true
		}
	}
	if !found {
		t.Errorf("the corrupt plan must be an error note with a line: %v", notes)
	}
	if len(comps) != 1 {
		t.Errorf("the rest is still graded: %d components", len(comps))
	}
	if code, _, errOut := prodgrade(t, "", "scan", "--plan", "testdata/missing.plan.json", "testdata/good"); code != 2 || !strings.Contains(errOut, "missing.plan.json") {
		t.Errorf("a missing --plan file is a usage error: %d %q", code, errOut)
	}
}

func TestScanPlanBesideItsConfiguration(t *testing.T) {
	dir := t.TempDir()
	for src, dst := range map[string]string{
		"../../internal/source/tfjson/testdata/src/settles/main.tf":   "main.tf",
		"../../internal/source/tfjson/testdata/settles.plan.json":     "plan.json",
		"../../internal/source/tfjson/testdata/src/settles/plan-vars": "plan-vars",
	} {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, dst), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Named alone, with its directory, with --plan from the directory above
	// (the path defaulting to "."), or with paths written differently: graded
	// once, from the plan, at the .tf lines.
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Dir(abs))
	rel := filepath.Base(abs)
	for _, args := range [][]string{
		{filepath.Join(dir, "plan.json")},
		{dir, filepath.Join(dir, "plan.json")},
		{"--plan", filepath.Join(rel, "plan.json")},
		{"--plan", filepath.Join(rel, "plan.json"), abs, filepath.Join(rel, "plan.json")},
	} {
		_, out, _ := prodgrade(t, "", append([]string{"scan", "--format", "json"}, args...)...)
		findings, _, comps := decodeReport(t, out)
		if len(comps) != 1 || !strings.Contains(comps[0]["kind"].(string), "plan") {
			t.Fatalf("%v: want one component graded from the plan, got %v", args, comps)
		}
		for _, f := range findings {
			if f["status"] == "unknown" || !strings.HasSuffix(f["file"].(string), "main.tf") {
				t.Errorf("%v: %v", args, f)
			}
		}
	}
}

func TestScanTerraformJSON(t *testing.T) {
	dir := t.TempDir()
	src := `{"resource": {"aws_db_instance": {"db": {"engine": "postgres", "backup_retention_period": 1}}}}`
	if err := os.WriteFile(filepath.Join(dir, "main.tf.json"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{dir}, {filepath.Join(dir, "main.tf.json")}, {"-"}} {
		_, out, _ := prodgrade(t, src, append([]string{"scan", "--format", "json"}, args...)...)
		findings, notes, comps := decodeReport(t, out)
		if len(comps) != 1 || len(notes) != 0 {
			t.Errorf("%v: components %v, notes %v", args, comps, notes)
		}
		found := false
		for _, f := range findings {
			found = found || f["rule"] == "aws-rds-backup-retention"
		}
		if !found {
			t.Errorf("%v: the .tf.json database is not graded: %v", args, findings)
		}
	}
}

func TestStdinKubernetes(t *testing.T) {
	manifest := "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 1\n" +
		"  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n" +
		"    spec: {containers: [{name: web, image: \"nginx:1.25\"}]}\n"
	for _, args := range [][]string{{"scan", "--format", "json", "-"}, {"scan", "--format", "json", "--input-format", "kubernetes", "-"}} {
		code, out, errOut := prodgrade(t, manifest, args...)
		if code != 1 || !strings.Contains(out, `"Deployment/default/web"`) || !strings.Contains(out, `"file": "<stdin>"`) {
			t.Errorf("%v: exit %d, %s\n%.1500s", args, code, errOut, out)
		}
	}
}

func TestHelmFlags(t *testing.T) {
	chart := "../../examples/kubernetes/production-grade/chart"
	if code, out, errOut := prodgrade(t, "", "scan", "--format", "json", chart); code != 0 {
		t.Fatalf("the production-grade chart: exit %d %s\n%.2000s", code, errOut, out)
	}
	code, out, _ := prodgrade(t, "", "scan", "--format", "json", "--helm-set", "autoscaling.minReplicas=1", chart)
	if code != 1 || !strings.Contains(out, `"k8s-hpa-min-replicas"`) || !strings.Contains(out, `templates/availability.yaml`) {
		t.Errorf("--helm-set did not reach the chart: exit %d\n%.2000s", code, out)
	}
	if code, _, errOut := prodgrade(t, "", "scan", "--helm-values", "nope.yaml", chart); code != 2 || !strings.Contains(errOut, "nope.yaml") {
		t.Errorf("a missing values file is a usage error: %d %s", code, errOut)
	}
}
