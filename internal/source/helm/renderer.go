package helm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"

	"github.com/prodgrade/prodgrade/internal/sidecar"
	"github.com/prodgrade/prodgrade/internal/source/helm/wire"
)

// RendererEnv names the environment variable that may name the renderer
// explicitly (a path); otherwise it is looked for next to the running
// executable, then on PATH.
const RendererEnv = "PRODGRADE_RENDER"

// findRenderer finds prodgrade-render. Its error is the coverage note's
// text: what was looked for, and how to build it.
func findRenderer() (string, error) {
	p, err := sidecar.Find("prodgrade-render", RendererEnv)
	if err == nil {
		return p, nil
	}
	var nf *sidecar.NotFound
	if !errors.As(err, &nf) {
		return "", fmt.Errorf("Helm charts not rendered: %v", err)
	}
	msg := "Helm charts not rendered: prodgrade-render not found next to prodgrade or on PATH; build it with go build -o <dir> ./cmd/prodgrade-render"
	if strings.Contains(nf.ExeDir, "go-build") {
		// go run builds prodgrade in a temporary directory of its own.
		msg += "; with go run, build it first: go build -o ./bin/prodgrade-render ./cmd/prodgrade-render and set " + RendererEnv + "=./bin/prodgrade-render"
	}
	return "", errors.New(msg)
}

// errOutOfMemory: the renderer died at the memory cap it sets itself
// (cmd/prodgrade-render).
var errOutOfMemory = errors.New("out of memory")

// maxStderr bounds what of the renderer's standard error a note quotes.
const maxStderr = 2000

// maxResponse bounds the renderer's response: a chart whose templates
// print without end must not exhaust prodgrade's memory.
const maxResponse = 256 << 20

// capped keeps at most max bytes. Past them, it keeps nothing more and,
// when it writes to w, fails the write, which ends the renderer's run.
type capped struct {
	w    io.Writer
	buf  bytes.Buffer // when w is nil
	max  int
	n    int
	over bool
}

func (c *capped) Write(p []byte) (int, error) {
	n, room := len(p), c.max-c.n
	if len(p) > room {
		c.over = true
		if c.w != nil {
			return 0, fmt.Errorf("the response is larger than %d MiB", c.max>>20)
		}
		p = p[:max(room, 0)]
	}
	c.n += len(p)
	if c.w != nil {
		return c.w.Write(p)
	}
	c.buf.Write(p)
	return n, nil
}

// runRenderer runs the renderer on one request. ctx bounds it: when ctx is
// done the renderer is killed, whatever template it is in.
func runRenderer(ctx context.Context, exe string, req *wire.Request) (*wire.Response, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	var stdout bytes.Buffer
	var stderr capped
	stderr.max = maxStderr
	cmd := exec.CommandContext(ctx, exe)
	cmd.Stdin = bytes.NewReader(body)
	cmd.Stdout, cmd.Stderr = &capped{w: &stdout, max: maxResponse}, &stderr
	cmd.WaitDelay = time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		msg := strings.TrimSpace(stderr.buf.String())
		if stderr.over {
			msg += "…"
		}
		if strings.Contains(msg, "fatal error: out of memory") {
			// The renderer caps its own memory (cmd/prodgrade-render).
			return nil, errOutOfMemory
		}
		return nil, fmt.Errorf("%s: %v: %s", exe, err, oneLine(msg))
	}
	var resp wire.Response
	if err := json.Unmarshal(stdout.Bytes(), &resp); err != nil {
		return nil, fmt.Errorf("%s: reading its response: %v", exe, err)
	}
	return &resp, nil
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
