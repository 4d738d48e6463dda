package terraform

import "github.com/prodgrade/prodgrade/internal/source/hclguard"

// The nesting guard is shared with every HCL front end (see hclguard).
const maxNesting = hclguard.MaxNesting

var (
	tooDeep   = hclguard.TooDeep
	depthNote = hclguard.DepthNote
)
