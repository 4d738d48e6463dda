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
