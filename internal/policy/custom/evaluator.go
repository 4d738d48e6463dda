package custom

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"

	"github.com/prodgrade/prodgrade/internal/policy/custom/wire"
	"github.com/prodgrade/prodgrade/internal/sidecar"
)

// EvaluatorEnv names the environment variable that may name
// prodgrade-policy explicitly (a path); otherwise it is looked for next to
// the running executable, then on PATH.
const EvaluatorEnv = "PRODGRADE_POLICY"

// ServeEnv is set (to 1) in the evaluator's environment, and only there.
const ServeEnv = "PRODGRADE_POLICY_SERVE"

// findEvaluator finds prodgrade-policy; its error says how to build it.
func findEvaluator() (string, error) {
	p, err := sidecar.Find("prodgrade-policy", EvaluatorEnv)
	var nf *sidecar.NotFound
	switch {
	case err == nil:
		return p, nil
	case errors.As(err, &nf):
		return "", errors.New("custom rules need prodgrade-policy, which is not next to prodgrade or on PATH; " +
			"build it with go build -o <dir> ./cmd/prodgrade-policy, or name it with " + EvaluatorEnv + "=/path/to/prodgrade-policy")
	}
	return "", fmt.Errorf("custom rules need prodgrade-policy: %v", err)
}

// evaluator is the handle the rules' checks hold. When no rule refers to
// it any more, a cleanup closes the process's standard input and it ends.
type evaluator struct{ *conn }

// conn is a running prodgrade-policy. Its reader goroutine refers to conn,
// never to the evaluator, so that the evaluator can be collected.
type conn struct {
	exe    string
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr *bytes.Buffer // guarded by mu until the process has ended
	// done is closed when read returns: the process's output has ended
	// and err says why.
	done chan struct{}

	mu      sync.Mutex
	enc     *json.Encoder
	next    uint64
	pending map[uint64]chan wire.Result
	err     error // why the process can no longer answer
}

// maxStderr bounds what of the evaluator's standard error an error quotes.
const maxStderr = 2000

// startEvaluator starts prodgrade-policy and has it compile the policies.
// Compile errors come back as errs (each naming file:line); err is for an
// evaluator that cannot be started or answers wrongly.
func startEvaluator(policies []wire.Policy) (ev *evaluator, errs []string, err error) {
	exe, err := findEvaluator()
	if err != nil {
		return nil, nil, err
	}
	c := &conn{exe: exe, cmd: exec.Command(exe), stderr: &bytes.Buffer{}, pending: map[uint64]chan wire.Result{}}
	c.cmd.Stderr = &limitedWriter{w: c.stderr, n: maxStderr}
	// Marks the process as started to evaluate; prodgrade-policy needs no
	// mark, but a test binary that is its own evaluator does (evaltest).
	c.cmd.Env = append(os.Environ(), ServeEnv+"=1")
	if c.stdin, err = c.cmd.StdinPipe(); err != nil {
		return nil, nil, err
	}
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	if err := c.cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("starting %s: %v", exe, err)
	}
	c.enc = json.NewEncoder(c.stdin)
	dec := json.NewDecoder(bufio.NewReader(stdout))
	var loaded wire.Loaded
	if err := c.enc.Encode(wire.Load{Version: wire.Version, Policies: policies}); err != nil {
		return nil, nil, c.fail(err)
	}
	if err := dec.Decode(&loaded); err != nil {
		return nil, nil, c.fail(err)
	}
	if len(loaded.Errors) > 0 {
		c.stdin.Close()
		c.cmd.Wait()
		return nil, loaded.Errors, nil
	}
	c.done = make(chan struct{})
	go c.read(dec)
	ev = &evaluator{c}
	runtime.AddCleanup(ev, func(c *conn) { c.stdin.Close() }, c)
	return ev, nil, nil
}

// fail ends the process after an error in the protocol and says why,
// with what it wrote to standard error.
func (c *conn) fail(err error) error {
	c.stdin.Close()
	werr := c.cmd.Wait()
	msg := strings.TrimSpace(c.stderr.String())
	if msg == "" && werr != nil {
		msg = werr.Error()
	}
	return fmt.Errorf("%s: %v: %s", c.exe, err, strings.Join(strings.Fields(msg), " "))
}

// read hands each result to the check waiting for it, until the process
// ends; then every waiting and later check gets the reason.
func (c *conn) read(dec *json.Decoder) {
	defer close(c.done)
	for {
		var res wire.Result
		if err := dec.Decode(&res); err != nil {
			werr := c.cmd.Wait()
			c.mu.Lock()
			msg := strings.Join(strings.Fields(c.stderr.String()), " ")
			if msg == "" && werr != nil {
				msg = werr.Error()
			}
			c.err = fmt.Errorf("%s stopped: %s", c.exe, msg)
			for id, ch := range c.pending {
				close(ch)
				delete(c.pending, id)
			}
			c.mu.Unlock()
			return
		}
		c.mu.Lock()
		ch := c.pending[res.ID]
		delete(c.pending, res.ID)
		c.mu.Unlock()
		if ch != nil {
			ch <- res
		}
	}
}

// eval evaluates policy i on input and waits for the answer.
func (c *conn) eval(i int, input []byte) ([]wire.Outcome, error) {
	ch := make(chan wire.Result, 1)
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return nil, c.err
	}
	c.next++
	id := c.next
	c.pending[id] = ch
	err := c.enc.Encode(wire.Eval{ID: id, Policy: i, Input: input})
	if err != nil {
		delete(c.pending, id)
	}
	c.mu.Unlock()
	if err != nil {
		// The process is gone: say why it went (its standard error),
		// which read records once it sees the end of its output.
		<-c.done
		c.mu.Lock()
		defer c.mu.Unlock()
		return nil, c.err
	}
	res, ok := <-ch
	if !ok {
		c.mu.Lock()
		defer c.mu.Unlock()
		return nil, c.err
	}
	if res.Error != "" {
		return nil, errors.New(res.Error)
	}
	return res.Outcomes, nil
}

// limitedWriter keeps the first n bytes written and drops the rest.
type limitedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
	n  int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if room := l.n - l.w.Len(); room > 0 {
		l.w.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
