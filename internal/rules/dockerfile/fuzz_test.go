package dockerfile

import (
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	df "github.com/prodgrade/prodgrade/internal/source/dockerfile"
)

// FuzzRules parses a Dockerfile and runs every Dockerfile rule on its
// stages: rules read shell text written by strangers, so none may panic or
// run away on any input.
func FuzzRules(f *testing.F) {
	for _, s := range []string{
		"FROM ubuntu:noble\nRUN apt-get update && apt-get install -y curl && cd /tmp; arch=`uname -m` && if [ $arch = x ]; then A=1; fi; wget https://x/${A} && tar -xzf a\nCMD [\"a\"]\n",
		"ARG V=3.20\nFROM alpine:${V} AS b\nRUN <<EOF\napk add curl | sh\nEOF\nFROM b\nUSER root\nADD https://x.example/a.tgz /a\nENV API_KEY=abc\nHEALTHCHECK NONE\nCMD run\n",
		"FROM golang:1.22\nWORKDIR src\nRUN go build -o /app . && sudo make\nEXPOSE 22 70000\nCOPY --from=nope / /\nCMD a\nCMD b\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		stages, _ := df.Parse("Dockerfile", []byte(text))
		if len(stages) == 0 {
			return
		}
		comp := &infra.Component{Name: "fuzz", Resources: stages}
		rules.Run(comp, infra.NewGraph(stages))
	})
}
