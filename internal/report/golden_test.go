package report_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/prodgrade/prodgrade/internal/report"
	_ "github.com/prodgrade/prodgrade/internal/rules/all"
	"github.com/prodgrade/prodgrade/internal/scan"
	_ "github.com/prodgrade/prodgrade/internal/source/all"
)

// Regenerate with: go test ./internal/report -update
// (or PRODGRADE_UPDATE_GOLDEN=1 go test ./internal/..., which works across packages).
var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// The golden cases scan from the repository root, so paths in the reports
// read as a user would see them.
var goldenCases = []struct {
	name  string
	paths []string
}{
	{"examples", []string{"examples"}},
	{"mixed", []string{"internal/report/testdata/fixtures/mixed"}},
}

func TestGolden(t *testing.T) {
	golden, err := filepath.Abs(filepath.Join("testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	regen := *update || os.Getenv("PRODGRADE_UPDATE_GOLDEN") == "1"
	t.Chdir(filepath.Join("..", ".."))
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := scan.Run(context.Background(), scan.Options{Paths: tc.paths, Version: "test"})
			if err != nil {
				t.Fatal(err)
			}
			var txt, js bytes.Buffer
			if err := report.WriteText(&txt, rep, report.TextOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := report.WriteJSON(&js, rep); err != nil {
				t.Fatal(err)
			}
			compare(t, filepath.Join(golden, tc.name+".txt"), txt.Bytes(), regen)
			compare(t, filepath.Join(golden, tc.name+".json"), js.Bytes(), regen)
		})
	}
}

func compare(t *testing.T, path string, got []byte, regen bool) {
	t.Helper()
	if regen {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; run go test ./internal/report -update to create it", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the current output; if the change is intended, run\n"+
			"  go test ./internal/report -update\nand review the diff.\n%s", path, firstDiff(want, got))
	}
}

// firstDiff shows the first differing line, which is usually enough to see what moved.
func firstDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + string(w) + "\n  got:  " + string(g)
		}
	}
	return ""
}
