package custom

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/policy/custom/evaltest"
	"github.com/prodgrade/prodgrade/internal/rules"
	_ "github.com/prodgrade/prodgrade/internal/rules/all" // built-in ids a custom rule must not take
	"github.com/prodgrade/prodgrade/internal/rules/fixture"
	_ "github.com/prodgrade/prodgrade/internal/source/all" // every format a fixture may be written in
)

func TestMain(m *testing.M) { evaltest.Init(); os.Exit(m.Run()) }

func TestEvaluatorEnvAgrees(t *testing.T) {
	if evaltest.EvaluatorEnv != EvaluatorEnv || evaltest.ServeEnv != ServeEnv {
		t.Errorf("evaltest names %s and %s, custom %s and %s", evaltest.EvaluatorEnv, evaltest.ServeEnv, EvaluatorEnv, ServeEnv)
	}
}

// writeRules writes files (path → content) under a new directory.
func writeRules(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const meta = `item: security
severity: medium
title: Databases are tagged
why: Untagged databases have no owner.
fix: "tags = { owner = \"team\" }"
kinds: [aws_db_instance]
`

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string // substrings of the error, each naming file:line
	}{
		{"built-in prefix", map[string]string{"aws-rds-tags/rule.yaml": "id: aws-rds-tags\n" + meta + "cel: 'true'\n"},
			[]string{"aws-rds-tags/rule.yaml:1: id \"aws-rds-tags\" starts with aws-"}},
		{"no prefix", map[string]string{"tags/rule.yaml": "id: tags\n" + meta + "cel: 'true'\n"},
			[]string{"tags/rule.yaml:1: id \"tags\" is not kebab-case"}},
		{"upper case", map[string]string{"Custom-X/rule.yaml": "id: Custom-X\n" + meta + "cel: 'true'\n"},
			[]string{"rule.yaml:1: id \"Custom-X\" is not kebab-case"}},
		{"directory not the id", map[string]string{"other/rule.yaml": "id: custom-tags\n" + meta + "cel: 'true'\n"},
			[]string{"other/rule.yaml:1: rule custom-tags is in directory other"}},
		{"unknown key", map[string]string{"custom-tags/rule.yaml": "id: custom-tags\n" + meta + "kind: [x]\ncel: 'true'\n"},
			[]string{"custom-tags/rule.yaml:8: unknown key \"kind\""}},
		{"bad item and severity", map[string]string{"custom-tags/rule.yaml": "id: custom-tags\nitem: uptime\nseverity: severe\ntitle: t\nwhy: w\nfix: f\nkinds: [x]\ncel: 'true'\n"},
			[]string{"rule.yaml:2: ", "uptime", "rule.yaml:3: severity \"severe\""}},
		{"missing metadata", map[string]string{"custom-tags/rule.yaml": "id: custom-tags\nitem: backup\nseverity: low\ncel: 'true'\n"},
			[]string{"title is required", "why is required", "fix is required", "kinds are required"}},
		{"cross-resource in title", map[string]string{"custom-tags/rule.yaml": "id: custom-tags\n" + strings.Replace(meta, "are tagged", "are tagged (cross-resource)", 1) + "cel: 'true'\n"},
			[]string{"rule.yaml:4: the title must not say (cross-resource)"}},
		{"two policies", map[string]string{"custom-tags/rule.yaml": "id: custom-tags\n" + meta + "cel: 'true'\nrego: p.rego\n"},
			[]string{"rego or cel, not both"}},
		{"no policy", map[string]string{"custom-tags/rule.yaml": "id: custom-tags\n" + meta},
			[]string{"a policy is required"}},
		{"rego outside the rule", map[string]string{"custom-tags/rule.yaml": "id: custom-tags\n" + meta + "rego: ../p.rego\n"},
			[]string{"rule.yaml:8: rego names \"../p.rego\""}},
		{"rego missing", map[string]string{"custom-tags/rule.yaml": "id: custom-tags\n" + meta + "rego: p.rego\n"},
			[]string{"rule.yaml:8: ", "p.rego: no such file"}},
		{"message for rego", map[string]string{"custom-tags/rule.yaml": "id: custom-tags\n" + meta + "message: m\nrego: p.rego\n", "custom-tags/p.rego": "package p\n"},
			[]string{"rule.yaml:8: message is the fail message of a CEL expression"}},
		{"not yaml", map[string]string{"custom-tags/rule.yaml": "id: [\n"}, []string{"custom-tags/rule.yaml: line"}},
		{"not a mapping", map[string]string{"custom-tags/rule.yaml": "- id\n"}, []string{"rule.yaml:1: a rule file is a mapping"}},
		{"no rules", map[string]string{"README.md": "hi"}, []string{"no custom rules here"}},
		{"duplicate across directories", map[string]string{
			"a/custom-tags/rule.yaml": "id: custom-tags\n" + meta + "cel: 'true'\n",
			"b/custom-tags/rule.yaml": "id: custom-tags\n" + meta + "cel: 'true'\n"},
			[]string{"rule custom-tags is defined twice"}},
		{"rego syntax error", map[string]string{"custom-tags/rule.yaml": "id: custom-tags\n" + meta + "rego: p.rego\n",
			"custom-tags/p.rego": "package p\n\nfail contains x if {\n  x := \n}\n"},
			[]string{"custom-tags/p.rego:5:", "rego_parse_error"}},
		{"cel type error in a block", map[string]string{"custom-tags/rule.yaml": "id: custom-tags\n" + meta + "cel: |\n  resource.attrs.port == 1 &&\n    nope.x\n"},
			[]string{"custom-tags/rule.yaml:10:5: rule custom-tags: CEL: undeclared reference to 'nope'"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeRules(t, tc.files)
			dirs := []string{dir}
			if tc.name == "duplicate across directories" {
				dirs = []string{filepath.Join(dir, "a"), filepath.Join(dir, "b")}
			}
			_, err := Load(dirs...)
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("want a *LoadError, got %v", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the error does not say %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestLoadSetsMetadata(t *testing.T) {
	dir := writeRules(t, map[string]string{
		"custom-b/rule.yaml":   "id: custom-b\n" + meta + "context: [aws_cloudwatch_metric_alarm]\nreferences: [https://example.com]\ncel: 'true'\n",
		"custom-a/rule.yaml":   "id: custom-a\n" + meta + "rego: policy.rego\n",
		"custom-a/policy.rego": "package a\n",
	})
	rs, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].ID != "custom-a" || rs[1].ID != "custom-b" {
		t.Fatalf("rules not sorted by id: %v", rs)
	}
	b := rs[1]
	if b.Item != checklist.Security || b.Severity != checklist.Medium || b.Title != "Databases are tagged" ||
		b.Fix != `tags = { owner = "team" }` || !b.CrossResource || rs[0].CrossResource ||
		len(b.References) != 1 || b.Kinds[0] != "aws_db_instance" || b.Check == nil || b.Platform() != "custom" {
		t.Errorf("metadata: %+v", b)
	}
	if rules.Lookup("custom-b") != nil {
		t.Error("a custom rule was registered globally")
	}
}

// db is a resource with attributes, each written on its own line of main.tf.
func db(name string, attrs ...infra.Field) *infra.Resource {
	for i := range attrs {
		attrs[i].Value = attrs[i].Value.WithLoc(infra.Location{File: "main.tf", Pos: infra.Pos{Line: int32(10 + i)}})
	}
	return &infra.Resource{Kind: "aws_db_instance", Address: "aws_db_instance." + name, Name: name,
		Attrs: infra.ObjectValue(attrs), Loc: infra.Location{File: "main.tf", Pos: infra.Pos{Line: 1}}}
}

func tags(kv ...string) infra.Field {
	var fs []infra.Field
	for i := 0; i+1 < len(kv); i += 2 {
		fs = append(fs, infra.Field{Name: kv[i], Value: infra.StringValue(kv[i+1])})
	}
	return infra.Field{Name: "tags", Value: infra.ObjectValue(fs)}
}

func TestCheck(t *testing.T) {
	unknownTags := infra.Field{Name: "tags", Value: infra.UnknownValue("var.tags", "var.tags has no value")}
	secret := infra.Field{Name: "password", Value: infra.StringValue("hunter2-very-secret").WithSensitive(true)}
	alarm := &infra.Resource{Kind: "aws_cloudwatch_metric_alarm", Address: "aws_cloudwatch_metric_alarm.a", Name: "a",
		Attrs: infra.ObjectValue([]infra.Field{{Name: "alarm_name", Value: infra.StringValue("db-cpu")}})}
	for _, tc := range []struct {
		name   string
		rule   string // rule.yaml lines after the metadata
		rego   string
		r      *infra.Resource
		others []*infra.Resource
		want   []string // status (message) per result, sorted
		line   int32    // of the first result, when not 0
	}{
		{"cel bool pass", "cel: has(resource.attrs.tags) && 'owner' in resource.attrs.tags\n", "",
			db("x", tags("owner", "a")), nil, []string{"pass"}, 0},
		{"cel bool fail takes the default message", "cel: has(resource.attrs.tags) && 'owner' in resource.attrs.tags\n", "",
			db("x"), nil, []string{"fail (does not meet: Databases are tagged)"}, 1},
		{"cel bool fail takes message", "message: no owner tag\ncel: \"'owner' in resource.attrs.tags\"\n", "",
			db("x", tags("team", "a")), nil, []string{"fail (no owner tag)"}, 1},
		{"a fail at a path points at its line", `cel: '{"status": "fail", "path": "tags", "message": "bad tags"}'` + "\n", "",
			db("x", infra.Field{Name: "engine", Value: infra.StringValue("postgres")}, tags("a", "b")), nil, []string{"fail (bad tags)"}, 11},
		{"reads: an unknown is unknown, and the policy is not run", "reads: [tags.owner]\ncel: resource.attrs.tags.owner == 'x'\n", "",
			db("x", unknownTags), nil, []string{"unknown (tags.owner cannot be resolved from the code alone)"}, 0},
		{"reads: a known value runs the policy", "reads: [tags.owner]\ncel: \"'owner' in resource.attrs.tags\"\n", "",
			db("x", tags("team", "a")), nil, []string{"fail (does not meet: Databases are tagged)"}, 0},
		{"an unknown the policy reports itself", "cel: |\n  has(resource.attrs.tags.prodgrade_unknown) ? {\"status\": \"unknown\", \"path\": \"tags\"} : {\"status\": \"pass\"}\n", "",
			db("x", unknownTags), nil, []string{"unknown (tags cannot be resolved from the code alone)"}, 0},
		{"a runtime error is unknown, naming the rule", "cel: resource.attrs.tags.owner == 'x'\n", "",
			db("x", tags("team", "a")), nil, []string{"unknown (custom rule custom-t could not be evaluated"}, 0},
		{"skip records nothing", `cel: '{"status": "skip"}'` + "\n", "", db("x"), nil, nil, 0},
		{"hidden values never reach a message", "cel: '{\"status\": \"fail\", \"message\": \"password is \" + resource.attrs.password}'\n", "",
			db("x", secret), nil, []string{"fail (password is (a hidden value, not shown))"}, 0},
		{"rego sees only the context kinds", "context: [aws_cloudwatch_metric_alarm]\nrego: p.rego\n",
			"package t\nfail contains sprintf(\"%d related: %s\", [count(input.related), input.related[0].address])\n",
			db("x"), []*infra.Resource{alarm, db("y")}, []string{"fail (1 related: aws_cloudwatch_metric_alarm.a)"}, 0},
		{"rego without context sees none", "rego: p.rego\n",
			"package t\nfail contains sprintf(\"%d related\", [count(input.related)])\n",
			db("x"), []*infra.Resource{alarm}, []string{"fail (0 related)"}, 0},
		{"rego unknown with a message", "rego: p.rego\n", "package t\nunknown contains \"cannot tell\"\n",
			db("x"), nil, []string{"unknown (cannot tell)"}, 0},
		{"rego several fails", "rego: p.rego\n", "package t\nfail contains \"a\"\nfail contains \"b\"\n",
			db("x"), nil, []string{"fail (a)", "fail (b)"}, 0},
		{"rego referrers", "rego: p.rego\n", "package t\nfail contains input.resource.referrers[0].address\n",
			db("x"), []*infra.Resource{{Kind: "aws_cloudwatch_metric_alarm", Address: "aws_cloudwatch_metric_alarm.b",
				Refs: []infra.Ref{{Attr: "dimensions", To: "aws_db_instance.x"}}}}, []string{"fail (aws_cloudwatch_metric_alarm.b)"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"custom-t/rule.yaml": "id: custom-t\n" + meta + tc.rule}
			if tc.rego != "" {
				files["custom-t/p.rego"] = tc.rego
			}
			rs, err := Load(writeRules(t, files))
			if err != nil {
				t.Fatal(err)
			}
			all := append([]*infra.Resource{tc.r}, tc.others...)
			comp := &infra.Component{Name: "c", Path: ".", Resources: all}
			res := rules.RunOne(rs[0], tc.r, infra.NewGraph(all), comp)
			got, want := fixture.Describe(res), strings.Join(tc.want, ", ")
			if len(tc.want) == 0 {
				want = "no result (skip)"
			}
			if !strings.HasPrefix(got, strings.TrimSuffix(want, ")")) {
				t.Fatalf("got %q, want %q", got, want)
			}
			if tc.line != 0 && res[0].Loc.Line != tc.line {
				t.Errorf("the result is at line %d, want %d", res[0].Loc.Line, tc.line)
			}
		})
	}
}

// TestConcurrentChecks grades from many goroutines at once, as a scan
// grades components: every answer reaches its own check.
func TestConcurrentChecks(t *testing.T) {
	rs, err := Load(writeRules(t, map[string]string{
		"custom-t/rule.yaml": "id: custom-t\n" + meta + `cel: '{"status": "fail", "message": resource.name}'` + "\n"}))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				r := db(strings.Repeat("n", g+1) + string(rune('a'+i%26)))
				res := rules.RunOne(rs[0], r, infra.NewGraph([]*infra.Resource{r}), nil)
				if len(res) != 1 || res[0].Message != r.Name {
					t.Errorf("%s got %v", r.Name, fixture.Describe(res))
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestEvaluatorMissingOrBroken(t *testing.T) {
	dir := writeRules(t, map[string]string{"custom-t/rule.yaml": "id: custom-t\n" + meta + "cel: 'true'\n"})
	t.Setenv(EvaluatorEnv, filepath.Join(t.TempDir(), "nope"))
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "custom rules need prodgrade-policy") {
		t.Errorf("a missing evaluator: %v", err)
	}
	if runtime.GOOS == "windows" {
		return
	}
	// An evaluator that compiles and then dies: every check is unknown,
	// saying what its standard error said.
	script := filepath.Join(t.TempDir(), "dies")
	os.WriteFile(script, []byte("#!/bin/sh\nread line\necho '{\"Errors\": null}'\necho 'boom: out of memory' >&2\nexit 3\n"), 0o755)
	t.Setenv(EvaluatorEnv, script)
	rs, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := db("x")
	res := rules.RunOne(rs[0], r, infra.NewGraph([]*infra.Resource{r}), nil)
	if len(res) != 1 || res[0].Status != checklist.Unknown || !strings.Contains(res[0].Message, "boom: out of memory") {
		t.Errorf("a dead evaluator: %s", fixture.Describe(res))
	}
	// One that answers nonsense.
	os.WriteFile(script, []byte("#!/bin/sh\necho 'not json'\n"), 0o755)
	// It may exit before the request is written (broken pipe) or after
	// (its answer does not decode): either way Load fails, naming it.
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "invalid character") && !strings.Contains(err.Error(), "broken pipe") {
		t.Errorf("an evaluator that answers nonsense: %v", err)
	}
}

func TestExamplesPassTheirFixtures(t *testing.T) {
	var out bytes.Buffer
	sum, err := Test(&out, "../../../examples/policies")
	if err != nil {
		t.Fatal(err)
	}
	if sum.Mismatches != 0 || sum.Rules != 2 || sum.Resources < 10 {
		t.Errorf("%+v\n%s", sum, out.String())
	}
	for _, want := range []string{"ok    payments: Deployment/payments/pass-ledger: pass", "ok    variables: aws_db_instance.unknown_tags_from_variable: unknown"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the output does not say %q:\n%s", want, out.String())
		}
	}
}

func TestTestReportsMismatches(t *testing.T) {
	dir := writeRules(t, map[string]string{
		"custom-t/rule.yaml":                 "id: custom-t\n" + meta + "cel: \"'owner' in resource.attrs.tags\"\n",
		"custom-t/testdata/one/main.tf":      "resource \"aws_db_instance\" \"pass_no_owner\" {\n  tags = { team = \"a\" }\n}\nresource \"aws_db_instance\" \"oops\" {\n  tags = {}\n}\n",
		"custom-u/rule.yaml":                 "id: custom-u\n" + meta + "cel: 'true'\n",
		"custom-v/rule.yaml":                 "id: custom-v\n" + meta + "cel: 'true'\n",
		"custom-v/testdata/broken/main.tf":   "resource \"aws_db_instance\" {\n",
		"custom-v/testdata/no-kinds/main.tf": "resource \"aws_s3_bucket\" \"pass\" {}\n",
	})
	var out bytes.Buffer
	sum, err := Test(&out, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"FAIL  one: aws_db_instance.pass_no_owner: want pass, got fail",
		`FAIL  one: aws_db_instance.oops: its fixture name "oops" must start with pass`,
		"custom-u (" + filepath.Join(dir, "custom-u") + ")\n  FAIL  no fixtures",
		"FAIL  broken: the fixture does not load: ",
		"FAIL  no-kinds: no resource of kinds aws_db_instance",
		"FAIL  the fixtures need at least one pass… and one fail… resource",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the output does not say %q:\n%s", want, out.String())
		}
	}
	if sum.Mismatches < 6 {
		t.Errorf("%+v", sum)
	}
}

func TestScrub(t *testing.T) {
	for _, tc := range []struct {
		msg    string
		hidden []string
		want   string
	}{
		{"password is hunter2", []string{"hunter2"}, "password is (a hidden value, not shown)"},
		{"abc", []string{"abc"}, "(a hidden value, not shown)"},
		{"abcd and abc", []string{"abc"}, "abcd and abc"}, // short values only when they are the whole message
		{"key sk-12345678 and sk-1234", []string{"sk-1234", "sk-12345678"}, "key (a hidden value, not shown) and (a hidden value, not shown)"},
		{strings.Repeat("é", 300), nil, strings.Repeat("é", 250) + "…"},
	} {
		if got := scrub(tc.msg, tc.hidden); got != tc.want {
			t.Errorf("scrub(%q) = %q, want %q", tc.msg, got, tc.want)
		}
	}
}
