package policy

import "testing"

// FuzzParse: no configuration file, however broken, panics the parser.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"version: 1\n",
		"version: 1\ntier: t\ntiers:\n  t: {fail_on: medium, items: {backup: {required: false}}}\n",
		"version: 1\ncomponents:\n  - {name: a, paths: [x/**]}\nwaivers:\n  - {rule: aws-test-a, reason: r, owner: o, expires: 2030-01-01}\n",
		"version: 1\nattestations:\n  - {item: backup, component: a, evidence: e, by: b, date: 2026-01-01, expires: 2027-01-01}\n",
		"version: [1\n", "waivers: 5\ncomponents: {a: b}\n", "version: 1\nrules:\n  aws-test-a: {params: {min_days: x}}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("f.yaml", data, known, params)
		if err == nil && cfg == nil {
			t.Fatal("no configuration and no error")
		}
	})
}
