package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
)

func TestCodeQuality(t *testing.T) {
	r := New("test")
	r.Findings = []Finding{
		{Rule: "aws-a-b", Severity: checklist.High, Status: checklist.Fail, Component: "c", Resource: "x", File: "main.tf", Line: 7, Message: "m <b>", Fingerprint: "0123456789abcdef"},
		{Rule: "aws-a-b", Severity: checklist.Low, Status: checklist.Fail, Component: "c", Resource: "y", File: "main.tf", Message: "no line"},
		{Rule: "aws-a-c", Severity: checklist.Medium, Status: checklist.Unknown, File: "main.tf", Line: 3},
		{Rule: "aws-a-d", Severity: checklist.Medium, Status: checklist.Waived, File: "main.tf", Line: 4},
		{Rule: "aws-a-e", Severity: checklist.Critical, Status: checklist.Fail, File: "main.tf", Line: 5, Baselined: true},
	}
	var buf bytes.Buffer
	if err := WriteCodeQuality(&buf, r, Options{}); err != nil {
		t.Fatal(err)
	}
	var got []codeQualityIssue
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("issues: %+v; want the two gaps that are neither waived nor baselined", got)
	}
	if g := got[0]; g.Severity != "critical" || g.Fingerprint != "0123456789abcdef" || g.Location.Path != "main.tf" || g.Location.Lines.Begin != 7 || g.Description != "aws-a-b: m <b>" {
		t.Errorf("first issue: %+v", g)
	}
	if g := got[1]; g.Severity != "minor" || g.Location.Lines.Begin != 1 || g.Fingerprint == "" {
		t.Errorf("second issue: %+v", g)
	}
	buf.Reset()
	WriteCodeQuality(&buf, New("x"), Options{})
	if buf.String() != "[]\n" {
		t.Errorf("no gaps: %q, want []", buf.String())
	}
}
