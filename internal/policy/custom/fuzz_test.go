package custom

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseRule feeds arbitrary rule.yaml files to the parser: it never
// panics, every error names the file, and a rule it accepts has the
// metadata rules.Register requires.
func FuzzParseRule(f *testing.F) {
	for _, seed := range []string{
		"id: custom-x\n" + meta + "cel: 'true'\n",
		"id: custom-x\n" + meta + "cel: |\n  resource.attrs.x ==\n    1\nreads: [a.b, 'tags[\"x\"]']\ncontext: [k]\n",
		"id: custom-x\n" + meta + "rego: p.rego\n",
		"id: custom-x\nitem: [1]\nkinds: {a: b}\n",
		"- a\n- b\n", "", "id: &a custom-x\ntitle: *a\n", "cel: >-\n\n\n  x\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		dir := filepath.Join(t.TempDir(), "custom-x")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, RuleFile), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		p, errs := parseRule(dir)
		for _, e := range errs {
			if !strings.HasPrefix(e, filepath.Join(dir, RuleFile)) && !strings.Contains(e, dir) {
				t.Errorf("an error that names no file: %q", e)
			}
		}
		if p == nil {
			if len(errs) == 0 {
				t.Error("no rule and no error")
			}
			return
		}
		r := p.rule
		if r.ID != "custom-x" || !r.Item.Valid() || r.Title == "" || r.Why == "" || r.Fix == "" || len(r.Kinds) == 0 || p.policy.Source == "" || p.policy.Line < 1 {
			t.Errorf("accepted an incomplete rule: %+v %+v", r, p.policy)
		}
	})
}
