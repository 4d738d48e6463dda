package kubernetes

import "testing"

func TestNotJSONManifest(t *testing.T) {
	for _, c := range []struct {
		data string
		want bool
	}{
		{`{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}`, false},
		{"\ufeff \n{\"kind\":\"List\",\"items\":[],\"apiVersion\":\"v1\"}", false},
		{`{"format_version": "1.2", "planned_values": {"kind": "x", "apiVersion": "y"}}`, true},
		{`{"name": "app", "scripts": {"a\"pi": "kind"}, "x": ["apiVersion", "kind"]}`, true},
		{`{"apiVersion" : "v1"}`, true},
		{`{"apiVersion": "kind", "nested": {"kind": "Pod"}}`, true},
		{`[{"apiVersion": "v1", "kind": "Pod"}]`, true},
		{`{"apiVersion": "v1", "spec": {`, false},            // truncated: parsed, reported
		{`{"unterminated`, false},                            // likewise
		{"apiVersion: v1\nkind: Pod\n", false},               // YAML
		{"# {\"a\": 1}\napiVersion: v1\nkind: Pod\n", false}, // YAML
		{"", false},
	} {
		if got := notJSONManifest([]byte(c.data)); got != c.want {
			t.Errorf("notJSONManifest(%q) = %v, want %v", c.data, got, c.want)
		}
	}
}
