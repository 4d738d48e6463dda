package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
)

// fp returns sample() with a fingerprint on every finding.
func fp() *Report {
	r := sample()
	for i := range r.Findings {
		r.Findings[i].Fingerprint = "fp" + string(rune('a'+i))
	}
	return r
}

func TestCompare(t *testing.T) {
	for _, tc := range []struct {
		name                  string
		edit                  func(old, new *Report)
		matched               string
		added, fixed, changed int
		fields                string
		newFails, exit        int
		components            string
	}{
		{name: "same report", edit: func(o, n *Report) {}, matched: MatchFingerprint, exit: ExitOK},
		{name: "a finding fixed, lines moved", edit: func(o, n *Report) {
			n.Findings = n.Findings[1:]
			for i := range n.Findings {
				n.Findings[i].Line += 10
			}
		}, matched: MatchFingerprint, fixed: 1, exit: ExitOK},
		{name: "a new fail gates, a new unknown does not", edit: func(o, n *Report) {
			o.Findings = o.Findings[1:3]
		}, matched: MatchFingerprint, added: 7, newFails: 1, exit: ExitGaps},
		{name: "unknown becomes fail", edit: func(o, n *Report) {
			n.Findings[2].Status = checklist.Fail
		}, matched: MatchFingerprint, changed: 1, fields: "status", newFails: 1, exit: ExitGaps},
		{name: "fail becomes unknown, severity and message change", edit: func(o, n *Report) {
			n.Findings[0].Status = checklist.Unknown
			n.Findings[1].Severity = checklist.Low
			n.Findings[1].Message = "other words"
		}, matched: MatchFingerprint, changed: 2, fields: "status severity,message", exit: ExitOK},
		{name: "no fingerprints: matched by content", edit: func(o, n *Report) {
			for i := range o.Findings {
				o.Findings[i].Fingerprint = ""
			}
			n.Findings[1].Message = "other words" // not the same finding any more
			n.Findings[0].Line = 99               // lines are not part of the key
		}, matched: MatchContent, added: 1, fixed: 1, newFails: 1, exit: ExitGaps},
		{name: "verdicts, scores and components", edit: func(o, n *Report) {
			n.Components[0].Verdicts = Verdicts{checklist.Backup: checklist.Met, checklist.Security: checklist.Met, checklist.Logs: checklist.Unverified}
			n.Components[0].Score = intp(66)
			n.Components = append(n.Components[:1], Component{Name: "stacks/new", Verdicts: Verdicts{}})
		}, matched: MatchFingerprint, exit: ExitOK,
			components: "stacks/app changed 33→66 [backup gaps→met]; stacks/new added; stacks/empty removed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old, new := fp(), fp()
			tc.edit(old, new)
			d := Compare(old, new, "old.json", "new.json")
			if d.MatchedBy != tc.matched || len(d.Added) != tc.added || len(d.Fixed) != tc.fixed || len(d.Changed) != tc.changed {
				t.Errorf("matched by %s, %d new, %d fixed, %d changed; want %s, %d, %d, %d",
					d.MatchedBy, len(d.Added), len(d.Fixed), len(d.Changed), tc.matched, tc.added, tc.fixed, tc.changed)
			}
			if (d.MatchedBy == MatchContent) != strings.Contains(d.Note, "old.json has findings without a fingerprint") {
				t.Errorf("note %q does not say why findings were matched by content", d.Note)
			}
			var fields []string
			for _, c := range d.Changed {
				fields = append(fields, strings.Join(c.Fields, ","))
			}
			if got := strings.Join(fields, " "); got != tc.fields {
				t.Errorf("changed fields %q, want %q", got, tc.fields)
			}
			if d.Summary.NewFails != tc.newFails || d.ExitCode() != tc.exit {
				t.Errorf("%d new fails, exit %d; want %d, %d", d.Summary.NewFails, d.ExitCode(), tc.newFails, tc.exit)
			}
			var comps []string
			for _, c := range d.Components {
				s := c.Name + " " + c.Change
				if c.Change == "changed" {
					s += " " + scoreText(c.OldScore) + "→" + scoreText(c.NewScore)
					for _, v := range c.Verdicts {
						s += " [" + string(v.Item) + " " + string(v.Old) + "→" + string(v.New) + "]"
					}
				}
				comps = append(comps, s)
			}
			if got := strings.Join(comps, "; "); got != tc.components {
				t.Errorf("components %q, want %q", got, tc.components)
			}
		})
	}
}

