package main

import (
	"testing"

	"github.com/prodgrade/prodgrade/internal/policy/custom/evaltest"
	"github.com/prodgrade/prodgrade/internal/rendertest"
)

// The tests scan Helm charts: they need prodgrade-render; and they load
// custom rules: the test binary is their evaluator.
func TestMain(m *testing.M) { evaltest.Init(); rendertest.Main(m) }
