package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/policy/custom/wire"
)

const input = `{"resource": {"kind": "aws_db_instance", "address": "aws_db_instance.x", "name": "x",
  "attrs": {"tags": {"team": "a"}, "port": 5432, "iops": {"prodgrade_unknown": {"expr": "var.iops", "why": "no value"}}}},
  "related": [{"kind": "k", "address": "k.a", "attrs": {}}], "component": {"name": "c"}}`

func TestOutcomes(t *testing.T) {
	for _, tc := range []struct {
		name, lang, src string
		want            []wire.Outcome
		err             string
	}{
		{"cel true passes", wire.CEL, `resource.attrs.port == 5432`, []wire.Outcome{{Status: "pass"}}, ""},
		{"cel false fails", wire.CEL, `"owner" in resource.attrs.tags`, []wire.Outcome{{Status: "fail"}}, ""},
		{"cel object", wire.CEL, `{"status": "fail", "message": "no owner", "path": "tags"}`,
			[]wire.Outcome{{Status: "fail", Message: "no owner", Path: "tags"}}, ""},
		{"cel skip", wire.CEL, `{"status": "skip"}`, nil, ""},
		{"cel list", wire.CEL, `related.map(r, {"status": "unknown", "message": r.address})`,
			[]wire.Outcome{{Status: "unknown", Message: "k.a"}}, ""},
		{"cel sees the unknown marker", wire.CEL, `has(resource.attrs.iops.prodgrade_unknown) ? {"status": "unknown", "message": resource.attrs.iops.prodgrade_unknown.expr} : {"status": "pass"}`,
			[]wire.Outcome{{Status: "unknown", Message: "var.iops"}}, ""},
		{"cel wrong status", wire.CEL, `{"status": "maybe"}`, nil, `status "maybe"`},
		{"cel wrong type", wire.CEL, `42`, nil, "return a bool"},
		{"cel runtime error", wire.CEL, `resource.attrs.tags.owner == "x"`, nil, "no such key"},
		{"rego pass", wire.Rego, "package p\nfail contains \"x\" if false\n", []wire.Outcome{{Status: "pass"}}, ""},
		{"rego pass message", wire.Rego, "package p\npass := \"tagged\"\n", []wire.Outcome{{Status: "pass", Message: "tagged"}}, ""},
		{"rego fails", wire.Rego, "package p\nfail contains {\"msg\": \"no owner\", \"path\": \"tags\"} if not input.resource.attrs.tags.owner\n",
			[]wire.Outcome{{Status: "fail", Message: "no owner", Path: "tags"}}, ""},
		{"rego fail wins over unknown", wire.Rego, "package p\nfail contains \"f\"\nunknown contains \"u\"\n", []wire.Outcome{{Status: "fail", Message: "f"}}, ""},
		{"rego unknown", wire.Rego, "package p\nunknown contains input.resource.attrs.iops.prodgrade_unknown.expr\n",
			[]wire.Outcome{{Status: "unknown", Message: "var.iops"}}, ""},
		{"rego skip", wire.Rego, "package p\nskip if input.resource.kind == \"aws_db_instance\"\nfail contains \"f\"\n", nil, ""},
		{"rego skip not bool", wire.Rego, "package p\nskip := 1\n", nil, "define it as a boolean"},
		{"rego fail not a set", wire.Rego, "package p\nfail := \"x\"\n", nil, "define it as a set"},
		{"rego member without msg", wire.Rego, "package p\nfail contains {\"path\": \"x\"}\n", nil, "no msg"},
		{"rego builtin error is an error", wire.Rego, "package p\nfail contains x if x := sprintf(\"%d\", [input.nope])\n", nil, ""},
		{"rego no network", wire.Rego, "package p\nfail contains x if { x := http.send({\"method\": \"get\", \"url\": \"http://example.com\"}) }\n", nil, "compile"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eng, errs := Compile(context.Background(), []wire.Policy{{Rule: "custom-x", Lang: tc.lang, File: "f", Line: 1, Col: 1, Source: tc.src}})
			if tc.err == "compile" {
				if len(errs) == 0 || !strings.Contains(strings.Join(errs, "\n"), "http.send") {
					t.Fatalf("want a compile error naming http.send, got %v", errs)
				}
				return
			}
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			got, err := eng.Eval(context.Background(), 0, []byte(input))
			if tc.name == "rego builtin error is an error" {
				// sprintf of an undefined value is undefined, not an error: the rule passes.
				if err != nil || len(got) != 1 || got[0].Status != "pass" {
					t.Fatalf("got %v, %v", got, err)
				}
				return
			}
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("want an error containing %q, got %v, %v", tc.err, got, err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

func TestCompileErrorsNameFileAndLine(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    wire.Policy
		want string
	}{
		{"rego syntax", wire.Policy{Lang: wire.Rego, File: "rules/x/policy.rego", Source: "package p\n\nfail contains x if {\n  x := \n}\n"}, "rules/x/policy.rego:5:"},
		{"rego unsafe var", wire.Policy{Lang: wire.Rego, File: "p.rego", Source: "package p\nfail contains y if { x := 1 }\n"}, "p.rego:2:"},
		// A block scalar starting on line 12 of rule.yaml, indented 2.
		{"cel undeclared on line 2", wire.Policy{Lang: wire.CEL, File: "rule.yaml", Line: 12, Col: 3, Indent: 2,
			Source: "resource.attrs.port == 1 &&\n  nope.x == 2\n"}, "rule.yaml:13:5:"},
		{"cel syntax on line 1", wire.Policy{Lang: wire.CEL, File: "rule.yaml", Line: 4, Col: 6, Source: "resource.attrs ==="}, "rule.yaml:4:"},
		{"unknown language", wire.Policy{Lang: "python", File: "rule.yaml"}, `unknown policy language "python"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.p.Rule = "custom-x"
			_, errs := Compile(context.Background(), []wire.Policy{tc.p})
			if len(errs) == 0 || !strings.HasPrefix(errs[0], tc.want) && !strings.Contains(errs[0], tc.want) {
				t.Fatalf("want an error starting %q, got %q", tc.want, errs)
			}
		})
	}
}

// TestServe speaks the protocol as prodgrade does: a Load, then Evals,
// answered by ID.
func TestServe(t *testing.T) {
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	enc.Encode(wire.Load{Version: wire.Version, Policies: []wire.Policy{
		{Rule: "custom-a", Lang: wire.CEL, File: "a", Source: "resource.attrs.port > 1000"},
		{Rule: "custom-b", Lang: wire.Rego, File: "b", Source: "package b\nfail contains \"high port\" if input.resource.attrs.port > 1024\n"},
	}})
	for id := range 20 {
		enc.Encode(wire.Eval{ID: uint64(id), Policy: id % 2, Input: []byte(input)})
	}
	var out bytes.Buffer
	if err := Serve(&in, &out); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&out)
	var loaded wire.Loaded
	if err := dec.Decode(&loaded); err != nil || len(loaded.Errors) > 0 {
		t.Fatalf("%v %v", loaded, err)
	}
	seen := map[uint64]bool{}
	for dec.More() {
		var r wire.Result
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		want := "pass"
		if r.ID%2 == 1 {
			want = "fail"
		}
		if len(r.Outcomes) != 1 || r.Outcomes[0].Status != want || r.Error != "" {
			t.Errorf("result %d: %+v, want %s", r.ID, r, want)
		}
		seen[r.ID] = true
	}
	if len(seen) != 20 {
		t.Errorf("answered %d of 20", len(seen))
	}

	if err := Serve(strings.NewReader(`{"Version": 99}`), &out); err == nil || !strings.Contains(err.Error(), "same source") {
		t.Errorf("a Load of another version: %v", err)
	}
}
