package checklist

import "testing"

func TestDecide(t *testing.T) {
	for _, c := range []struct {
		name string
		add  func(*Tally)
		want Verdict
	}{
		{"nothing applies", func(*Tally) {}, NA},
		{"a pass", func(t *Tally) { t.Add(Pass, High) }, Met},
		{"a pass and an unknown", func(t *Tally) { t.Add(Pass, High); t.Add(Unknown, High) }, Met},
		{"only unknowns", func(t *Tally) { t.Add(Unknown, High) }, Unverified},
		{"a low fail beats passes", func(t *Tally) { t.Add(Pass, High); t.Add(Fail, Low) }, Gaps},
		{"an info fail is advice", func(t *Tally) { t.Add(Pass, High); t.Add(Fail, Info) }, Met},
		{"waived counts as met", func(t *Tally) { t.Add(Waived, High) }, Met},
		{"gaps beat attestation", func(t *Tally) { t.Attested = true; t.Add(Fail, Medium) }, Gaps},
		{"attestation beats a pass", func(t *Tally) { t.Attested = true; t.Add(Pass, Medium) }, Attested},
	} {
		var tl Tally
		c.add(&tl)
		if got := tl.Decide(); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

func TestScore(t *testing.T) {
	v := map[Item]Verdict{}
	for _, it := range Items {
		v[it] = NA
	}
	if Score(v) != nil {
		t.Errorf("all n/a has no score")
	}
	v[Backup], v[Logs], v[Metrics], v[Security] = Met, Gaps, Unverified, Attested
	if s := Score(v); s == nil || *s != 50 {
		t.Errorf("score = %v, want 50 (met + attested over applicable; unverified counts as not met)", s)
	}
}

func TestParse(t *testing.T) {
	if it, err := ParseItem(" Backup "); err != nil || it != Backup {
		t.Errorf("ParseItem: %v %v", it, err)
	}
	if _, err := ParseItem("uptime"); err == nil {
		t.Errorf("unknown items are errors")
	}
	if s, err := ParseSeverity("HIGH"); err != nil || s != High {
		t.Errorf("ParseSeverity: %v %v", s, err)
	}
	if len(Items) != 12 {
		t.Errorf("the checklist has 12 items")
	}
}

func TestSeverityText(t *testing.T) {
	for s := Info; s <= Critical; s++ {
		b, _ := s.MarshalText()
		var back Severity
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("%s does not round-trip: %v %v", s, back, err)
		}
	}
}
