package compose

import (
	"testing"

	"github.com/prodgrade/prodgrade/internal/rules/rulestest"
)

// TestRules runs every Compose rule against its fixtures in testdata/.
func TestRules(t *testing.T) { rulestest.Run(t, "testdata", "compose") }
