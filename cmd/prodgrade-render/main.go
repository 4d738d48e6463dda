// Command prodgrade-render renders one Helm chart for prodgrade: it reads
// one JSON request (internal/source/helm/wire) on standard input and
// writes one JSON response on standard output. prodgrade runs it once
// per chart it scans; it is a program of its own so that only scans of
// charts pay for initialising Helm's packages.
//
// It reads no file and uses no network: the chart's files and the user's
// values come in the request.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/prodgrade/prodgrade/internal/source/helm/render"
	"github.com/prodgrade/prodgrade/internal/source/helm/wire"
)

func main() {
	limitMemory()
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "prodgrade-render:", err)
		os.Exit(2)
	}
}

func run(in io.Reader, out io.Writer) error {
	var req wire.Request
	if err := json.NewDecoder(in).Decode(&req); err != nil {
		return fmt.Errorf("reading the request: %v (prodgrade-render is run by prodgrade, not by hand)", err)
	}
	if req.Version != wire.Version {
		return fmt.Errorf("request of protocol version %d, this renderer speaks %d: build prodgrade and prodgrade-render from the same source", req.Version, wire.Version)
	}
	resp := render.Render(context.Background(), &req)
	return json.NewEncoder(out).Encode(resp)
}
