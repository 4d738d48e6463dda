package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/report"
)

// Each verdict, gate and kind of finding becomes the test outcome it should.
func TestJUnitItems(t *testing.T) {
	r := report.New("t")
	r.Components = []report.Component{{Name: "app", Path: "stacks/app", Kind: "terraform root module", Tier: "critical",
		Verdicts: report.Verdicts{
			checklist.Install:      checklist.Gaps,
			checklist.Configure:    checklist.Gaps,
			checklist.Provision:    checklist.Gaps,
			checklist.Deploy:       checklist.Met,
			checklist.Availability: checklist.Unverified,
			checklist.Scalability:  checklist.Attested,
			checklist.Performance:  checklist.Met,
			checklist.Networking:   checklist.Gaps,
		},
		Gates: map[checklist.Item]string{checklist.Configure: "high", checklist.Networking: "none", checklist.Install: "low"}}}
	find := func(rule string, it checklist.Item, sev checklist.Severity, st checklist.Status, line int) report.Finding {
		return report.Finding{Rule: rule, Item: it, Severity: sev, Status: st, Resource: "aws_x.y", Component: "app",
			File: "stacks/app/main.tf", Line: line, Message: "msg of " + rule}
	}
	baselined := find("tf-b", checklist.Provision, checklist.High, checklist.Fail, 3)
	baselined.Baselined = true
	waived := find("aws-w", checklist.Deploy, checklist.High, checklist.Waived, 4)
	waived.Waiver = ".prodgrade.yaml:2"
	unknown := find("aws-u", checklist.Availability, checklist.Medium, checklist.Unknown, 5)
	unknown.Why = "var.n has no value"
	ctl := find("aws-ctl", checklist.Install, checklist.Low, checklist.Fail, 9)
	ctl.Message = "bad \x01 byte ]]> end"
	r.Findings = []report.Finding{
		find("tf-a", checklist.Install, checklist.Critical, checklist.Fail, 1), ctl,
		find("tf-m", checklist.Configure, checklist.Medium, checklist.Fail, 2),
		baselined, waived, unknown,
		find("aws-i", checklist.Performance, checklist.Info, checklist.Fail, 6),
		find("aws-n", checklist.Networking, checklist.High, checklist.Fail, 7),
	}
	r.Attestations = []report.Attestation{{Item: checklist.Scalability, Component: "app", Evidence: "load test", By: "ops",
		Date: "2026-01-01", Expires: "2027-01-01", Status: "valid"}}
	r.Notes = []report.Note{{Kind: "error", File: "stacks/app/broken.tf", Line: 2, Message: "cannot parse"}, {Kind: "coverage", Message: "c"}}
	r.Finish(2)

	for _, unverifiedFails := range []bool{false, true} {
		var b bytes.Buffer
		if err := report.WriteJUnit(&b, r, report.Options{JUnitUnverified: unverifiedFails}); err != nil {
			t.Fatal(err)
		}
		d := parseJUnit(t, b.Bytes())
		if len(d.Suites) != 2 || d.Suites[1].Name != "prodgrade inputs" || d.Suites[1].Errors != 1 {
			t.Fatalf("suites: %+v", d.Suites)
		}
		cases := map[string]junitTestCase{}
		for _, c := range d.Suites[0].Cases {
			if c.Classname != "app" {
				t.Errorf("test %s has classname %q; want the component", c.Name, c.Classname)
			}
			cases[c.Name] = c
		}
		// outcome: "failure TYPE", "skipped", "error" or "pass"; then
		// fragments the failure text, skip message or system-out holds.
		for _, w := range []struct {
			item    checklist.Item
			outcome string
			has     []string
		}{
			{checklist.Install, "failure critical", []string{"2 gaps, highest severity critical", "CRITICAL tf-a aws_x.y stacks/app/main.tf:1\n    msg of tf-a", "bad \uFFFD byte ]]> end"}},
			{checklist.Configure, "failure medium", []string{"below the high gate of tier critical, so it does not fail the scan", "MEDIUM tf-m"}},
			{checklist.Provision, "failure high", []string{"1 gap, highest severity high (1 in the baseline)", "stacks/app/main.tf:3 (in the baseline)"}},
			{checklist.Deploy, "pass", []string{"waived: HIGH aws-w aws_x.y stacks/app/main.tf:4 (waived by .prodgrade.yaml:2)"}},
			{checklist.Availability, map[bool]string{false: "pass", true: "failure unverified"}[unverifiedFails],
				[]string{"MEDIUM aws-u aws_x.y stacks/app/main.tf:5\n    msg of aws-u\n    var.n has no value"}},
			{checklist.Scalability, "pass", []string{"attested: load test by ops on 2026-01-01, until 2027-01-01 (valid)"}},
			{checklist.Performance, "pass", []string{"info: INFO aws-i"}},
			{checklist.Networking, "skipped", []string{"not required by tier critical (verdict gaps)", "gaps: HIGH aws-n"}},
			{checklist.Security, "skipped", []string{"n/a: nothing in the component concerns this item"}},
		} {
			c, ok := cases[string(w.item)]
			if !ok {
				t.Errorf("no test case %s", w.item)
				continue
			}
			outcome, text := "pass", c.SystemOut
			switch {
			case c.Failure != nil:
				outcome, text = "failure "+c.Failure.Type, c.Failure.Message+"\n"+c.Failure.Text+c.SystemOut
			case c.Skipped != nil:
				outcome, text = "skipped", c.Skipped.Message+"\n"+c.SystemOut
			case c.Error != nil:
				outcome = "error"
			}
			if outcome != w.outcome {
				t.Errorf("unverified=%v %s: %s; want %s", unverifiedFails, w.item, outcome, w.outcome)
			}
			for _, h := range w.has {
				if !strings.Contains(text, h) {
					t.Errorf("unverified=%v %s: want %q in\n%s", unverifiedFails, w.item, h, text)
				}
			}
		}
	}
}

// A report with no component is still a valid JUnit document.
func TestJUnitEmpty(t *testing.T) {
	r := report.New("t")
	r.Finish(0)
	var b bytes.Buffer
	if err := report.WriteJUnit(&b, r, report.Options{}); err != nil {
		t.Fatal(err)
	}
	if d := parseJUnit(t, b.Bytes()); d.Tests != 0 || len(d.Suites) != 0 {
		t.Errorf("empty report: %s", b.String())
	}
}
