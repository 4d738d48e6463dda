package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseOutputs(t *testing.T) {
	for _, c := range []struct {
		specs   []string
		o, want string // want: "format:file …" or an error fragment
	}{
		{nil, "", "text:"},
		{[]string{"json"}, "r.json", "json:r.json"},
		{[]string{"json=a.json", "text"}, "", "json:a.json text:"},
		{[]string{"json", "text"}, "", "both write to standard output"},
		{[]string{"json=a", "text=a"}, "", "two formats write to a"},
		{[]string{"xml"}, "", `invalid --format "xml"`},
		{[]string{"json="}, "", "name the file after ="},
	} {
		outs, err := parseOutputs(c.specs, c.o)
		var got []string
		for _, o := range outs {
			got = append(got, o.format.Name+":"+o.file)
		}
		s := strings.Join(got, " ")
		if err != nil {
			s = err.Error()
		}
		if !strings.Contains(s, c.want) {
			t.Errorf("parseOutputs(%q, %q) = %s; want %s", c.specs, c.o, s, c.want)
		}
	}
}

// One scan writes several formats, each to its own place.
func TestSeveralFormats(t *testing.T) {
	dir := t.TempDir()
	js := filepath.Join(dir, "r.json")
	code, out, errOut := prodgrade(t, "", "scan", "--no-color", "--format", "text", "--format", "json="+js, "testdata/good")
	if code > 1 || !strings.Contains(out, "COMPONENT") || !strings.Contains(errOut, "json report written to "+js) {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if data, err := os.ReadFile(js); err != nil || !strings.Contains(string(data), `"schema": "prodgrade/report/v1"`) {
		t.Errorf("json file: %v %.80s", err, data)
	}
}
