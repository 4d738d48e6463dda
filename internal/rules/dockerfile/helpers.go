package dockerfile

import (
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/source/compose"
	df "github.com/prodgrade/prodgrade/internal/source/dockerfile"
)

// stageKinds is what every Dockerfile rule runs on.
var stageKinds = []string{df.KindStage}

// instr is one instruction of a stage, with its path for findings.
type instr struct {
	v    infra.Value
	path string
	cmd  string
}

// instructions lists a stage's instructions after its FROM.
func instructions(r *infra.Resource) []instr {
	var out []instr
	for i, v := range r.Attrs.Get("instructions").List() {
		cmd, _ := v.Get("cmd").Str()
		out = append(out, instr{v: v, path: "instructions[" + itoa(i) + "]", cmd: cmd})
	}
	return out
}

// isFinal reports the stage an image is built from: the last one, or the
// target a Compose service builds.
func isFinal(c *rules.Check) bool {
	if b, _ := c.R.Attrs.Get("final").Bool(); b {
		return true
	}
	return len(builders(c)) > 0
}

// builders are the Compose services that build this stage.
func builders(c *rules.Check) []*infra.Resource {
	return c.Graph.Referrers(c.R, compose.KindService, "build")
}

// IsRootUser reports a USER or user: value that runs as root: root, 0,
// or either with a group.
func IsRootUser(u string) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(u), ":")
	return name == "root" || name == "0"
}

func str(v infra.Value) string {
	s, _ := v.Str()
	return s
}

func itoa(i int) string { return strconv.Itoa(i) }
