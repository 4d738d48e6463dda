package policy

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

var (
	ruleA = &rules.Rule{ID: "aws-test-a", Item: checklist.Backup, Severity: checklist.High,
		Params: []rules.Param{{Name: "min_days", Default: 7, Doc: "d"}}}
	ruleB = &rules.Rule{ID: "aws-test-b", Item: checklist.Logs, Severity: checklist.Medium}
)

func known(id string) bool { return id == ruleA.ID || id == ruleB.ID }

func params(id string) []string {
	if id == ruleA.ID {
		return []string{"min_days"}
	}
	return nil
}

func parse(t *testing.T, text string) *Config {
	t.Helper()
	cfg, err := Parse(filepath.Join(t.TempDir(), ".prodgrade.yaml"), []byte(text), known, params)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return cfg
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Every mistake is reported at the line that holds it, saying what is
// allowed, and all of them at once.
func TestConfigErrorsAreAtTheirLine(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string // "line: text" fragments, in order
	}{
		{"empty", "", []string{"the file is empty"}},
		{"no version", "tier: x\n", []string{"1: at the top level: missing property 'version'"}},
		{"unknown key", "version: 1\ntiers: {}\nwaiverz: []\n", []string{"1: at the top level: additional properties 'waiverz' not allowed"}},
		{"bad severity", "version: 1\ntiers:\n  t:\n    fail_on: lowish\n", []string{"4: at tiers.t.fail_on: value must be one of"}},
		{"bad item", "version: 1\ntiers:\n  t:\n    items:\n      speed: {required: false}\n", []string{"5: at tiers.t.items: additional properties 'speed' not allowed"}},
		{"waiver without owner", "version: 1\nwaivers:\n  - rule: aws-test-a\n    reason: r\n    expires: 2030-01-01\n", []string{"3: at waivers.0: missing property 'owner'"}},
		{"waiver without rule or item", "version: 1\nwaivers:\n  - reason: r\n    owner: o\n    expires: 2030-01-01\n",
			[]string{"3: at waivers.0: missing property 'rule'", "3: at waivers.0: missing property 'item'"}},
		{"bad date", "version: 1\nwaivers:\n  - rule: aws-test-a\n    reason: r\n    owner: o\n    expires: 2030-02-30\n", []string{`6: expires "2030-02-30" is not a day of the calendar`}},
		{"unknown rule", "version: 1\nrules:\n  aws-nope: {enabled: false}\n", []string{`3: rule "aws-nope" does not exist`}},
		{"unknown param", "version: 1\nrules:\n  aws-test-a:\n    params: {max_days: 3}\n", []string{`4: rule aws-test-a has no parameter "max_days": it declares only min_days`}},
		{"unknown tier", "version: 1\ntier: gold\ntiers:\n  silver: {}\n", []string{`2: tier "gold" is not defined under tiers (defined: silver)`}},
		{"duplicate component", "version: 1\ncomponents:\n  - {name: a, paths: [x]}\n  - {name: a, paths: [y]}\n", []string{`4: component "a" is declared twice (first at line 3)`}},
		{"attested after expiry", "version: 1\nattestations:\n  - {item: backup, component: a, evidence: e, by: b, date: 2026-01-02, expires: 2026-01-01}\n",
			[]string{"3: the attestation expires (2026-01-01) before it was made (2026-01-02)"}},
		{"duplicate key", "version: 1\ntier: a\ntier: b\n", []string{"3: tier is written twice (first at line 2)"}},
		{"not yaml", "version: 1\ntiers: [\n", []string{":3:"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("cfg.yaml", []byte(c.text), known, params)
			if err == nil {
				t.Fatal("no error")
			}
			got := err.Error()
			at := 0
			for _, w := range c.want {
				i := strings.Index(got[at:], w)
				if i < 0 {
					t.Fatalf("error does not hold %q (in order):\n%s", w, got)
				}
				at += i + len(w)
			}
			if !strings.HasPrefix(got, "cfg.yaml") {
				t.Errorf("error does not name the file: %s", got)
			}
		})
	}
}

// The schema shipped in docs/ is the one the binary validates with.
func TestSchemaDocIsTheEmbeddedSchema(t *testing.T) {
	doc, err := os.ReadFile("../../docs/prodgrade.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(doc, schemaJSON) {
		t.Error("docs/prodgrade.schema.json differs from internal/policy/schema.json: copy one over the other")
	}
}

