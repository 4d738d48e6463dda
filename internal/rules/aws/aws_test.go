package aws

import (
	"testing"

	"github.com/prodgrade/prodgrade/internal/rules/rulestest"
)

// TestRules runs every AWS rule against its fixtures in testdata/<rule-id>/.
func TestRules(t *testing.T) { rulestest.Run(t, "testdata", "aws") }
