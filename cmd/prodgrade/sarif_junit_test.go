package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// One scan writes SARIF and JUnit to files; the SARIF log is valid against
// the official schema, names the working directory as its root and the
// files relative to it (or to --sarif-root), and shows the inline
// suppression as a suppressed result; the JUnit report parses back.
func TestSARIFAndJUnitFiles(t *testing.T) {
	dir := t.TempDir()
	sarifFile, junitFile := filepath.Join(dir, "x.sarif"), filepath.Join(dir, "x.xml")
	code, out, errOut := prodgrade(t, "", "scan", "--format", "sarif="+sarifFile, "--format", "junit="+junitFile, "testdata/inline")
	if code != 1 || out != "" || !strings.Contains(errOut, "sarif report written to "+sarifFile) ||
		!strings.Contains(errOut, "junit report written to "+junitFile) {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	data, err := os.ReadFile(sarifFile)
	if err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, data)
	var log struct {
		Runs []struct {
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				RuleID       string
				Suppressions []struct{ Kind, Justification string }
				Locations    []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string } `json:"artifactLocation"`
					}
				}
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if got, want := run.OriginalURIBaseIDs["%SRCROOT%"].URI, "file://"+filepath.ToSlash(wd)+"/"; got != want {
		t.Errorf("root %q; want %q", got, want)
	}
	suppressed := 0
	for _, r := range run.Results {
		al := r.Locations[0].PhysicalLocation.ArtifactLocation
		if al.URI != "testdata/inline/main.tf" || al.URIBaseID != "%SRCROOT%" {
			t.Errorf("%s at %+v; want testdata/inline/main.tf under %%SRCROOT%%", r.RuleID, al)
		}
		for _, s := range r.Suppressions {
			suppressed++
			if s.Kind != "inSource" || s.Justification == "" {
				t.Errorf("suppression of %s: %+v; want inSource with the directive's reason", r.RuleID, s)
			}
		}
	}
	if suppressed != 1 {
		t.Errorf("%d suppressed results; want the 1 waived by the inline directive", suppressed)
	}
	xmlData, err := os.ReadFile(junitFile)
	if err != nil {
		t.Fatal(err)
	}
	var suites struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Skipped  int `xml:"skipped,attr"`
	}
	if err := xml.Unmarshal(xmlData, &suites); err != nil {
		t.Fatalf("JUnit report: %v", err)
	}
	if suites.Tests != 12 || suites.Failures != 5 || suites.Skipped != 6 {
		t.Errorf("JUnit counts %+v; want 12 tests, 5 failures (gaps), 6 skipped (n/a)", suites)
	}

	// --sarif-root moves the root: paths become relative to it.
	code, out, _ = prodgrade(t, "", "scan", "--format", "sarif", "--sarif-root", "testdata", "testdata/inline")
	if code != 1 || !strings.Contains(out, `"uri": "inline/main.tf"`) || !strings.Contains(out, `"uri": "file://`+filepath.ToSlash(wd)+`/testdata/"`) {
		t.Errorf("--sarif-root testdata: exit %d\n%.2000s", code, out)
	}
	code, _, errOut = prodgrade(t, "", "scan", "--format", "sarif", "--sarif-root", "testdata/nope", "testdata/inline")
	if code != 2 || !strings.Contains(errOut, "--sarif-root testdata/nope is not a directory") {
		t.Errorf("--sarif-root to nowhere: exit %d, %s", code, errOut)
	}
}

// An unverified item passes unless --junit-unverified makes it a failure.
func TestJUnitUnverifiedFlag(t *testing.T) {
	const example = "../../examples/compose/first-try" // its metrics item is unverified
	for _, c := range []struct {
		flag string
		want string
	}{
		{"", `<testcase name="metrics" classname="first-try">` + "\n" + `      <system-out><![CDATA[unverified: no check could be decided`},
		{"--junit-unverified", `<testcase name="metrics" classname="first-try">` + "\n" + `      <failure type="unverified"`},
	} {
		args := []string{"scan", "--format", "junit", example}
		if c.flag != "" {
			args = append(args, c.flag)
		}
		code, out, errOut := prodgrade(t, "", args...)
		if code != 1 || !strings.Contains(out, c.want) {
			t.Errorf("%s: exit %d, want %q in\n%.3000s\n%s", args, code, c.want, out, errOut)
		}
	}
}

func validateSARIF(t *testing.T, data []byte) {
	t.Helper()
	schemaDoc, err := os.ReadFile("../../internal/report/testdata/sarif/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaDoc))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("the SARIF log does not match the SARIF 2.1.0 schema: %v", err)
	}
}