func resource(addr string) *infra.Resource {
	return &infra.Resource{Kind: "aws_db_instance", Address: addr, Loc: infra.Location{File: "main.tf", Pos: infra.Pos{Line: 1}}}
}

func results() []rules.Result {
	return []rules.Result{
		{Rule: ruleA, Resource: resource("aws_db_instance.main"), Status: checklist.Fail, Message: "a on main"},
		{Rule: ruleA, Resource: resource("aws_db_instance.replica"), Status: checklist.Fail, Message: "a on replica"},
		{Rule: ruleB, Resource: resource("aws_db_instance.main"), Status: checklist.Unknown, Message: "b on main"},
		{Rule: ruleB, Resource: resource("aws_db_instance.replica"), Status: checklist.Pass},
	}
}

func TestWaivers(t *testing.T) {
	cfg := parse(t, `version: 1
waivers:
  - rule: aws-test-a
    resource: "aws_db_instance.rep*"
    component: "shop*"
    reason: the replica is rebuilt from the primary
    owner: alice
    expires: 2027-01-31
  - item: logs
    reason: logs are shipped by the platform
    owner: bob
    expires: 2026-12-01
  - rule: aws-test-a
    file: "modules/**"
    reason: results in main.tf are not under modules/
    owner: dave
    expires: 2030-01-01
  - rule: aws-test-a
    component: other
    reason: never used
    owner: carol
    expires: 2030-01-01
`)
	p, err := New(cfg, "", day("2027-01-10"), nil)
	if err != nil {
		t.Fatal(err)
	}
	j := p.Apply(&infra.Component{Name: "shop-db"}, results())
	want := []checklist.Status{checklist.Fail, checklist.Waived, checklist.Unknown, checklist.Pass}
	for i, w := range want {
		if j.Results[i].Status != w {
			t.Errorf("result %d (%s): %s, want %s", i, j.Results[i].Message, j.Results[i].Status, w)
		}
	}
	if id := j.WaivedBy[1]; !strings.HasSuffix(id, ".prodgrade.yaml:3") {
		t.Errorf("waived by %q, want the waiver's file:line", id)
	}
	// The item waiver expired on 2026-12-01: the unknown stays, and its
	// message is left alone (only a fail says who must renew).
	if j.Results[2].Message != "b on main" {
		t.Errorf("an expired waiver changed an unknown's message: %q", j.Results[2].Message)
	}
	var got []string
	for _, ws := range p.Waivers() {
		got = append(got, ws.Waiver.Owner+" "+ws.Status)
	}
	if strings.Join(got, ", ") != "alice expiring, bob expired, dave stale, carol stale" {
		t.Errorf("waiver statuses: %v", got)
	}

	// An expired waiver on a fail: the fail stands and names the owner.
	cfg = parse(t, "version: 1\nwaivers:\n  - {rule: aws-test-a, reason: r, owner: dave, expires: 2026-01-01}\n")
	p, _ = New(cfg, "", day("2026-01-02"), nil)
	j = p.Apply(&infra.Component{Name: "x"}, results())
	if j.Results[0].Status != checklist.Fail || !strings.Contains(j.Results[0].Message, "by dave expired on 2026-01-01: renew it or fix this") {
		t.Errorf("expired waiver: %s %q", j.Results[0].Status, j.Results[0].Message)
	}
	// On its last day it still waives.
	p, _ = New(cfg, "", day("2026-01-01"), nil)
	if j = p.Apply(&infra.Component{Name: "x"}, results()); j.Results[0].Status != checklist.Waived {
		t.Errorf("on its last day the waiver does not waive: %s", j.Results[0].Status)
	}
}

