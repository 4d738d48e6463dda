package report_test

import (
	"testing"

	"github.com/prodgrade/prodgrade/internal/rendertest"
)

// The tests scan Helm charts: they need prodgrade-render.
func TestMain(m *testing.M) { rendertest.Main(m) }
