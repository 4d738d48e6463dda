package source

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers bounds the goroutines of one scan, however the work nests: the
// scan loads formats, a format loads components, a component loads files.
// Every level asks the same Workers, so the whole scan runs on about
// GOMAXPROCS goroutines rather than GOMAXPROCS per level.
type Workers struct {
	slots chan struct{}
}

// NewWorkers returns a bound of n goroutines (n < 1: GOMAXPROCS).
func NewWorkers(n int) *Workers {
	if n < 1 {
		n = runtime.GOMAXPROCS(0)
	}
	// The caller of Each always works too, so n-1 more goroutines make n.
	return &Workers{slots: make(chan struct{}, n-1)}
}

// Each calls f(i) for every i in [0, n), in parallel within the bound. The
// calling goroutine takes part, and a call that finds no free slot runs its
// work itself, so nested calls can never wait on each other. Once ctx is
// cancelled no further call of f starts; Each returns when those started
// have returned.
func (w *Workers) Each(ctx context.Context, n int, f func(i int)) {
	if w == nil {
		w = NewWorkers(0)
	}
	var next atomic.Int64
	work := func() {
		for ctx.Err() == nil {
			i := int(next.Add(1) - 1)
			if i >= n {
				return
			}
			f(i)
		}
	}
	var wg sync.WaitGroup
spawn:
	for k := 1; k < n; k++ {
		select {
		case w.slots <- struct{}{}:
			wg.Add(1)
			go func() {
				defer func() { <-w.slots; wg.Done() }()
				work()
			}()
		default:
			break spawn
		}
	}
	work()
	wg.Wait()
}
