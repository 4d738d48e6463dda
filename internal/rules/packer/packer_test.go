package packer

import (
	"testing"

	"github.com/prodgrade/prodgrade/internal/rules/rulestest"
)

// TestRules runs every packer rule against its fixtures in testdata/.
func TestRules(t *testing.T) { rulestest.Run(t, "testdata", "packer") }
