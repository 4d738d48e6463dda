package ansible

import (
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
)

func TestTemplate(t *testing.T) {
	vars := newLayer()
	vars.set(infra.ObjectValue([]infra.Field{
		{Name: "port", Value: infra.NumberValue(8080)},
		{Name: "name", Value: infra.StringValue("Shop")},
		{Name: "pkgs", Value: infra.ListValue([]infra.Value{infra.StringValue("a"), infra.StringValue("b")})},
		{Name: "conf", Value: infra.ObjectValue([]infra.Field{{Name: "dir", Value: infra.StringValue("/etc/shop")}})},
		{Name: "url", Value: infra.StringValue("http://{{ name | lower }}:{{ port }}")},
		{Name: "loop_a", Value: infra.StringValue("{{ loop_b }}")},
		{Name: "loop_b", Value: infra.StringValue("{{ loop_a }}")},
		{Name: "flag", Value: infra.StringValue("yes")},
		{Name: "empty", Value: infra.StringValue("")},
		{Name: "db_password", Value: infra.StringValue("hunter2")},
		{Name: "vaulted", Value: infra.StringValue("$ANSIBLE_VAULT;1.1;AES256\n6162")},
	}), "vars.yml")
	budget := evalBudget
	e := &evaluator{sc: &scope{layers: []*layer{vars}}, runtime: map[string]string{"reg": "registered"}, budget: &budget}
	for _, c := range []struct{ in, want string }{
		{"plain", `"plain"`},
		{"{{ port }}", "8080"},
		{"{{ pkgs }}", `["a", "b"]`},
		{"{{ pkgs | join(',') }}", `"a,b"`},
		{"x{{ port }}y", `"x8080y"`},
		{"{{ url }}", `"http://shop:8080"`},
		{"{{ conf.dir }}/app.conf", `"/etc/shop/app.conf"`},
		{"{{ conf['dir'] }}", `"/etc/shop"`},
		{"{{ missing | default('d') }}", `"d"`},
		{"{{ missing | d(7) }}", "7"},
		{"{{ empty | default('e', true) }}", `"e"`},
		{"{{ empty | default('e') }}", `""`},
		{"{{ flag | bool }}", "true"},
		{"{{ '42' | int }}", "42"},
		{"{{ name | upper }}", `"SHOP"`},
		{"{{ name ~ '-' ~ port }}", `"Shop-8080"`},
		{"{{ name + 'x' }}", `"Shopx"`},
		{"{{ port | string }}", `"8080"`},
		{"{{ reg | default([]) }}", "<{{ reg | default([]) }}>"},
		{"{{ reg.stdout | default([]) + ['x'] }}", "<{{ reg.stdout | default([]) + ['x'] }}>"},
		{"{{ missing }}", "<{{ missing }}>"},
		{"{{ loop_a }}", "<{{ loop_a }}>"},
		{"{{ port if true else 1 }}", "<{{ port if true else 1 }}>"},
		{"{{ name | regex_replace('a', 'b') }}", "<{{ name | regex_replace('a', 'b') }}>"},
		{"{% if x %}y{% endif %}", "<{% if x %}y{% endif %}>"},
		{"{{ lookup('amazon.aws.aws_ssm', '/db/pw') }}", "<{{ lookup('amazon.aws.aws_ssm', '/db/pw') }}>"},
		{"{{ db_password }}", "<hidden>"},
		{"pw={{ db_password }}", "<hidden>"},
		{"{{ vaulted }}", "<hidden {{ vaulted }}>"},
		{"{{ missing | default(omit) }}", `"` + omitMarker + `"`},
		{"{{ ansible_os_family }}.yml", "<{{ ansible_os_family }}.yml>"},
	} {
		got := show(e.template(c.in, infra.Location{File: "t.yml"}))
		if got != c.want {
			t.Errorf("%s: got %s, want %s", c.in, got, c.want)
		}
	}
	// A secret store's value is external: not a literal in the code.
	v := e.template("{{ lookup('hashi_vault', 'secret=x') }}", infra.Location{})
	if v.IsKnown() || !v.IsExternal() {
		t.Errorf("hashi_vault lookup: known=%v external=%v", v.IsKnown(), v.IsExternal())
	}
	v = e.template("{{ vaulted }}", infra.Location{})
	if v.Hidden() != HiddenVault || !v.IsExternal() {
		t.Errorf("vault value: hidden=%q external=%v", v.Hidden(), v.IsExternal())
	}
}

// TestTemplateBomb: a variable repeated at every level would be 2^40
// bytes if expanded; evaluation stops at the bounds.
func TestTemplateBomb(t *testing.T) {
	vars := newLayer()
	fields := []infra.Field{{Name: "v0", Value: infra.StringValue("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")}}
	for i := 1; i <= 40; i++ {
		fields = append(fields, infra.Field{Name: "v" + itoa(i), Value: infra.StringValue("{{ v" + itoa(i-1) + " }}{{ v" + itoa(i-1) + " }}")})
	}
	vars.set(infra.ObjectValue(fields), "bomb.yml")
	budget := evalBudget
	e := &evaluator{sc: &scope{layers: []*layer{vars}}, budget: &budget}
	if v := e.template("{{ v40 }}", infra.Location{}); v.IsKnown() {
		t.Errorf("v40 is known (%d bytes?)", len(v.Expr()))
	}
}
