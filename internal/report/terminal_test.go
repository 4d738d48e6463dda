package report

import (
	"bytes"
	"os"
	"strings"
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

// A string from scanned code cannot drive the terminal: the text report
// replaces control characters, and only its own colours are escapes.
func TestTextReplacesControlCharacters(t *testing.T) {
	r := New("t")
	r.Components = []Component{{Name: "web\x1b]0;pwned\x07", Path: "p", Kind: "k", Verdicts: Verdicts{}}}
	r.Notes = []Note{{Kind: "coverage", File: "a\x1b[2J.tf", Message: "clear\x1b[2Jscreen\u009b1m\ttab\nnext"}}
	r.Finish(1)
	for _, color := range []bool{false, true} {
		var b bytes.Buffer
		if err := WriteText(&b, r, TextOptions{Color: color}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.Contains(out, "\x1b]0") || strings.Contains(out, "\x1b[2J") || strings.Contains(out, "\x07") || strings.Contains(out, "\u009b") {
			t.Errorf("color %v: a control sequence from the report reached the output: %q", color, out)
		}
		if !strings.Contains(out, "clear\uFFFD[2Jscreen\uFFFD1m\ttab\nnext") {
			t.Errorf("color %v: the message lost its text, tab or newline: %q", color, out)
		}
		if color && !strings.Contains(out, ansiBold) {
			t.Error("colours are gone")
		}
	}
}
