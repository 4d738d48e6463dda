package baseline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/report"
)

func TestStableAttr(t *testing.T) {
	ct := func(name string) infra.Value {
		return infra.ObjectValue([]infra.Field{{Name: "name", Value: infra.StringValue(name)},
			{Name: "image", Value: infra.StringValue("x")}})
	}
	pod := func(cts ...infra.Value) infra.Value {
		return infra.ObjectValue([]infra.Field{{Name: "spec", Value: infra.ObjectValue([]infra.Field{
			{Name: "containers", Value: infra.ListValue(cts)},
			{Name: "ingress", Value: infra.ListValue([]infra.Value{infra.ObjectValue(nil), infra.ObjectValue(nil)})},
			{Name: "block", Value: infra.ListValue([]infra.Value{infra.ObjectValue([]infra.Field{
				{Name: "items", Value: infra.ListValue([]infra.Value{ct("a"), ct("b")})}})})},
		})}})
	}
	for _, tc := range []struct {
		name  string
		attrs infra.Value
		attr  string
		want  string
	}{
		{"named member", pod(ct("web"), ct("sidecar")), "spec.containers[1].image", "spec.containers.name=sidecar.image"},
		{"index as a segment", pod(ct("web"), ct("sidecar")), "spec.containers.0", "spec.containers.name=web"},
		{"path beyond what is written", pod(ct("web")), "spec.containers[0].resources.limits.memory", "spec.containers.name=web.resources.limits.memory"},
		{"names not distinct", pod(ct("web"), ct("web")), "spec.containers[1].image", "spec.containers[1].image"},
		{"members without names", pod(ct("web")), "spec.ingress[1]", "spec.ingress[1]"},
		{"index out of range", pod(ct("web")), "spec.containers[3].image", "spec.containers[3].image"},
		{"a block written once is stepped into", pod(ct("web")), "spec.block.items[1]", "spec.block.items.name=b"},
		{"a name with dots", pod(ct("a.b"), ct("c")), "spec.containers[0].image", `spec.containers["name=a.b"].image`},
		{"no path", pod(ct("web")), "", ""},
		{"a message stand-in", pod(ct("web")), "~container [0] has # days", "~container [0] has # days"},
		{"another resource's attribute", pod(ct("web")), "aws_kms_key.k:spec.containers[0]", "aws_kms_key.k:spec.containers[0]"},
	} {
		if got := stableAttr(tc.attrs, tc.attr); got != tc.want {
			t.Errorf("%s: stableAttr(%q) = %q, want %q", tc.name, tc.attr, got, tc.want)
		}
	}
}

func TestKeyFingerprint(t *testing.T) {
	k := Key{Component: "infra", Rule: "aws-rds-multi-az", Address: "aws_db_instance.a", Attr: "multi_az"}
	fp := k.Fingerprint()
	if !isFingerprint(fp) {
		t.Fatalf("fingerprint %q is not %d hex digits", fp, fingerprintLen)
	}
	if k.Fingerprint() != fp {
		t.Error("the same key gives two fingerprints")
	}
	// Every field counts, and a field's text cannot stand in for another's.
	for _, other := range []Key{
		{Component: "infra2", Rule: k.Rule, Address: k.Address, Attr: k.Attr},
		{Component: k.Component, Rule: "aws-rds-backup-retention", Address: k.Address, Attr: k.Attr},
		{Component: k.Component, Rule: k.Rule, Address: "aws_db_instance.b", Attr: k.Attr},
		{Component: k.Component, Rule: k.Rule, Address: k.Address, Attr: "storage_encrypted"},
		{Component: k.Component, Rule: k.Rule, File: "main.tf", Address: k.Address, Attr: k.Attr},
		{Component: k.Component, Rule: k.Rule, Address: k.Address + "multi_az", Attr: ""},
	} {
		if other.Fingerprint() == fp {
			t.Errorf("%+v has the fingerprint of %+v", other, k)
		}
	}
}

