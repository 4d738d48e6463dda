package report

import (
	"bytes"
	"os"
	"testing"
)

func TestUseColor(t *testing.T) {
	env := func(kv map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := kv[k]; return v, ok }
	}
	// A buffer or a regular file is never a terminal.
	if UseColor(&bytes.Buffer{}, false, env(nil)) {
		t.Error("colour on a buffer")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if UseColor(f, false, env(nil)) {
		t.Error("colour on a regular file")
	}
	// A character device stands in for a terminal.
	tty, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer tty.Close()
	if !UseColor(tty, false, env(nil)) {
		t.Error("no colour on a character device")
	}
	for name, kv := range map[string]map[string]string{
		"NO_COLOR set":   {"NO_COLOR": "1"},
		"NO_COLOR empty": {"NO_COLOR": ""},
		"TERM=dumb":      {"TERM": "dumb"},
	} {
		if UseColor(tty, false, env(kv)) {
			t.Errorf("%s: colour", name)
		}
	}
	if UseColor(tty, true, env(nil)) {
		t.Error("--no-color: colour")
	}
}
