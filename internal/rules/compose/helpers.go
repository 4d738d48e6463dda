package compose

import (
	"strconv"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/source/compose"
)

// serviceKinds is what the service rules run on.
var serviceKinds = []string{compose.KindService}

// builtStage is the Dockerfile stage the service's image is built from,
// or nil when it runs an image built elsewhere (or its Dockerfile was not
// found).
func builtStage(c *rules.Check) *infra.Resource {
	if ts := c.Graph.Targets(c.R, "build"); len(ts) > 0 {
		return ts[0]
	}
	return nil
}

// longRunning reports a service meant to keep running: not a task that
// other services wait on to complete (depends_on condition
// service_completed_successfully), such as a migration.
func longRunning(c *rules.Check) bool {
	for _, r := range c.Graph.Resources() {
		if r.Kind != compose.KindService {
			continue
		}
		if str(r.Attrs.Get("depends_on").Field(c.R.Name).Get("condition")) == "service_completed_successfully" {
			return false
		}
	}
	return true
}

func str(v infra.Value) string {
	s, _ := v.Str()
	return s
}

func itoa(i int) string { return strconv.Itoa(i) }