func entryOf(fp, rule, res string) report.BaselineEntry {
	return report.BaselineEntry{Fingerprint: fp, Rule: rule, Component: "infra", Resource: res, File: "main.tf"}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, data, err string
		n               int
	}{
		{"a baseline", `{"schema":"prodgrade/baseline/v1","findings":[{"fingerprint":"0123456789abcdef","rule":"r"}]}`, "", 1},
		{"an empty baseline", `{"schema":"prodgrade/baseline/v1","findings":[]}`, "", 0},
		{"no findings key", `{"schema":"prodgrade/baseline/v1"}`, "", 0},
		{"a report", `{"schema":"prodgrade/report/v1","findings":[]}`, `its schema is "prodgrade/report/v1"`, 0},
		{"no schema", `{"findings":[]}`, `has no "schema"`, 0},
		{"not JSON", "findings:\n- x\n", "invalid JSON at byte", 0},
		{"empty", "", "not a prodgrade baseline", 0},
		{"a JSON list", `[]`, "not a prodgrade baseline", 0},
		{"a short fingerprint", `{"schema":"prodgrade/baseline/v1","findings":[{"fingerprint":"abc","rule":"r","resource":"x"}]}`, `entry 1 (r on x) has fingerprint "abc"`, 0},
		{"upper-case hex", `{"schema":"prodgrade/baseline/v1","findings":[{"fingerprint":"0123456789ABCDEF"}]}`, "not 16 hex digits", 0},
	} {
		b, err := Parse([]byte(tc.data))
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: error %v, want one saying %q", tc.name, err, tc.err)
		case err == nil && len(b.Findings) != tc.n:
			t.Errorf("%s: %d entries, want %d", tc.name, len(b.Findings), tc.n)
		}
	}
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "report.json")
	if err := os.WriteFile(report, []byte(`{"schema":"prodgrade/report/v1"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(dir, "missing.json"), report, dir} {
		_, err := Load(path)
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "prodgrade baseline -o") {
			t.Errorf("Load(%s): %v; want an error naming the file and how to record a baseline", path, err)
		}
	}
}

func TestWriteIsSortedAndReadsBack(t *testing.T) {
	b := &File{Schema: Schema, Findings: []report.BaselineEntry{
		entryOf("00000000000000b2", "r2", "b"), entryOf("00000000000000a1", "r1", "a"), entryOf("00000000000000b1", "r1", "b"),
	}}
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := b.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a1, b1, b2 := bytes.Index(data, []byte("a1")), bytes.Index(data, []byte("b1")), bytes.Index(data, []byte("b2"))
	if !(a1 < b1 && b1 < b2) || !bytes.HasPrefix(data, []byte("{\n  \"schema\": \"prodgrade/baseline/v1\",")) {
		t.Errorf("not sorted by resource and rule, or not the schema first:\n%s", data)
	}
	back, err := Load(path)
	if err != nil || len(back.Findings) != 3 {
		t.Fatalf("read back: %v, %+v", err, back)
	}
	var again bytes.Buffer
	if err := back.Write(&again); err != nil || !bytes.Equal(again.Bytes(), data) {
		t.Errorf("writing what was read changes the file:\n%s\n---\n%s", data, again.Bytes())
	}
	empty := filepath.Join(t.TempDir(), "empty.json")
	if err := (&File{}).WriteFile(empty); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(empty); !bytes.Contains(data, []byte(`"findings": []`)) {
		t.Errorf("an empty baseline is written as %s", data)
	}
}

func finding(fp string, st checklist.Status) report.Finding {
	return report.Finding{Fingerprint: fp, Status: st, Rule: "r", Resource: "x", Severity: checklist.High}
}

func TestCompareAndUpdate(t *testing.T) {
	const (
		known   = "000000000000000a"
		fixed   = "000000000000000b"
		unknown = "000000000000000c" // in the baseline, unknown now
		fresh   = "000000000000000d"
	)
	b := &File{Schema: Schema, Findings: []report.BaselineEntry{
		entryOf(known, "r", "a"), entryOf(fixed, "r", "b"), entryOf(unknown, "r", "c"), entryOf(fixed, "r", "b"),
	}}
	rep := report.New("test")
	rep.Findings = []report.Finding{finding(known, checklist.Fail), finding(unknown, checklist.Unknown), finding(fresh, checklist.Fail)}
	if got := rep.ExitCode(report.FailOn{Min: checklist.Low}); got != report.ExitGaps {
		t.Fatalf("exit code before comparing = %d", got)
	}

	Compare(rep, b, "b.json")
	got := rep.Baseline
	if got.File != "b.json" || got.New != 1 || got.Known != 1 || len(got.Fixed) != 1 || got.Fixed[0].Fingerprint != fixed {
		t.Errorf("comparison = %+v; want 1 new, 1 known, %s fixed once", got, fixed)
	}
	if !rep.Findings[0].Baselined || rep.Findings[1].Baselined || rep.Findings[2].Baselined {
		t.Errorf("baselined = %v %v %v, want only the known fail", rep.Findings[0].Baselined, rep.Findings[1].Baselined, rep.Findings[2].Baselined)
	}
	// The new fail still gates; once it is gone, the baselined one does not.
	if got := rep.ExitCode(report.FailOn{Min: checklist.Low}); got != report.ExitGaps {
		t.Errorf("exit code with a new fail = %d, want 1", got)
	}
	rep.Findings = rep.Findings[:2]
	if got := rep.ExitCode(report.FailOn{Min: checklist.Low}); got != report.ExitOK {
		t.Errorf("exit code with only baselined fails = %d, want 0", got)
	}

	rep.Findings = append(rep.Findings, finding(fresh, checklist.Fail))
	kept, dropped, notAdded := Update(b, rep)
	if len(kept.Findings) != 2 || kept.Findings[0].Fingerprint != known || kept.Findings[1].Fingerprint != unknown {
		t.Errorf("kept %+v; want the known entry and the one now unknown", kept.Findings)
	}
	if len(dropped) != 1 || dropped[0].Fingerprint != fixed {
		t.Errorf("dropped %+v; want the fixed entry, once", dropped)
	}
	if notAdded != 1 {
		t.Errorf("notAdded = %d, want 1 (the new fail is never added)", notAdded)
	}
}

func TestFromReportRecordsFailsOnly(t *testing.T) {
	rep := report.New("test")
	rep.Findings = []report.Finding{finding("000000000000000b", checklist.Fail), finding("000000000000000c", checklist.Unknown),
		finding("000000000000000a", checklist.Fail)}
	b := FromReport(rep)
	if len(b.Findings) != 2 || b.Schema != Schema {
		t.Fatalf("baseline = %+v; want the two fails", b)
	}
	if b.Findings[0].Fingerprint != "000000000000000a" {
		t.Errorf("entries not sorted: %+v", b.Findings)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"schema":"prodgrade/baseline/v1","findings":[{"fingerprint":"0123456789abcdef","rule":"r"}]}`))
	f.Add([]byte(`{"schema":"prodgrade/report/v1"}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(data)
		if err != nil {
			return
		}
		// What Parse accepts writes and parses back to the same entries.
		var buf bytes.Buffer
		if err := b.Write(&buf); err != nil {
			t.Fatal(err)
		}
		again, err := Parse(buf.Bytes())
		if err != nil {
			t.Fatalf("a written baseline does not parse: %v\n%s", err, buf.Bytes())
		}
		if len(again.Findings) != len(b.Findings) {
			t.Fatalf("%d entries read back, want %d", len(again.Findings), len(b.Findings))
		}
		for i, e := range b.Findings {
			if !isFingerprint(e.Fingerprint) || again.Findings[i] != e {
				t.Fatalf("entry %d: %+v read back as %+v", i, e, again.Findings[i])
			}
		}
	})
}
