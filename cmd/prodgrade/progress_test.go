package main

import (
	"testing"

	"github.com/prodgrade/prodgrade/internal/scan"
)

func TestProgressLine(t *testing.T) {
	for _, c := range []struct {
		s    scan.Snapshot
		want string
	}{
		{scan.Snapshot{}, "prodgrade: looking for files…"},
		{scan.Snapshot{Found: []scan.FormatCount{{Format: "kubernetes", Files: 34}, {Format: "terraform", Files: 1200}}, Components: 12, Resources: 45678},
			"prodgrade: 1,234 files (kubernetes 34, terraform 1,200) · 12 components, 45,678 resources graded"},
		{scan.Snapshot{Found: []scan.FormatCount{}}, "prodgrade: 0 files · 0 components, 0 resources graded"},
	} {
		if got := progressLine(c.s); got != c.want {
			t.Errorf("progressLine = %q, want %q", got, c.want)
		}
	}
	if thousands(1000000) != "1,000,000" || thousands(999) != "999" {
		t.Error("thousands")
	}
}
