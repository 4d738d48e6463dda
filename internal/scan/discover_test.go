package scan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestSpecialFilesAreNamed: a named pipe with a name a format reads is
// never opened (it would block the scan) and never skipped in silence,
// even alone in its directory.
func TestSpecialFilesAreNamed(t *testing.T) {
	dir := t.TempDir()
	alone := filepath.Join(dir, "a", "y.tf")
	if err := os.MkdirAll(filepath.Dir(alone), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(alone, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	rep, err := Run(context.Background(), Options{Paths: []string{dir}, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, n := range rep.Notes {
		found = found || n.File == alone && strings.Contains(n.Message, "named pipe")
	}
	if !found {
		t.Errorf("the FIFO %s is not named: notes %+v", alone, rep.Notes)
	}
}

// TestNotesAreCappedPerFile: a file that gives hundreds of errors lists
// maxNotesPerFile of them and one note saying how many more there were.
func TestNotesAreCappedPerFile(t *testing.T) {
	dir := t.TempDir()
	text := "locals {\n" + strings.Repeat("a = \"x\"\n", 300) + "}\n" // 299 redefinitions
	if err := os.WriteFile(filepath.Join(dir, "broken.tf"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), Options{Paths: []string{dir}, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	n, last := 0, ""
	for _, note := range rep.Notes {
		if strings.HasSuffix(note.File, "broken.tf") {
			n++
			last = note.Message
		}
	}
	if n != maxNotesPerFile+1 || !strings.Contains(last, "279 more error notes") {
		t.Errorf("%d notes for broken.tf, last %q; want %d and a count of the rest", n, last, maxNotesPerFile+1)
	}
}
