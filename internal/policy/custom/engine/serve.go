package engine

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/prodgrade/prodgrade/internal/policy/custom/wire"
)

// evalTimeout bounds one evaluation: a policy that takes longer on one
// resource is broken, and its result becomes an error, not a hung scan.
const evalTimeout = 10 * time.Second

// Serve speaks the wire protocol as prodgrade-policy: it answers one
// Load, then Evals, concurrently, until in ends.
func Serve(in io.Reader, out io.Writer) error {
	dec := json.NewDecoder(bufio.NewReader(in))
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	var load wire.Load
	if err := dec.Decode(&load); err != nil {
		return fmt.Errorf("reading the policies: %v (prodgrade-policy is run by prodgrade, not by hand)", err)
	}
	if load.Version != wire.Version {
		return fmt.Errorf("policies of protocol version %d, this evaluator speaks %d: build prodgrade and prodgrade-policy from the same source", load.Version, wire.Version)
	}
	eng, errs := Compile(context.Background(), load.Policies)
	if err := enc.Encode(wire.Loaded{Errors: errs}); err != nil {
		return err
	}
	if err := w.Flush(); err != nil || eng == nil {
		return err
	}

	var (
		mu   sync.Mutex // guards enc and w
		werr error
		wg   sync.WaitGroup
		sem  = make(chan struct{}, runtime.GOMAXPROCS(0))
	)
	for {
		var ev wire.Eval
		if err := dec.Decode(&ev); err != nil {
			wg.Wait()
			if errors.Is(err, io.EOF) {
				return werr
			}
			return fmt.Errorf("reading a request: %v", err)
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			ctx, cancel := context.WithTimeout(context.Background(), evalTimeout)
			res := wire.Result{ID: ev.ID}
			outcomes, err := eng.Eval(ctx, ev.Policy, ev.Input)
			cancel()
			if err != nil {
				res.Error = err.Error()
			} else {
				res.Outcomes = outcomes
			}
			mu.Lock()
			defer mu.Unlock()
			if werr == nil {
				if werr = enc.Encode(res); werr == nil {
					werr = w.Flush()
				}
			}
		}()
	}
}