// Several findings with one key (a rule failing twice on one attribute)
// are matched one for one, not all against the first.
func TestCompareRepeatedKeys(t *testing.T) {
	old, new := fp(), fp()
	for _, r := range []*Report{old, new} {
		for i := range r.Findings {
			r.Findings[i].Fingerprint = "same"
		}
	}
	new.Findings = new.Findings[:len(new.Findings)-2]
	d := Compare(old, new, "a", "b")
	if len(d.Fixed) != 2 || len(d.Added) != 0 || len(d.Changed) != 0 {
		t.Errorf("%d fixed, %d new, %d changed; want 2, 0, 0", len(d.Fixed), len(d.Added), len(d.Changed))
	}
}

func TestReadJSON(t *testing.T) {
	var good bytes.Buffer
	if err := WriteJSON(&good, fp()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, data, err string
	}{
		{"a report", good.String(), ""},
		{"not JSON", "terraform {", "r.json is not a JSON report"},
		{"no schema", `{"findings": []}`, "r.json is not a prodgrade report (its schema is none"},
		{"a baseline", `{"schema": "prodgrade/baseline/v1"}`, `its schema is "prodgrade/baseline/v1", not prodgrade/report/v1`},
		{"another major version", `{"schema": "prodgrade/report/v2"}`, "r.json is a prodgrade/report/v2 report; this prodgrade reads prodgrade/report/v1"},
		{"a bad field", `{"schema": "prodgrade/report/v1", "findings": [{"severity": "apocalyptic"}]}`, "r.json is not a valid prodgrade/report/v1 report"},
		{"JSON array", `[1]`, "r.json is not a JSON report"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ReadJSON([]byte(tc.data), "r.json")
			if tc.err == "" {
				if err != nil || len(r.Findings) != len(fp().Findings) || r.Components[0].Verdicts[checklist.Backup] != checklist.Gaps {
					t.Fatalf("did not read the report back: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("error %v, want one containing %q", err, tc.err)
			}
		})
	}
}

// A report read back and compared with itself is no change, and the JSON
// diff reads back as written.
func TestDiffRoundTrip(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, fp()); err != nil {
		t.Fatal(err)
	}
	r, err := ReadJSON(b.Bytes(), "r.json")
	if err != nil {
		t.Fatal(err)
	}
	d := Compare(r, fp(), "r.json", "s.json")
	if d.Summary != (DiffSummary{}) || len(d.Components) != 0 {
		t.Errorf("a report differs from itself read back: %+v %+v", d.Summary, d.Components)
	}
	var js bytes.Buffer
	if err := WriteDiffJSON(&js, d); err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back["schema"] != DiffSchema {
		t.Fatalf("diff JSON does not read back: %v", err)
	}
	for _, k := range []string{"new_findings", "fixed_findings", "changed_findings", "components"} {
		if l, ok := back[k].([]any); !ok || len(l) != 0 {
			t.Errorf("%s is %v, want []", k, back[k])
		}
	}
}

func TestDiffMarkdownFitsAndEscapes(t *testing.T) {
	old := huge(500, 30000)
	new := hostile()
	d := Compare(old, new, "old.json", "new.json")
	var b bytes.Buffer
	if err := WriteDiffMarkdown(&b, d, MarkdownOptions{LinkBase: "https://github.com/o/r/blob/c"}); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	if b.Len() > GitHubCommentLimit {
		t.Fatalf("diff is %d bytes", b.Len())
	}
	if !strings.Contains(md, "**Left out to fit the 65,536-character comment limit:**") || !strings.Contains(md, "### New findings (16)") {
		t.Errorf("the diff lacks its sections or its count of what was left out:\n%s", md[len(md)-500:])
	}
	page := renderGFM(t, md)
	for _, bad := range []string{"<script", "<img", "<details", `href="https://evil`} {
		if strings.Contains(page, bad) {
			t.Errorf("rendered diff contains %q", bad)
		}
	}
}

// FuzzReadJSON: whatever the bytes, ReadJSON returns a report or an error,
// and what it returns can be compared and rendered.
func FuzzReadJSON(f *testing.F) {
	var b bytes.Buffer
	if err := WriteJSON(&b, fp()); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte(`{"schema":"prodgrade/report/v1","components":[{"name":"x","verdicts":{"install":"odd"}}],"findings":[{"status":"fail"}]}`))
	f.Add([]byte(`{"schema":"prodgrade/report/v9"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadJSON(data, "f.json")
		if err != nil {
			return
		}
		d := Compare(r, fp(), "f.json", "g.json")
		var out bytes.Buffer
		if err := WriteDiffText(&out, d); err != nil {
			t.Fatal(err)
		}
		if err := WriteDiffMarkdown(&out, d, MarkdownOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := WriteMarkdown(&out, r, MarkdownOptions{}); err != nil {
			t.Fatal(err)
		}
	})
}
