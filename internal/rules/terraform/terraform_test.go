package terraform

import (
	"testing"

	"github.com/prodgrade/prodgrade/internal/rules/rulestest"
)

func TestRules(t *testing.T) { rulestest.Run(t, "testdata", "terraform") }