func TestTiers(t *testing.T) {
	cfg := parse(t, `version: 1
tier: standard
tiers:
  standard:
    fail_on: medium
    items:
      performance: {required: false}
      backup: {fail_on: high}
  critical: {}
components:
  - {name: pay, paths: [infra/pay], owner: team-pay, tier: critical}
`)
	p, _ := New(cfg, "", day("2026-01-01"), nil)
	j := p.Apply(&infra.Component{Name: "web"}, nil)
	if j.Tier != "standard" || j.Gates[checklist.Performance] != "none" || j.Gates[checklist.Backup] != "high" || j.Gates[checklist.Logs] != "medium" {
		t.Errorf("default tier: %q %v", j.Tier, j.Gates)
	}
	j = p.Apply(&infra.Component{Name: "pay"}, nil)
	if j.Tier != "critical" || j.Owner != "team-pay" || j.Gates[checklist.Performance] != "low" {
		t.Errorf("component tier: %q %q %v", j.Tier, j.Owner, j.Gates)
	}
	p, _ = New(cfg, "standard", day("2026-01-01"), nil) // --tier wins
	if j = p.Apply(&infra.Component{Name: "pay"}, nil); j.Tier != "standard" {
		t.Errorf("--tier standard: %q", j.Tier)
	}
	if _, err := New(cfg, "gold", day("2026-01-01"), nil); err == nil || !strings.Contains(err.Error(), "defines: critical, standard") {
		t.Errorf("--tier gold: %v", err)
	}
	if _, err := New(nil, "gold", day("2026-01-01"), nil); err == nil {
		t.Error("--tier without configuration: no error")
	}
	// Without any tier, nothing is gated by tier: --fail-on decides.
	p, _ = New(parse(t, "version: 1\n"), "", day("2026-01-01"), nil)
	if j = p.Apply(&infra.Component{Name: "pay"}, nil); j.Gates != nil || j.Tier != "" {
		t.Errorf("no tier: %q %v", j.Tier, j.Gates)
	}
}

