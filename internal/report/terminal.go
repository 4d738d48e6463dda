package report

import (
	"io"
	"os"
)

// IsTerminal reports whether w is a terminal (a character device), the only
// place colour belongs. Pipes, files and buffers are not.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// UseColor decides whether a text report written to w gets colour: only on a
// terminal, never when the NO_COLOR environment variable is set (to anything,
// see no-color.org), when TERM is "dumb", or when the user asked for none.
func UseColor(w io.Writer, noColor bool, getenv func(string) (string, bool)) bool {
	if noColor {
		return false
	}
	if _, set := getenv("NO_COLOR"); set {
		return false
	}
	if t, _ := getenv("TERM"); t == "dumb" {
		return false
	}
	return IsTerminal(w)
}
