package tfjson

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		file string
		data string
		want Format
	}{
		{file: "testdata/basic.plan.json", want: Plan},
		{file: "testdata/changes.plan.json", want: Plan},
		{file: "testdata/basic.plan.utf16le.json", want: Plan},
		{file: "testdata/basic.plan.utf16be.json", want: Plan},
		{file: "testdata/basic.plan.crlf.json", want: Plan},
		{file: "testdata/basic.state.json", want: State},
		{file: "testdata/basic.tfstate", want: RawState},
		{file: "testdata/corrupt.plan.json", want: Plan}, // keys before the damage decide
		{data: `{"format_version":"1.0"}`, want: State},  // an empty state
		{data: `{"format_version":"1.2","terraform_version":"1.11.4","values":{"root_module":{}}}`, want: State},
		{data: `{"version":4,"serial":1,"lineage":"x","resources":[]}`, want: RawState},
		{data: `{"version":3,"serial":1,"modules":[]}`, want: RawState}, // Load says v3 is not supported
		{data: `{}`, want: Unknown},
		{data: `[]`, want: Unknown},
		{data: `{"apiVersion":"v1","kind":"Pod"}`, want: Unknown},
		{data: ``, want: Unknown},
		{data: `{"planned_values":`, want: Plan},
	} {
		data := []byte(tt.data)
		name := tt.file
		if tt.file != "" {
			var err error
			if data, err = os.ReadFile(tt.file); err != nil {
				t.Fatal(err)
			}
		} else {
			name = tt.data
		}
		if got := Detect(data); got != tt.want {
			t.Errorf("Detect(%s) = %v, want %v", name, got, tt.want)
		}
	}
}

// The same plan written as PowerShell writes it (UTF-16 with a BOM, CRLF),
// with a UTF-8 BOM and CRLF, and indented, loads exactly like the original.
func TestEncodings(t *testing.T) {
	want := strings.ReplaceAll(dump(load(t, "testdata/basic.plan.json")), "basic.plan.json", "X")
	for _, file := range []string{
		"testdata/basic.plan.pretty.json",
		"testdata/basic.plan.crlf.json",
		"testdata/basic.plan.utf16le.json",
		"testdata/basic.plan.utf16be.json",
	} {
		base := file[len("testdata/"):]
		got := strings.ReplaceAll(dump(load(t, file)), base, "X")
		if got != want {
			t.Errorf("%s loads differently from basic.plan.json:\n%s", file, firstDiff(got, want))
		}
	}
	// UTF-16LE without a BOM is recognised too.
	data, _ := os.ReadFile("testdata/basic.plan.utf16le.json")
	if got := strings.ReplaceAll(dump(mustLoad(t, "X", data[2:])), "basic.plan.json", "X"); got != want {
		t.Errorf("UTF-16LE without BOM:\n%s", firstDiff(got, want))
	}
}

func mustLoad(t *testing.T, name string, data []byte) *Loaded {
	t.Helper()
	l, err := Load(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range al {
		if i >= len(bl) || al[i] != bl[i] {
			other := ""
			if i < len(bl) {
				other = bl[i]
			}
			return "got:  " + al[i] + "\nwant: " + other
		}
	}
	return "(got is a prefix of want)"
}

func TestErrors(t *testing.T) {
	corrupt, err := os.ReadFile("testdata/corrupt.plan.json")
	if err != nil {
		t.Fatal(err)
	}
	// The corrupt plan in UTF-16, as PowerShell would write it: positions
	// are in characters of the decoded text, so they are the same.
	var u16 []byte
	u16 = append(u16, 0xFF, 0xFE)
	for _, r := range string(corrupt) {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	for _, tt := range []struct {
		name, data, want string
	}{
		{"plan.json", string(corrupt), "plan.json: invalid JSON at line 715, column 15: unexpected end of file (the file is cut off)"},
		{"plan.json", string(u16), "plan.json: invalid JSON at line 715, column 15: unexpected end of file (the file is cut off)"},
		{"plan.json", "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {,}\n}", "plan.json: invalid JSON at line 3, column 22: invalid character ',' looking for beginning of object key string"},
		{"plan.json", `{"format_version":"1.2","planned_values":5}`, "plan.json: unexpected JSON at line 1, column 42: planned_values: expected an object, found a JSON number"},
		{"plan.json", `{"format_version":"1.2","resource_changes":[{"change":{"actions":"create"}}]}`, "plan.json: unexpected JSON at line 1, column 73: resource_changes.change.actions: expected an array, found a JSON string"},
		{"plan.json", `{"format_version":"1.2"} {}`, "plan.json: invalid JSON at line 1, column 26: unexpected data after the top-level value"},
		{"x.json", `{"kind":"Deployment"}`, "x.json: not Terraform plan or state JSON: expected the output of terraform show -json (format_version with planned_values or values) or a terraform.tfstate (version 4)"},
		{"x.json", "  \r\n", "x.json: empty file; expected the output of terraform show -json"},
		{"old.tfstate", `{"version":3,"serial":1,"modules":[]}`, "old.tfstate: terraform.tfstate format version 3 is not supported (only version 4, written by Terraform 0.12 and later); run terraform show -json and load that"},
		{"odd.json", "\xff\xfe{\x00\n\x00 \x00\"\x00", "odd.json: invalid JSON at line 2, column 2: unexpected end of file (the file is cut off)"},
		{"odd-but-whole.json", "\xff\xfe{\x00}\x00\n", "odd-but-whole.json: invalid UTF-16: 7 bytes, an odd number, so the file is cut off mid-character; write the plan again"},
	} {
		l, err := Load(tt.name, []byte(tt.data))
		if err == nil {
			t.Errorf("Load(%.40q) = %d components, want error %q", tt.data, len(l.Components), tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("Load(%.40q):\n got %s\nwant %s", tt.data, err, tt.want)
		}
		var e *Error
		if !errors.As(err, &e) || e.File != tt.name {
			t.Errorf("error %T does not carry the file", err)
		}
	}
}

func TestEmptyDocuments(t *testing.T) {
	for _, doc := range []string{
		`{"format_version":"1.0"}`,
		`{"version":4,"serial":1,"lineage":"x","resources":[]}`,
		`{"format_version":"1.2","planned_values":{"root_module":{}},"configuration":{"root_module":{}}}`,
	} {
		l := mustLoad(t, "e.json", []byte(doc))
		for _, r := range l.Components[0].Resources {
			if r.Kind != "terraform" {
				t.Errorf("%s: unexpected resource %s", doc, r.Address)
			}
		}
	}
}