func TestRuleSettings(t *testing.T) {
	rules.Register(&rules.Rule{ID: "aws-test-policy-sev", Item: checklist.Logs, Severity: checklist.Medium, Title: "Test rules are registered",
		Why: "w", Fix: "f", References: []string{"https://example.com"}, Kinds: []string{"aws_policy_test"}, Check: func(*rules.Check) {}})
	isKnown := func(id string) bool { return rules.Lookup(id) != nil }
	cfg, err := Parse("c.yaml", []byte("version: 1\nrules:\n  aws-test-policy-sev: {severity: critical, enabled: false}\n"), isKnown, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := New(cfg, "", day("2026-01-01"), rules.Params{"x": {"y": 1}})
	p.Start(func(string) ([]byte, error) { return nil, os.ErrNotExist })
	r := rules.Lookup("aws-test-policy-sev")
	if !p.RuleOptions().Skip(r) {
		t.Error("a disabled rule is not skipped")
	}
	j := p.Apply(&infra.Component{Name: "c"}, []rules.Result{{Rule: r, Resource: resource("a"), Status: checklist.Fail}})
	if j.Results[0].Rule.Severity != checklist.Critical || r.Severity != checklist.Medium {
		t.Errorf("severity override: result %s, registered rule %s", j.Results[0].Rule.Severity, r.Severity)
	}
	if p.RuleOptions().Params["x"]["y"] != 1 {
		t.Error("the caller's params are lost")
	}
}

func TestAttestations(t *testing.T) {
	cfg := parse(t, `version: 1
attestations:
  - {item: performance, component: pay, evidence: "https://wiki/loadtest", by: erin, date: 2026-01-01, expires: 2026-07-01}
  - {item: backup, component: pay, evidence: docs/drill.md, by: erin, date: 2025-01-01, expires: 2025-07-01}
  - {item: metrics, component: gone, evidence: x, by: erin, date: 2026-01-01, expires: 2027-01-01}
`)
	p, _ := New(cfg, "", day("2026-06-20"), nil)
	j := p.Apply(&infra.Component{Name: "pay"}, nil)
	if !j.Attested[checklist.Performance] || j.Attested[checklist.Backup] {
		t.Errorf("attested: %v", j.Attested)
	}
	if len(j.Results) != 1 || j.Results[0].Status != checklist.Fail || j.Results[0].Rule.Item != checklist.Backup ||
		!strings.Contains(j.Results[0].Message, "expired on 2025-07-01; renew it") || j.Results[0].Loc.Line != 4 {
		t.Errorf("expired attestation: %+v", j.Results)
	}
	var got []string
	for _, as := range p.Attestations() {
		got = append(got, string(as.Attestation.Item)+" "+as.Status)
	}
	if strings.Join(got, ", ") != "performance expiring, backup expired, metrics stale" {
		t.Errorf("attestation statuses: %v", got)
	}
}

func TestComponentFor(t *testing.T) {
	dir := t.TempDir()
	cfg, err := Parse(filepath.Join(dir, ".prodgrade.yaml"), []byte(`version: 1
components:
  - {name: pay, paths: ["infra/pay", "k8s/**/pay-*.yaml"]}
  - {name: web, paths: ["services/*/web"]}
  - {name: shop, names: ["default/shop*"]}
`), known, params)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"infra/pay":                    "pay",
		"infra/pay/modules/db":         "pay",
		"infra/payments":               "",
		"k8s/prod/eu/pay-api.yaml":     "pay",
		"k8s/pay-api.yaml":             "pay",
		"k8s/prod/web.yaml":            "",
		"services/shop/web":            "web",
		"services/shop/api":            "",
		"../elsewhere/infra/pay":       "",
		"services/shop/web/Dockerfile": "web",
	} {
		if got := cfg.ComponentFor("x", filepath.Join(dir, path)); got != want {
			t.Errorf("ComponentFor(%s) = %q, want %q", path, got, want)
		}
	}
	if got := cfg.ComponentFor("default/shop-db", "/elsewhere"); got != "shop" {
		t.Errorf("by name: %q", got)
	}
	var none *Config
	if none.ComponentFor("x", "x") != "" {
		t.Error("a nil configuration declares a component")
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"a/b/c", "x/y"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p string) {
		if err := os.WriteFile(filepath.Join(root, p), []byte("version: 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a/.prodgrade.yaml")
	if got, err := Find([]string{filepath.Join(root, "a/b/c")}); err != nil || got != filepath.Join(root, "a/.prodgrade.yaml") {
		t.Errorf("upward: %q %v", got, err)
	}
	if got, _ := Find([]string{filepath.Join(root, "x/y")}); got != "" {
		t.Errorf("none: %q", got)
	}
	write("x/.prodgrade.yml")
	if _, err := Find([]string{filepath.Join(root, "a/b"), filepath.Join(root, "x/y")}); err == nil || !strings.Contains(err.Error(), "--config") {
		t.Errorf("two files: %v", err)
	}
}

// A waiver scoped to files reaches into a module (or a chart's template)
// the caller does not own, and nowhere else.
func TestWaiverScopedToFiles(t *testing.T) {
	cfg := parse(t, "version: 1\nwaivers:\n  - {rule: aws-test-a, file: \"modules/db/**\", reason: r, owner: o, expires: 2030-01-01}\n")
	rs := results()
	rs[0].Loc = infra.Location{File: filepath.Join(cfg.Dir, "modules", "db", "main.tf")}
	rs[1].Loc = infra.Location{File: filepath.Join(cfg.Dir, "main.tf")}
	p, _ := New(cfg, "", day("2026-01-01"), nil)
	j := p.Apply(&infra.Component{Name: "x"}, rs)
	if j.Results[0].Status != checklist.Waived || j.Results[1].Status != checklist.Fail {
		t.Errorf("statuses %s %s; want the module's waived, the root's failing", j.Results[0].Status, j.Results[1].Status)
	}
}

func TestMatches(t *testing.T) {
	for _, c := range []struct {
		pattern, name string
		want          bool
	}{
		{`module.db["eu"].aws_db_instance.this[0]`, `module.db["eu"].aws_db_instance.this[0]`, true},
		{`module.db["eu"].*`, `module.db["eu"].aws_db_instance.this[0]`, true},
		{`module.db*`, `module.db["us"].aws_s3_bucket.b`, true},
		{`aws_s3_bucket.*`, `module.x.aws_s3_bucket.b`, false},
		{`*.aws_s3_bucket.*`, `module.x.aws_s3_bucket.b`, true},
		{`Deployment/shop/*`, `Deployment/shop/web`, true},
		{`shop/*`, `default/shop`, false},
		{`aws_s3_bucket.b?`, `aws_s3_bucket.b1`, true},
		{`aws_s3_bucket.b?`, `aws_s3_bucket.b`, false},
		{`*`, ``, true},
		{``, `x`, false},
	} {
		if got := Matches(c.pattern, c.name); got != c.want {
			t.Errorf("Matches(%q, %q) = %v", c.pattern, c.name, got)
		}
	}
}

// The complete example of docs/config.md and the README's are valid
// configurations (rule ids are checked by the CLI's tests, which know them).
func TestDocumentedExamplesParse(t *testing.T) {
	for _, doc := range []string{"../../docs/config.md", "../../README.md"} {
		data, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		if i := strings.Index(text, "### Policy:"); i >= 0 {
			text = text[i:]
		}
		start := strings.Index(text, "```yaml\n")
		end := strings.Index(text[start+8:], "```")
		if start < 0 || end < 0 {
			t.Fatalf("%s: no yaml example", doc)
		}
		example := text[start+8 : start+8+end]
		if _, err := Parse(doc, []byte(example), func(string) bool { return true }, nil); err != nil {
			t.Errorf("%s's example does not parse:\n%v", doc, err)
		}
	}
}
