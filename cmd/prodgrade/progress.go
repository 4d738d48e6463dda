package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prodgrade/prodgrade/internal/scan"
)

// progressDelay is how long a scan runs before its progress is shown: a
// quick scan prints nothing, a long one says it is working.
const progressDelay = 500 * time.Millisecond

// showProgress keeps one line on w (a terminal) up to date with p, from
// progressDelay on, until stop is called; stop erases the line.
func showProgress(w io.Writer, p *scan.Progress) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	shown := false
	go func() {
		defer wg.Done()
		select {
		case <-done:
			return
		case <-time.After(progressDelay):
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			fmt.Fprintf(w, "\r\x1b[K%s", progressLine(p.Snapshot()))
			shown = true
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
		if shown {
			io.WriteString(w, "\r\x1b[K")
		}
	}
}

// progressLine words a snapshot: files found per format, then what is graded.
func progressLine(s scan.Snapshot) string {
	if s.Found == nil {
		return "prodgrade: looking for files…"
	}
	total := 0
	var per []string
	for _, f := range s.Found {
		total += f.Files
		per = append(per, f.Format+" "+thousands(f.Files))
	}
	line := "prodgrade: " + thousands(total) + " files"
	if len(per) > 0 {
		line += " (" + strings.Join(per, ", ") + ")"
	}
	return line + " · " + thousands(s.Components) + " components, " + thousands(s.Resources) + " resources graded"
}

// thousands writes n with comma separators: 12,345.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
