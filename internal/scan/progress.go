package scan

import (
	"sort"
	"sync"
	"sync/atomic"
)

// Progress counts what a scan has done so far, for a display that reads it
// while the scan runs (prodgrade's line on standard error). It is safe for
// concurrent use; the zero Progress is ready.
type Progress struct {
	mu sync.Mutex
	// found are the files found per format, set once discovery is done.
	found map[string]int
	// Components and Resources count what has been graded so far.
	components, resources atomic.Int64
}

func (p *Progress) setFound(byFormat map[string][]string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.found = map[string]int{}
	for f, files := range byFormat {
		if len(files) > 0 {
			p.found[f] = len(files)
		}
	}
}

func (p *Progress) graded(resources int) {
	if p == nil {
		return
	}
	p.components.Add(1)
	p.resources.Add(int64(resources))
}

// Snapshot is the progress at one moment.
type Snapshot struct {
	// Found are the files found per format, sorted by format name; nil
	// while the tree is still being walked.
	Found []FormatCount
	// Components and Resources graded so far.
	Components, Resources int
}

// FormatCount is a number of files of one format.
type FormatCount struct {
	Format string
	Files  int
}

// Snapshot reads the counters.
func (p *Progress) Snapshot() Snapshot {
	p.mu.Lock()
	var found []FormatCount
	for f, n := range p.found {
		found = append(found, FormatCount{f, n})
	}
	p.mu.Unlock()
	sort.Slice(found, func(i, j int) bool { return found[i].Format < found[j].Format })
	return Snapshot{Found: found, Components: int(p.components.Load()), Resources: int(p.resources.Load())}
}
