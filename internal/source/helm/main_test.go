package helm_test

import (
	"testing"

	"github.com/prodgrade/prodgrade/internal/rendertest"
)

func TestMain(m *testing.M) { rendertest.Main(m) }
